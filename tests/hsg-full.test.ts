/**
 * The whole of the shipped Office of the Historian data, loaded once on the article's graph the
 * way a first `npm start` loads it (in the background, the API answering meanwhile): every record
 * lands, and a handful of facts read by hand from the files come out of the graph. Prints the
 * figures the README gives (records, visits, people, countries, meetings, time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HsgReport } from '../src/connectors/hsg/load.js';
import { startDatasetLoads } from '../src/datasets.js';
import type { Db } from '../src/db/driver.js';
import { loadSeed } from '../src/import/seed.js';
import { createLogger } from '../src/log.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { startTestServer, type GraphQLResponse, type TestServer } from './support/server.js';

let db: Db;
let server: TestServer;
let report: HsgReport;

interface Readiness {
  status: number;
  body: { status: string; datasets?: { hsg?: { status: string; done?: number; total?: number } } };
}
const readiness = async (): Promise<Readiness> => {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Readiness['body'] };
};
const WHOM_ESPER_MET = '{ entity(id: "person:mark-esper") { name ... on Person { met { name } } } }';
/** What the service said and answered while the records were loading. */
const duringLoad: { readiness: Readiness[]; read?: GraphQLResponse } = { readiness: [] };

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

beforeAll(async () => {
  db = connectTestDb();
  await freshDatabase(db);
  await loadSeed(db);
  // As a first `npm start` does: the article's graph first, then the records in the background.
  const loads = startDatasetLoads(db, createLogger('silent'), ['hsg']);
  server = await startTestServer(db, { loading: loads.state });
  let finished = false;
  const settled = loads.settled().finally(() => { finished = true; });
  while (!finished) {
    const seen = await readiness();
    duringLoad.readiness.push(seen);
    if (!duringLoad.read && (seen.body.datasets?.hsg?.done ?? 0) > 0) duringLoad.read = await server.gql(WHOM_ESPER_MET);
    await sleep(250);
  }
  report = (await settled).hsg!;
}, 1_200_000);
afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('loading on first start', () => {
  it('is ready and answers reads while the records load, saying how far the load has come', () => {
    const loading = duringLoad.readiness.filter((r) => r.body.datasets?.hsg?.status === 'loading' && r.body.datasets.hsg.done !== undefined);
    expect(loading.length).toBeGreaterThan(1);
    expect(loading.every((r) => r.status === 200 && r.body.status === 'ready')).toBe(true);
    const done = loading.map((r) => r.body.datasets!.hsg!.done!);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done[0]).toBeLessThan(loading[0]!.body.datasets!.hsg!.total!);
    expect(duringLoad.read?.errors).toBeUndefined();
    expect(duringLoad.read?.data?.entity.met.map((p: { name: string }) => p.name)).toContain('Abdelmadjid Tebboune');
  });

  it('says the records are loaded once they are, and a second start finds them there and loads nothing', async () => {
    expect(report).toBeDefined();
    expect((await readiness()).body.datasets?.hsg?.status).toBe('loaded');
    const again = startDatasetLoads(db, createLogger('silent'), ['hsg']);
    expect(await again.settled()).toEqual({});
    expect(again.state()).toEqual({ hsg: { status: 'loaded' } });
  });
});

describe('the whole record', () => {
  it('lands every record: 4,271 trips abroad and 3,264 visits to the US, each record id on a visit', async () => {
    expect(report.import.failed).toEqual([]);
    process.stdout.write(`HSG import: ${report.import.records} import records in ${(report.import.ms / 1000).toFixed(1)} s\n`);
    expect(report.counts).toMatchObject({ tripRecords: 4271, visits: 3264 });
    const [ids] = await rows(`
      MATCH (v:Visit)-[:HOST_COUNTRY]->(h:Country) WHERE v.hsgIds IS NOT NULL
      UNWIND v.hsgIds AS id
      RETURN count(DISTINCT CASE WHEN h.id <> 'country:united-states' THEN id END) AS trips,
             count(DISTINCT CASE WHEN h.id = 'country:united-states' THEN id END) AS visits`);
    expect(ids).toEqual({ trips: 4271, visits: 3264 });
    const [figures] = await rows(`
      CALL () { MATCH (v:Visit) RETURN count(v) AS visits }
      CALL () { MATCH (p:Person) RETURN count(p) AS people }
      CALL () { MATCH (c:Country) RETURN count(c) AS countries }
      CALL () { MATCH (m:Meeting) RETURN count(m) AS meetings }
      CALL () { MATCH (t:Tour) RETURN count(t) AS tours }
      RETURN visits, people, countries, meetings, tours`);
    process.stdout.write(`HSG figures: ${JSON.stringify({ ...figures, ms: report.import.ms, withoutMeetings: report.withoutMeetings })}\n`);
  });

  it('has the eleven visits of secretaries of state to Algeria, Kissinger first (1973) and Kerry (2014) before Blinken (2022)', async () => {
    const chain = await rows(`
      MATCH (v:Visit)-[tr:TRAVELER {position: 'position:us-secretary-of-state'}]->(p:Person), (v)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'})
      OPTIONAL MATCH (v)-[:PRECEDED_BY {position: 'position:us-secretary-of-state'}]->(before)
      RETURN v.date AS date, p.name AS name, before.date AS before ORDER BY date`);
    expect(chain.map((r) => r.date)).toEqual([
      '1973-12-13', '1974-04-29', '1974-10-14', '1991-08-05', '2000-12-12', '2003-12-03',
      '2008-09-06', '2012-02-25', '2012-10-29', '2014-04-03', '2022-03-30',
    ]);
    expect(chain[0]).toMatchObject({ name: 'Henry A. Kissinger', before: null });
    expect(chain.at(-1)).toMatchObject({ name: 'Antony John Blinken', before: '2014-04-03' });
  });

  it('gives every traveler of the two collections one node, and the states one node each', async () => {
    const [people] = await rows(`MATCH (p:Person) WHERE p.hsgId IS NOT NULL RETURN count(p) AS n, count(DISTINCT p.hsgId) AS ids`);
    expect(people!.n).toBe(people!.ids);
    const korea = await rows(`MATCH (c:Country) WHERE any(a IN c.aliases + [c.name] WHERE a IN ['Korea, South', 'South Korea', 'Korea, Republic of']) RETURN c.id AS id`);
    expect(korea).toEqual([{ id: 'country:south-korea' }]);
    // The files still spell some visits of January and February 1992 "U.S.S.R.": they went to Russia.
    const [ussr] = await rows(`MATCH (:Country {id: 'country:soviet-union'})<-[:HOST_COUNTRY|ON_BEHALF_OF]-(v:Visit) RETURN max(v.date) AS last`);
    expect(ussr!.last <= '1991-12-26').toBe(true);
    const [russia] = await rows(`MATCH (:Country {id: 'country:russia'})<-[:HOST_COUNTRY|ON_BEHALF_OF]-(v:Visit) WHERE v.hsgIds IS NOT NULL RETURN min(v.date) AS first`);
    expect(russia!.first >= '1992').toBe(true);
  });
});

describe('a readable neighbourhood on the real-sized graph', () => {

  const AROUND_ALGERIA = `{ neighborhood(id: "country:algeria", depth: 2, limit: 200) {
    nodes { id kind } edges { id } groups { id node type direction count from to } omitted { type grouped beyondLimit }
  } }`;

  it('keeps the people who matter within Algeria\'s 200: Tebboune, Lamamra, Esper, Blinken and Rumsfeld, the same every time', async () => {
    const first = await server.gql(AROUND_ALGERIA);
    expect(first.errors).toBeUndefined();
    const graph = first.data!.neighborhood;
    const ids: string[] = graph.nodes.map((n: { id: string }) => n.id);
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe('country:algeria');
    for (const person of ['person:abdelmadjid-tebboune', 'person:ramtane-lamamra', 'person:mark-esper', 'person:antony-john-blinken', 'person:donald-rumsfeld']) {
      expect(ids).toContain(person);
    }
    // Cities no longer crowd the drawing (they used to sort first by id).
    expect(ids.filter((id) => id.startsWith('city:')).length).toBeLessThan(20);
    // Sources are bookkeeping: a source one hop away ranks after a person two hops away.
    const firstSource = graph.nodes.findIndex((n: { kind: string }) => n.kind === 'SOURCE');
    if (firstSource >= 0) expect(firstSource).toBeGreaterThan(ids.indexOf('person:ramtane-lamamra'));
    const again = await server.gql(AROUND_ALGERIA);
    expect(again.data).toEqual(first.data);
  });

  it('groups the United States\' thousands of visits received into one group with its count and dates, and pages through it', async () => {
    const { data } = await server.gql(AROUND_ALGERIA);
    const group = data!.neighborhood.groups.find((g: any) => g.node === 'country:united-states' && g.type === 'HOST_COUNTRY');
    const [visits] = await rows(`MATCH (:Country {id: 'country:united-states'})<-[:HOST_COUNTRY]-(v) RETURN count(v) AS n, min(v.dateStart) AS first`);
    expect(group).toMatchObject({ direction: 'IN', count: visits!.n, from: visits!.first });
    expect(group.count).toBeGreaterThan(3000);
    const hostOmitted = data!.neighborhood.omitted.find((o: any) => o.type === 'HOST_COUNTRY');
    expect(hostOmitted.grouped).toBeGreaterThanOrEqual(group.count);
    const page = await server.gql(`query ($id: ID!) { neighborhoodGroup(id: $id, first: 50) { totalCount edges { node { id ... on Visit { date } } } pageInfo { hasNextPage } } }`, { id: group.id });
    expect(page.errors).toBeUndefined();
    expect(page.data!.neighborhoodGroup.totalCount).toBe(group.count);
    expect(page.data!.neighborhoodGroup.edges).toHaveLength(50);
    expect(page.data!.neighborhoodGroup.edges[0].node.date.slice(0, 4)).toBe(group.from.slice(0, 4));
    // The response stays small: nowhere near the 3,000 visits' worth.
    expect(JSON.stringify(data).length).toBeLessThan(2_000_000);
  });

  it('pages the United States\' visits received instead of returning all of them', async () => {
    const { data, errors } = await server.gql(`{ entity(id: "country:united-states") { ... on Country {
      visitsReceived { id } visitsReceivedConnection(first: 100) { totalCount pageInfo { hasNextPage } }
    } } }`);
    expect(errors).toBeUndefined();
    expect(data!.entity.visitsReceived).toHaveLength(100);
    expect(data!.entity.visitsReceivedConnection.totalCount).toBeGreaterThan(3000);
    expect(data!.entity.visitsReceivedConnection.pageInfo.hasNextPage).toBe(true);
  });
});
