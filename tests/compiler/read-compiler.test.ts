/**
 * The read compiler without a database: GraphQL operations in, Cypher text and parameters out
 * (as the Neo4j GraphQL library's translation tests do). Runs on its own with
 * `npm run test:compiler` (no Neo4j is started) and within `npm test`.
 */
import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import neo4j from 'neo4j-driver';
import { encodeCursor } from '../../src/graphql/read/cursor.js';
import { neighborhoodStatement } from '../../src/graphql/read/queries.js';
import { compile } from './compile.js';

const int = (n: number) => neo4j.int(n);

/** The error a compile throws, to check its code. */
function failure(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (err) {
    return err as GraphQLError;
  }
  throw new Error('expected the compile to fail');
}

describe('Query.visits', () => {
  it('reads an unfiltered page in the order of the start-date index and counts from the label', () => {
    const { text, params } = compile(`{ visits(first: 2) { totalCount edges { cursor node { id date } } pageInfo { hasNextPage } } }`);
    expect(text).toBe(
      'CALL () { MATCH (n:Visit) RETURN count(n) AS total }\n' +
        'CALL () { MATCH (n:Visit) USING INDEX n:Visit(dateStart) WHERE n.dateStart IS NOT NULL WITH n ORDER BY n.dateStart, n.id LIMIT $p0 ' +
        'RETURN collect({ __rk: true, `cursor`: null, `node`: n { __rk: true, `id`: n.id, `date`: n.date } , __cursor: [n.dateStart, n.id] }) AS rows }\n' +
        'RETURN total, rows',
    );
    expect(params).toEqual({ p0: int(3) });
  });

  it('turns only the filters given into conditions, starting from the host country', () => {
    const { text, params } = compile(`{ visits(first: 20, filter: { host: "country:algeria", from: "2020", to: "2020-10" }) { edges { node { id } } } }`);
    expect(text).toBe(
      'CALL () { MATCH (anchor:Entity {id: $p0})<-[:HOST_COUNTRY]-(n:Visit) USING INDEX SEEK anchor:Entity(id) WHERE coalesce(n.dateEnd, n.dateStart) >= $p1 AND n.dateStart <= $p2 ' +
        'WITH n ORDER BY n.dateStart, n.id LIMIT $p3 RETURN collect({ __rk: true, `node`: n { __rk: true, `id`: n.id } , __cursor: [n.dateStart, n.id] }) AS rows }\n' +
        'RETURN rows',
    );
    expect(params).toEqual({ p0: 'country:algeria', p1: '2020-01-01', p2: '2020-10-31', p3: int(21) });
    expect(text).not.toContain('IS NULL OR');
  });

  it('starts from the traveler when no host is given, and checks the traveler on the host\'s visits when both are', () => {
    expect(compile(`{ visits(filter: { traveler: "person:a" }) { totalCount } }`).text).toBe(
      'CALL () { MATCH (anchor:Entity {id: $p0})<-[:TRAVELER]-(n:Visit) USING INDEX SEEK anchor:Entity(id) RETURN count(n) AS total }\nRETURN total',
    );
    expect(compile(`{ visits(filter: { traveler: "person:a", host: "country:b" }) { totalCount } }`).text).toBe(
      'CALL () { MATCH (anchor:Entity {id: $p0})<-[:HOST_COUNTRY]-(n:Visit) USING INDEX SEEK anchor:Entity(id) WHERE EXISTS { (n)-[:TRAVELER]->(:Entity {id: $p1}) } RETURN count(n) AS total }\nRETURN total',
    );
  });

  it('continues after a cursor with a range the index can seek and the exact keyset condition', () => {
    const after = encodeCursor(['2020-10-01', 'visit:x']);
    const { text, params } = compile(`query ($after: String) { visits(first: 1, after: $after) { edges { node { id } } } }`, { after });
    expect(text).toContain('MATCH (n:Visit) USING INDEX SEEK n:Visit(dateStart) WHERE n.dateStart >= $p0 AND (n.dateStart > $p0 OR n.id > $p1) WITH n ORDER BY n.dateStart, n.id LIMIT $p2');
    expect(params).toEqual({ p0: '2020-10-01', p1: 'visit:x', p2: int(2) });
  });

  it('refuses a page size out of range and a cursor it did not write, with typed errors', () => {
    expect(failure(() => compile(`{ visits(first: -1) { totalCount } }`)).extensions.code).toBe('BAD_USER_INPUT');
    expect(failure(() => compile(`{ visits(first: 5000) { totalCount } }`)).extensions.code).toBe('BAD_USER_INPUT');
    expect(failure(() => compile(`{ visits(after: "not-a-cursor") { totalCount } }`)).extensions.code).toBe('BAD_USER_INPUT');
    expect(failure(() => compile(`{ visits(filter: { from: "2021", to: "2020" }) { totalCount } }`)).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('gives a visit\'s traveler and host without a sort per row (one of each by the model)', () => {
    const { text } = compile(`{ visits { edges { node { traveler { id } host { id } } } } }`);
    expect(text).toContain('`traveler`: head(COLLECT { MATCH (n)-[:TRAVELER]->(x0) RETURN x0 { __rk: true, __kind: x0.kind, __labels: labels(x0), `id`: x0.id } LIMIT 1 })');
    expect(text).toContain('`host`: head(COLLECT { MATCH (n)-[:HOST_COUNTRY]->(x1) RETURN x1 { __rk: true, __kind: x1.kind, __labels: labels(x1), `id`: x1.id } LIMIT 1 })');
  });
});

describe('type information', () => {
  it('is projected only for values of an interface type', () => {
    const { text } = compile(`{ visit(id: "visit:a") { id meetings { id } traveler { id } } }`);
    // Visit and Meeting are object types: no kind and labels; the traveler is an Entity.
    expect(text).toContain('RETURN n { __rk: true, `id`: n.id, `meetings`:');
    expect(text).toContain('RETURN x1 { __rk: true, `id`: x1.id } }');
    expect(text).toContain('x3 { __rk: true, __kind: x3.kind, __labels: labels(x3), `id`: x3.id }');
  });
});

describe('selection sets', () => {
  it('keeps each alias of one field with its own arguments under its own key', () => {
    const { text, params } = compile(`{ entity(id: "person:x") { ... on Person { early: visits(first: 2) { id } more: visits(first: 3) { date } } } }`);
    expect(text).toMatch(/`early`: CASE WHEN \(n\.kind = 'PERSON' AND NOT n:Visit AND NOT n:Meeting AND NOT n:Tour\) THEN COLLECT \{ .* LIMIT \$p2 RETURN x1 \{ __rk: true, `id`: x1\.id \} \} END/);
    expect(text).toMatch(/`more`: CASE WHEN .* LIMIT \$p4 RETURN x3 \{ __rk: true, `date`: x3\.date \} \} END/);
    expect(params).toEqual({ p0: 'person:x', p2: int(2), p4: int(3) });
  });

  it('computes a field asked through fragments on the interface only for the types that ask it', () => {
    const { text } = compile(`
      query { entity(id: "e") { id ...dated ... on Visit { host { name } } } }
      fragment dated on Meeting { date }
    `);
    expect(text).toContain('`date`: CASE WHEN n:Meeting THEN n.date END');
    expect(text).toContain('`host`: CASE WHEN n:Visit THEN head(COLLECT { MATCH (n)-[:HOST_COUNTRY]->');
    expect(text).toContain('`id`: n.id');
    expect(text.match(/`id`: n\.id/g)).toHaveLength(1);
  });

  it('leaves out what @skip and @include leave out, following the variables', () => {
    const query = `query ($more: Boolean!) { visit(id: "v") { id date @include(if: $more) purpose @skip(if: $more) } }`;
    expect(compile(query, { more: true }).text).toBe('MATCH (n:Entity {id: $p0}) WHERE n:Visit RETURN n { __rk: true, `id`: n.id, `date`: n.date } AS result');
    expect(compile(query, { more: false }).text).toBe('MATCH (n:Entity {id: $p0}) WHERE n:Visit RETURN n { __rk: true, `id`: n.id, `purpose`: n.purpose } AS result');
  });

  it('pages a nested list by keyset, with its cursor as parameters', () => {
    const after = encodeCursor(['2019-01-01', 'visit:b']);
    const { text, params } = compile(`query ($after: String) { entity(id: "c") { ... on Country { visitsReceivedConnection(first: 5, after: $after) { totalCount edges { node { id } } } } } }`, { after });
    expect(text).toContain('__total: COUNT { MATCH (x1:Visit)-[:HOST_COUNTRY]->(n) RETURN DISTINCT x1 }');
    expect(text).toMatch(/WHERE k2 > \$p\d+ OR \(k2 = \$p\d+ AND t3 > \$p\d+\) ORDER BY k2, t3 LIMIT \$p\d+/);
    expect(Object.values(params)).toEqual(expect.arrayContaining(['2019-01-01', 'visit:b', int(6)]));
  });
});

describe('injection-shaped input', () => {
  const hostile = `x'}) DETACH DELETE n //\`$p0`;

  it('goes into parameters, never into the text', () => {
    for (const query of [
      `{ entity(id: ${JSON.stringify(hostile)}) { id } }`,
      `{ visits(filter: { host: ${JSON.stringify(hostile)}, traveler: ${JSON.stringify(hostile)}, topic: ${JSON.stringify(hostile)} }) { totalCount } }`,
      `{ search(text: ${JSON.stringify(hostile)}) { id } }`,
    ]) {
      const { text, params } = compile(query);
      expect(text.toLowerCase()).not.toContain('detach');
      expect(JSON.stringify(params).toLowerCase()).toContain('detach delete');
    }
  });

  it('refuses relationship types outside the ontology instead of writing them into a pattern', () => {
    const error = failure(() => compile(`{ entity(id: "e") { relations(types: ["MET]-() DETACH DELETE n //"]) { type } } }`));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('unknown relationship type');
  });
});

describe('Query.neighborhood', () => {
  // Each level part adds seconds to planning the statement on a busy machine, paid again at every
  // replan: a shallow ask must not carry the parts of a deeper one.
  it('carries one level per level asked, and looks up visit-naming edges from the second level on', () => {
    const levels = (text: string) => text.split('level + 1 AS level').length - 1;
    const lookups = (text: string) => text.split('USING INDEX r:').length - 1;
    const texts = [1, 2, 3].map((depth) => neighborhoodStatement({ id: 'country:algeria', depth }).text);
    expect(texts.map(levels)).toEqual([1, 2, 3]);
    expect(texts.map(lookups)).toEqual([0, 6, 12]);
    expect(neighborhoodStatement({ id: 'country:algeria', depth: 2, limit: 10 }).text).toBe(texts[1]);
    expect(failure(() => neighborhoodStatement({ id: 'country:algeria', depth: 4 })).extensions.code).toBe('BAD_USER_INPUT');
  });
});
