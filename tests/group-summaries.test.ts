/**
 * Group summaries: a dense node's groups are read from its GroupSummary instead of walking all
 * its relationships. The answers must be the very ones the walk gives, a count must never be
 * stale (a write moves the node's degree, and the summary is not read until recounted), and the
 * keeper recounts after writes. Summarised here from 10 relationships up, so that the article
 * and 250 synthetic visits have dense nodes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfiledPlan } from 'neo4j-driver';
import { loadSynthetic } from '../bench/read.js';
import { keepGroupSummaries, refreshGroupSummaries } from '../src/graph/groupSummaries.js';
import { neighborhoodStatement } from '../src/graphql/read/queries.js';
import { useSeededServer } from './support/server.js';

// The server keeps no summaries here: each test says when they are counted.
const suite = useSeededServer({ groupSummaries: false });
const DENSE = 10;
const GRAPH = 'nodes { id kind name } edges { id type source target } groups { id node type direction count kinds from to } omitted { type grouped beyondLimit }';

let hub: string;
let person: string;

beforeAll(async () => {
  await loadSynthetic(suite.db, 250);
  hub = await one('MATCH (c:Country) RETURN c.id ORDER BY COUNT { (c)<-[:HOST_COUNTRY]-() } DESC, c.id LIMIT 1');
  person = await one('MATCH (p:Person)<-[:TRAVELER]-(:Visit) WITH p, count(*) AS n WHERE n >= 2 RETURN p.id ORDER BY n, p.id LIMIT 1');
}, 240_000);

async function one(text: string, params: Record<string, unknown> = {}): Promise<any> {
  return suite.db.read(async (tx) => (await tx.run(text, params)).records[0]!.get(0));
}

async function neighborhood(id: string, depth: number, groupOver: number): Promise<any> {
  const response = await suite.server.gql(`{ neighborhood(id: "${id}", depth: ${depth}, groupOver: ${groupOver}) { ${GRAPH} } }`);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.neighborhood;
}

/** The database hits of the neighbourhood statement, profiled. */
async function dbHits(id: string, depth: number, groupOver: number): Promise<number> {
  const statement = neighborhoodStatement({ id, depth, groupOver });
  const session = suite.db.driver.session();
  try {
    const result = await session.run(`PROFILE ${statement.text}`, statement.params);
    const sum = (plan: ProfiledPlan): number => Number(plan.dbHits) + plan.children.reduce((n, c) => n + sum(c), 0);
    return sum(result.summary.profile as ProfiledPlan);
  } finally {
    await session.close();
  }
}

const visitsReceived = (graph: any, node: string) => graph.groups.find((g: any) => g.node === node && g.type === 'HOST_COUNTRY' && g.direction === 'IN');

describe('a dense node\'s groups', () => {
  it('are the same read from summaries as counted by walking, with fewer database hits', async () => {
    const cases: [string, number, number][] = [[hub, 1, 5], [hub, 2, 10], [person, 2, 5], ['country:algeria', 2, 3]];
    const walked = [];
    for (const [id, depth, groupOver] of cases) walked.push({ answer: await neighborhood(id, depth, groupOver), hits: await dbHits(id, depth, groupOver) });
    expect(visitsReceived(walked[0]!.answer, hub).count).toBeGreaterThan(5);
    expect(await one('MATCH (c:Entity {id: $hub}) RETURN COUNT { (c)--() }', { hub })).toBeGreaterThan(DENSE);

    expect(await refreshGroupSummaries(suite.db, { dense: DENSE })).toBeGreaterThan(0);
    for (const [i, [id, depth, groupOver]] of cases.entries()) {
      expect(await neighborhood(id, depth, groupOver)).toEqual(walked[i]!.answer);
    }
    expect(await dbHits(hub, 1, 5)).toBeLessThan(walked[0]!.hits);
  });

  it('give the few edges outside the groups by id, without walking the node', async () => {
    // Listing the edges of buckets of up to 3 neighbours: at groupOver 3 the hub's other edges are
    // read by id; at 4 the summary does not cover them and the hub is walked. Its groups are the
    // same at both (none has exactly 4 neighbours), so the answers must be too.
    await refreshGroupSummaries(suite.db, { dense: DENSE, all: true, listedUpTo: 3 });
    const listed = await neighborhood(hub, 1, 3);
    const walked = await neighborhood(hub, 1, 4);
    expect(listed.groups.length).toBeGreaterThan(0);
    expect(listed.groups.every((g: any) => g.count > 4)).toBe(true);
    expect(listed).toEqual(walked);
    expect(listed.nodes.length).toBeGreaterThan(1);
    // Not walking the groups saves at least a database hit per grouped edge.
    const grouped = listed.groups.reduce((n: number, g: any) => n + g.count, 0);
    expect((await dbHits(hub, 1, 4)) - (await dbHits(hub, 1, 3))).toBeGreaterThanOrEqual(grouped);
    await refreshGroupSummaries(suite.db, { dense: DENSE, all: true });
  });

  it('count a write at once, and are recounted for the nodes it touched only', async () => {
    await refreshGroupSummaries(suite.db, { dense: DENSE });
    const before = visitsReceived(await neighborhood(hub, 1, 5), hub);
    const recorded = await suite.server.gqlAuth(
      `mutation { recordVisit(input: { traveler: { id: "${person}" }, host: { id: "${hub}" }, date: "2031-05-06" }) { visit { id } } }`,
    );
    expect(recorded.errors, JSON.stringify(recorded.errors)).toBeUndefined();

    // Not recounted yet: the degree moved, so the relationships are walked and the count is right.
    const after = visitsReceived(await neighborhood(hub, 1, 5), hub);
    expect(after.count).toBe(before.count + 1);
    expect(after.to).toBe('2031-05-06');

    const recounted = await refreshGroupSummaries(suite.db, { dense: DENSE });
    expect(recounted).toBeGreaterThan(0);
    expect(recounted).toBeLessThan(5);
    expect(visitsReceived(await neighborhood(hub, 1, 5), hub)).toEqual(after);
  });

  it('are not counted again by the keeper when a refresh began after the last write (an import ends with one)', async () => {
    // A long delay: only settled() starts the keeper's refresh, after the one run here.
    const keeper = keepGroupSummaries(suite.db, { delayMs: 600_000, dense: DENSE });
    try {
      await suite.db.write((tx) => tx.run('CREATE (:KeeperProbe)'));
      await refreshGroupSummaries(suite.db, { dense: DENSE });
      await keeper.settled();
      expect(keeper.refreshes).toBe(0);

      // A write after that refresh began is the keeper's to summarise.
      await suite.db.write((tx) => tx.run('MATCH (n:KeeperProbe) DELETE n'));
      await keeper.settled();
      expect(keeper.refreshes).toBe(1);

      // A refresh with another threshold does not stand for the keeper's.
      await suite.db.write((tx) => tx.run('CREATE (:KeeperProbe)'));
      await refreshGroupSummaries(suite.db, { dense: DENSE + 1 });
      await keeper.settled();
      expect(keeper.refreshes).toBe(2);
    } finally {
      keeper.stop();
      await suite.db.write((tx) => tx.run('MATCH (n:KeeperProbe) DELETE n'));
    }
  });

  it('are recounted by the keeper after writes, and dropped when a node is no longer dense', async () => {
    const failures: unknown[] = [];
    const keeper = keepGroupSummaries(suite.db, { delayMs: 20, dense: DENSE, onError: (error) => failures.push(error) });
    try {
      await suite.db.write((tx) => tx.run('MATCH (c:Entity {id: $hub}) CREATE (:Entity:Visit {id: "visit:summary-test", kind: "VISIT", date: "1901-01-01", dateStart: "1901-01-01"})-[:HOST_COUNTRY]->(c)', { hub }));
      await keeper.settled();
      expect(failures).toEqual([]);
      const summary = await suite.db.read(async (tx) => (await tx.run(
        'MATCH (c:Entity {id: $hub}) MATCH (g:GroupSummary {of: elementId(c)}) RETURN g.degree = COUNT { (c)--() } AS current, g.froms AS froms, g.types AS types',
        { hub },
      )).records[0]!.toObject());
      expect(summary.current).toBe(true);
      expect(summary.froms[summary.types.indexOf('HOST_COUNTRY')]).toBe('1901-01-01');
    } finally {
      keeper.stop();
    }
    await refreshGroupSummaries(suite.db, { dense: 100_000 });
    expect(await one('MATCH (g:GroupSummary) RETURN count(g)')).toBe(0);
  });
});
