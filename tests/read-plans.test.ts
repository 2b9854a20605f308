/**
 * Query.visits against the real planner: the statement the API runs for a page, profiled. An
 * unfiltered page is read in the order of the start-date index and stops after its rows; a page
 * of one host's visits starts from the host's edges. The answers are checked against a plain
 * statement that reads every visit. Neo4j caches plans by statement text, so the same pages are
 * first asked of a graph of one visit: a plan made then must not be the one a grown graph gets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProfiledPlan } from 'neo4j-driver';
import { loadSynthetic } from '../bench/read.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();
const VISITS = 250;
const PAGE_FIELDS = 'totalCount edges { cursor node { id date traveler { id name } host { id name } } } pageInfo { hasNextPage endCursor }';

beforeAll(async () => {
  const session = suite.db.driver.session();
  try {
    await session.run('MATCH (v:Visit) WITH v ORDER BY v.id SKIP 1 DETACH DELETE v');
  } finally {
    await session.close();
  }
  const first = await suite.server.gql(`{ visits(first: 1) { ${PAGE_FIELDS} } }`);
  const cursor = (first.data as any).visits.edges[0].cursor as string;
  for (const query of [
    `{ visits(first: 20, after: "${cursor}") { ${PAGE_FIELDS} } }`,
    `{ visits(first: 5, filter: { host: "country:algeria", from: "1990", to: "2030" }) { ${PAGE_FIELDS} } }`,
  ]) {
    const answer = await suite.server.gql(query);
    expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  }
  await loadSynthetic(suite.db, VISITS);
}, 240_000);

interface Ran {
  text: string;
  params: Record<string, unknown>;
}

/** Runs a query through the API and returns its data and the one statement it ran. */
async function throughApi(query: string): Promise<{ data: any; ran: Ran }> {
  const seen: Ran[] = [];
  const listener = (text: string, params?: Record<string, unknown>) => seen.push({ text, params: params ?? {} });
  suite.db.onQuery.add(listener);
  try {
    const response = await suite.server.gql(query);
    expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
    expect(seen).toHaveLength(1);
    return { data: response.data, ran: seen[0]! };
  } finally {
    suite.db.onQuery.delete(listener);
  }
}

/** Every operator of a profiled plan, with its details, rows and db hits. */
function operators(plan: ProfiledPlan): { type: string; details: string; rows: number; dbHits: number }[] {
  const own = { type: plan.operatorType, details: String(plan.arguments?.Details ?? ''), rows: Number(plan.rows), dbHits: Number(plan.dbHits) };
  return [own, ...plan.children.flatMap(operators)];
}

async function profile(ran: Ran) {
  const session = suite.db.driver.session();
  try {
    const result = await session.run(`PROFILE ${ran.text}`, ran.params);
    return operators(result.summary.profile as ProfiledPlan);
  } finally {
    await session.close();
  }
}

async function reference(text: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const session = suite.db.driver.session();
  try {
    return (await session.run(text, params)).records.map((r) => r.get(0) as string);
  } finally {
    await session.close();
  }
}

describe('a page of all visits', () => {
  it('is read in start-date order from the index, without reading every visit', async () => {
    const { data, ran } = await throughApi(`{ visits(first: 20) { ${PAGE_FIELDS} } }`);
    const ops = await profile(ran);
    expect(ops.some((o) => o.type.startsWith('NodeIndexScan') && o.details.includes('Visit(dateStart)'))).toBe(true);
    expect(ops.filter((o) => o.type.startsWith('NodeByLabelScan'))).toEqual([]);
    // Each operator handles about a page of visits, not the graph's hundreds.
    expect(Math.max(...ops.filter((o) => !o.type.startsWith('NodeCountFromCountStore')).map((o) => o.rows))).toBeLessThan(100);
    expect(ran.text).not.toContain('IS NULL OR');

    const all = await reference('MATCH (n:Visit) RETURN n.id ORDER BY n.dateStart, n.id');
    expect(data.visits.totalCount).toBe(all.length);
    expect(data.visits.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 20));

    const next = await throughApi(`{ visits(first: 20, after: "${data.visits.pageInfo.endCursor}") { ${PAGE_FIELDS} } }`);
    expect(next.data.visits.edges.map((e: any) => e.node.id)).toEqual(all.slice(20, 40));
    const nextOps = await profile(next.ran);
    expect(nextOps.some((o) => o.type.startsWith('NodeIndexSeekByRange') && o.details.includes('Visit(dateStart)'))).toBe(true);
    expect(nextOps.filter((o) => o.type.startsWith('NodeByLabelScan'))).toEqual([]);
  });
});

describe('a page of one host\'s visits in a date range', () => {
  it('starts from the host\'s edges and gives the same visits as a full scan would', async () => {
    const [host] = await reference('MATCH (c:Country)<-[:HOST_COUNTRY]-(v:Visit) WITH c, count(v) AS n ORDER BY n DESC, c.id LIMIT 1 RETURN c.id');
    const { data, ran } = await throughApi(`{ visits(first: 5, filter: { host: "${host}", from: "1990", to: "2030" }) { ${PAGE_FIELDS} } }`);
    const ops = await profile(ran);
    expect(ops.some((o) => o.type.startsWith('NodeUniqueIndexSeek') && o.details.includes('Entity'))).toBe(true);
    expect(ops.filter((o) => o.type.startsWith('NodeByLabelScan') || o.type.startsWith('NodeIndexScan'))).toEqual([]);
    expect(ran.text).not.toContain('IS NULL OR');

    const all = await reference(
      `MATCH (n:Visit)-[:HOST_COUNTRY]->(:Entity {id: $host}) WHERE coalesce(n.dateEnd, n.dateStart) >= '1990-01-01' AND n.dateStart <= '2030-12-31'
       RETURN n.id ORDER BY n.dateStart, n.id`,
      { host: host! },
    );
    expect(all.length).toBeGreaterThan(1);
    expect(data.visits.totalCount).toBe(all.length);
    expect(data.visits.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 5));
    expect(data.visits.edges.every((e: any) => e.node.host.id === host)).toBe(true);
  });
});
