/**
 * Neighbourhoods that stay readable: ranked (substantive relations before a source's bookkeeping,
 * then nearness, then ties), big fan-outs returned as groups that page, and what is left out
 * counted per relationship type. On the article's graph, with a small `groupOver` to make groups.
 */
import { describe, expect, it } from 'vitest';
import { upsertEntities } from '../src/graph/writeEntities.js';
import { cypher } from '../src/db/cypher.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await suite.server.gql<T>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

const GRAPH = `nodes { id kind } edges { type source target } groups { id node type direction count kinds from to } omitted { type grouped beyondLimit }`;

describe('ranking', () => {
  it('draws nodes reached through substantive relations before the source that only mentions them', async () => {
    const { neighborhood } = await data(`{ neighborhood(id: "person:mark-esper", depth: 2, limit: 1000, groupOver: 1000) { ${GRAPH} } }`);
    const kinds: string[] = neighborhood.nodes.map((n: any) => n.kind);
    const firstSource = kinds.indexOf('SOURCE');
    expect(firstSource).toBeGreaterThan(0);
    // Two hops away through a visit (Tebboune, whom Esper met) comes before the source one hop away.
    const ids: string[] = neighborhood.nodes.map((n: any) => n.id);
    expect(ids.indexOf('person:abdelmadjid-tebboune')).toBeLessThan(firstSource);
    expect(ids.indexOf('country:algeria')).toBeLessThan(firstSource);
  });

  it('cuts by rank and says what it left out, per relationship type', async () => {
    const all = await data(`{ neighborhood(id: "country:algeria", depth: 1, limit: 1000, groupOver: 1000) { ${GRAPH} } }`);
    const cut = await data(`{ neighborhood(id: "country:algeria", depth: 1, limit: 10, groupOver: 1000) { ${GRAPH} } }`);
    expect(cut.neighborhood.nodes).toEqual(all.neighborhood.nodes.slice(0, 10));
    const left = cut.neighborhood.omitted.reduce((sum: number, o: any) => sum + o.beyondLimit, 0);
    expect(left).toBe(all.neighborhood.nodes.length - 10);
    expect(all.neighborhood.omitted.every((o: any) => o.beyondLimit === 0 && o.grouped === 0)).toBe(true);
  });
});

describe('groups', () => {
  it('returns a big fan-out as one group with its count and dates, and its members page by page', async () => {
    const { neighborhood } = await data(`{ neighborhood(id: "country:algeria", depth: 1, limit: 200, groupOver: 1) { ${GRAPH} } }`);
    const received = neighborhood.groups.find((g: any) => g.type === 'HOST_COUNTRY');
    expect(received).toMatchObject({ node: 'country:algeria', direction: 'IN', kinds: ['EVENT'] });
    expect(received.count).toBeGreaterThan(1);
    const visits = await data(`{ entity(id: "country:algeria") { ... on Country { visitsReceived(first: 500) { id date } } } }`);
    expect(received.count).toBe(visits.entity.visitsReceived.length);
    expect(received.from).toBe(visits.entity.visitsReceived[0].date);
    // Not drawn one by one, and counted as grouped.
    const drawn = new Set(neighborhood.nodes.map((n: any) => n.id));
    expect(visits.entity.visitsReceived.some((v: any) => drawn.has(v.id))).toBe(false);
    expect(neighborhood.omitted.find((o: any) => o.type === 'HOST_COUNTRY').grouped).toBe(received.count);

    const members: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await data(`query ($id: ID!, $after: String) { neighborhoodGroup(id: $id, first: 1, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { id: received.id, after });
      expect(page.neighborhoodGroup.totalCount).toBe(received.count);
      members.push(...page.neighborhoodGroup.edges.map((e: any) => e.node.id));
      if (!page.neighborhoodGroup.pageInfo.hasNextPage) break;
      after = page.neighborhoodGroup.pageInfo.endCursor;
    }
    expect(members).toEqual(visits.entity.visitsReceived.map((v: any) => v.id));
  });

  it('still draws a group\'s member whose edge names a visit already drawn', async () => {
    const focus = 'visit:mark-esper-algeria-2020-10-01';
    // Through these two types alone, Tebboune is reached only through Esper's MET edges.
    const { neighborhood } = await data(`{ neighborhood(id: "${focus}", depth: 2, limit: 200, groupOver: 1, types: ["TRAVELER", "MET"]) { ${GRAPH} } }`);
    // Esper met more than one person, so his MET edges are a group at groupOver 1 ...
    const met = neighborhood.groups.find((g: any) => g.node === 'person:mark-esper' && g.type === 'MET');
    expect(met?.count).toBeGreaterThan(1);
    // ... yet Tebboune, whom he met on this visit (the edge names it), is drawn one by one, with that edge.
    expect(neighborhood.nodes.map((n: any) => n.id)).toContain('person:abdelmadjid-tebboune');
    expect(neighborhood.edges).toContainEqual({ type: 'MET', source: 'person:mark-esper', target: 'person:abdelmadjid-tebboune' });
  });

  it('finds that naming through an index for every type and property that carry it', async () => {
    const carried = await suite.db.read(async (tx) => (await tx.run(
      `MATCH ()-[r]->() UNWIND [key IN ['visitId', 'meetingId'] WHERE r[key] IS NOT NULL] AS key
       RETURN collect(DISTINCT type(r) + '.' + key) AS pairs`,
    )).records[0]!.get('pairs') as string[]);
    expect(carried).toEqual(expect.arrayContaining(['MET.meetingId', 'VISITED.visitId']));
    const indexed = [...cypher('parts/neighborhood-walk-events').matchAll(/USING INDEX r:([A-Z_]+)\((\w+)\)/g)].map((m) => `${m[1]}.${m[2]}`);
    for (const pair of carried) expect(indexed).toContain(pair);
  });

  it('refuses a group id it did not give and a groupOver out of range, with BAD_USER_INPUT', async () => {
    const bad = await suite.server.gql(`{ neighborhoodGroup(id: "country:algeria") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownType = await suite.server.gql(`{ neighborhoodGroup(id: "group:IN:LIKES:country:algeria") { totalCount } }`);
    expect(unknownType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const zero = await suite.server.gql(`{ neighborhood(id: "country:algeria", groupOver: 0) { nodes { id } } }`);
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(zero.errors?.[0]?.message).toMatch(/"groupOver" must be an integer from 1 to 1000/);
  });
});

describe('search', () => {
  it('puts the best connected of several exact matches first', async () => {
    // A namesake no fact names, whose id would sort first.
    await suite.db.write((tx) => upsertEntities(tx, [{ id: 'person:a-mark-esper', kind: 'PERSON', name: 'Mark Esper' }], 'replace'));
    const { search } = await data(`{ search(text: "Mark Esper", kinds: [PERSON], first: 2) { id } }`);
    expect(search.map((p: any) => p.id)).toEqual(['person:mark-esper', 'person:a-mark-esper']);
  });
});

describe('a dense neighbourhood', () => {
  it('answers with every edge among the nodes it keeps, in a fixed order, where they number thousands', async () => {
    // A focus who met 199 people, all of whom met each other: 19,900 edges among 200 nodes.
    const people = Array.from({ length: 199 }, (_, i) => ({ id: `person:dense-${String(i).padStart(3, '0')}`, kind: 'PERSON' as const, name: `Dense Person ${i}` }));
    await suite.db.write((tx) => upsertEntities(tx, [{ id: 'person:dense-focus', kind: 'PERSON', name: 'Dense Focus' }, ...people], 'replace'));
    await suite.db.write((tx) =>
      tx.run(
        `MATCH (a:Person), (b:Person)
         WHERE a.id STARTS WITH 'person:dense-' AND b.id STARTS WITH 'person:dense-' AND a.id < b.id
         CREATE (a)-[:MET {date: '2020-01-01'}]->(b)`,
      ),
    );
    const { neighborhood } = await data(`{ neighborhood(id: "person:dense-focus", depth: 1, limit: 200, groupOver: 1000) { nodes { id } edges { id type source target } } }`);
    expect(neighborhood.nodes).toHaveLength(200);
    expect(neighborhood.edges).toHaveLength(200 * 199 / 2);
    const keys = neighborhood.edges.map((e: any) => `${e.source} ${e.type} ${e.target} ${e.id}`);
    expect(keys).toEqual([...keys].sort());
  });
});
