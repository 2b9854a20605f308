/** What the read API refuses and how: bad arguments, limits, unknown ids, internal errors, outages. */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Db } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { LIMITS } from '../src/graphql/limits.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { TEST_API_KEY, useSeededServer } from './support/server.js';
import { eventually, startStoppableNeo4j, type StoppableNeo4j } from './support/stoppableNeo4j.js';

describe('errors of the read API', () => {
  const suite = useSeededServer();

  async function refused(query: string, variables?: Record<string, unknown>) {
    const response = await suite.server.gql(query, variables);
    expect(response.errors?.length, JSON.stringify(response)).toBeGreaterThan(0);
    return response.errors![0]!;
  }

  it.each([
    ['search first above 100', '{ search(text: "esper", first: 101) { id } }', /"first" must be an integer from 1 to 100; got 101/],
    ['search first of 0', '{ search(text: "esper", first: 0) { id } }', /"first" must be an integer from 1 to 100/],
    ['visits first above 100', '{ visits(first: 500) { totalCount } }', /"first" must be an integer from 0 to 100; got 500/],
    ['neighborhood depth 4', '{ neighborhood(id: "country:algeria", depth: 4) { nodes { id } } }', /"depth" must be an integer from 1 to 3; got 4/],
    ['neighborhood limit 0', '{ neighborhood(id: "country:algeria", limit: 0) { nodes { id } } }', /"limit" must be an integer from 1 to 1000/],
    ['neighborhood unknown type', '{ neighborhood(id: "country:algeria", types: ["LIKES"]) { nodes { id } } }', /unknown relationship type\(s\) "LIKES"; allowed: VISITED, MET/],
    ['path maxHops 7', '{ path(from: "a", to: "b", maxHops: 7) { nodes { id } } }', /"maxHops" must be an integer from 1 to 6; got 7/],
    ['relations first 1000', '{ entity(id: "country:algeria") { relations(first: 1000) { type } } }', /"first" must be an integer from 1 to 100; got 1000/],
    ['relations unknown type', '{ entity(id: "country:algeria") { relations(types: ["x) DETACH DELETE (n"]) { type } } }', /unknown relationship type/],
    ['timeline first 101', '{ timeline(id: "person:mark-esper", first: 101) { date } }', /"first" must be an integer from 1 to 100/],
    ['malformed cursor', '{ visits(after: "not-a-cursor") { totalCount } }', /"after" must be a cursor taken from a previous page/],
    ['date range reversed', '{ visits(filter: { from: "2021", to: "2020" }) { totalCount } }', /is after "filter.to"/],
    ['impossible date', '{ visits(filter: { from: "2021-02-30" }) { totalCount } }', /does not exist: 2021-02 has 28 days/],
    ['malformed date', '{ visits(filter: { to: "yesterday" }) { totalCount } }', /is not a date: use YYYY, YYYY-MM or YYYY-MM-DD/],
  ])('%s gives BAD_USER_INPUT saying what is allowed', async (_name, query, message) => {
    const error = await refused(query);
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(message);
  });

  it('a malformed date in variables is refused with what is allowed', async () => {
    const error = await refused('query ($d: PartialDate) { visits(filter: { from: $d }) { totalCount } }', { d: '2020-13' });
    expect(error.message).toMatch(/months run 01 to 12/);
  });

  it('unknown ids give null or an empty graph, not an error', async () => {
    const response = await suite.server.gql(`{
      entity(id: "nobody") { id } visit(id: "visit:nobody") { id } timeline(id: "nobody") { date }
      neighborhood(id: "nobody") { nodes { id } edges { id } } path(from: "nobody", to: "country:algeria") { nodes { id } edges { id } }
    }`);
    expect(response).toEqual({
      data: { entity: null, visit: null, timeline: [], neighborhood: { nodes: [], edges: [] }, path: { nodes: [], edges: [] } },
    });
  });

  /** A refusal by a request limit: coded, names the limit, says what to change, no "Syntax Error". */
  async function refusedByLimit(query: string, limit: string, called = `${limit} limit`) {
    const body = await suite.server.gql(query);
    expect(body.data).toBeUndefined();
    // The item price (QUERY_TOO_EXPENSIVE) may refuse the same query too, as a second coded error.
    expect(body.errors?.every((e) => ['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_EXPENSIVE'].includes(e.extensions?.code))).toBe(true);
    const refusals = body.errors!.filter((e) => e.extensions?.limit);
    expect(refusals).toHaveLength(1);
    const error = refusals[0]!;
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit?.name).toBe(limit);
    expect(error.message).not.toMatch(/syntax/i);
    expect(error.message).toContain(called);
    return error;
  }

  it(`refuses queries deeper than ${LIMITS.maxDepth} levels, saying how deep it went and what to do`, async () => {
    let inner = 'id';
    // Each round adds two levels (relations, other): one field per level keeps the cost low.
    for (let i = 0; i < Math.ceil(LIMITS.maxDepth / 2); i += 1) inner = `relations { other { ${inner} } }`;
    const error = await refusedByLimit(`{ entity(id: "country:algeria") { ${inner} } }`, 'depth');
    expect(error.extensions?.limit).toEqual({ name: 'depth', max: LIMITS.maxDepth, found: LIMITS.maxDepth + 2 });
    expect(error.message).toMatch(/fewer nested levels/);
  });

  it(`refuses more than ${LIMITS.maxAliases} aliases`, async () => {
    const fields = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: relationshipTypes { name }`).join(' ');
    const error = await refusedByLimit(`{ ${fields} }`, 'aliases');
    expect(error.extensions?.limit).toEqual({ name: 'aliases', max: LIMITS.maxAliases, found: LIMITS.maxAliases + 1 });
  });

  it(`refuses queries costing more than ${LIMITS.maxCost}, with the cost found and how to lower it`, async () => {
    const wide = 'id name nameAr aliases summary labels properties kind';
    let inner = wide;
    for (let i = 0; i < 5; i += 1) inner = `relations { other { ${wide} ${inner} } from { ${wide} } to { ${wide} } }`;
    const fields = Array.from({ length: 10 }, (_, i) => `e${i}: entity(id: "country:algeria") { ${inner} }`).join(' ');
    const error = await refusedByLimit(`{ ${fields} }`, 'cost');
    expect(error.extensions?.limit.max).toBe(LIMITS.maxCost);
    expect(error.extensions?.limit.found).toBeGreaterThan(LIMITS.maxCost);
    expect(error.message).toContain(error.extensions!.limit.found.toLocaleString('en-US'));
    expect(error.message).toMatch(/smaller pages/);
  });

  it('refuses a page too costly for the cost limit though within the range of "first"', async () => {
    const nested = 'edges { node { id name meetings { participants { id name relations(first: 100) { other { id name } } } } } }';
    const error = await refusedByLimit(`{ visits(first: 100) { ${nested} } }`, 'cost');
    expect(error.message).toMatch(/`first`/);
  });

  it(`refuses documents of more than ${LIMITS.maxTokens} tokens`, async () => {
    const error = await refusedByLimit(`{ ${'__typename '.repeat(LIMITS.maxTokens + 10)} }`, 'tokens', 'token limit');
    expect(error.extensions?.limit).toEqual({ name: 'tokens', max: LIMITS.maxTokens });
  });

  it(`refuses more than ${LIMITS.maxDirectives} directives`, async () => {
    const error = await refusedByLimit(`{ __typename ${'@include(if: true) '.repeat(LIMITS.maxDirectives + 1)} }`, 'directives');
    expect(error.extensions?.limit.found).toBe(LIMITS.maxDirectives + 1);
  });

  it('gives BAD_USER_INPUT alone for an argument out of range, even where the cost limit would refuse the query too', async () => {
    const response = await suite.server.gql('{ visits(first: 100000) { totalCount edges { node { id } } } }');
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0]!.message).toBe('"first" must be an integer from 0 to 100; got 100000.');
  });

  it('still calls a real syntax error a syntax error', async () => {
    const error = await refused('{ visits(first: ) { totalCount } }');
    expect(error.message).toMatch(/^Syntax Error/);
  });

  it('gives other invalid queries the code GRAPHQL_VALIDATION_FAILED', async () => {
    const error = await refused('{ visits { noSuchField } }');
    expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.message).toMatch(/noSuchField/);
  });
});

describe('internal errors', () => {
  let db: Db;
  const logged: Record<string, any>[] = [];
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    db = connectTestDb();
    await freshDatabase(db);
    // A node that breaks the API's promises (no name): the kind of fault that is ours, not the client's.
    await db.write((tx) => tx.run("CREATE (:Entity:Person {id: 'person:broken', kind: 'PERSON', secret: 'internal detail'})"));
  });
  afterAll(async () => {
    await close();
    await db?.close();
  });

  it('are masked for the client and logged with their cause', async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    const app = createApp({ db, log: pino({ level: 'info' }, sink), apiKey: TEST_API_KEY });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', () => resolve()));
    close = async () => {
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    };
    const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}/graphql`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ entity(id: "person:broken") { id name } }' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body.errors[0]!.message).toBe('Unexpected error.');
    expect(JSON.stringify(body)).not.toMatch(/non-nullable|Person\.name/);
    const entry = logged.find((l) => l.msg === 'internal error');
    expect(entry?.err?.message).toMatch(/non-nullable field Person\.name/);
  });
});

// Needs a database it may stop: its own embedded Neo4j, whatever the run uses.
describe('the database going away and coming back', () => {
  let neo4j: StoppableNeo4j | undefined;
  afterAll(async () => {
    await neo4j?.close();
  });

  it('gives SERVICE_UNAVAILABLE while it is down, and answers again when it is back', async () => {
    neo4j = await startStoppableNeo4j(async (db) => {
      await applyMigrations(db);
      await loadSeed(db);
    });
    const { server } = neo4j;
    const query = '{ entity(id: "country:algeria") { name } visits(first: 1) { totalCount } }';

    const before = await server.gql(query);
    expect(before.errors).toBeUndefined();
    expect(before.data?.entity?.name).toBeTruthy();

    await neo4j.kill();
    // Fails fast: a bounded retry budget, a 503 with Retry-After, for reads and for writes.
    for (const [body, headers] of [
      [{ query }, {}],
      [{ query: 'mutation { recordVisit(input: { traveler: { id: "person:mark-esper" }, host: { name: "Algeria" }, date: "2020-10-01" }) { visit { id } } }' }, { authorization: `Bearer ${TEST_API_KEY}` }],
    ] as const) {
      const started = Date.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    }
    const down = await server.gql(query);
    expect(down.errors?.length).toBeGreaterThan(0);
    for (const error of down.errors!) {
      expect(error.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toMatch(/unavailable/);
    }
    // Reads that need no database still answer.
    expect((await server.gql('{ relationshipTypes { name } }')).errors).toBeUndefined();

    await neo4j.restart();
    expect(await eventually(() => server.gql(query), (response) => !response.errors)).toEqual(before);
  }, 480_000);
});
