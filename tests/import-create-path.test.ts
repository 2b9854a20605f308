/**
 * The visit writer creates wholly new visits and meetings outright and merges the others: the
 * graph must not depend on which path a record took. The same records are imported three ways
 * and the three graphs compared node by node and edge by edge: into an empty graph (every visit
 * new), each record twice in a row (every visit met again in its batch: the merging path
 * creates it), and half of them first, then all (the known half merged, the rest created).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { importText } from '../src/import/files.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { graphSnapshot } from './support/snapshot.js';

let db: Db;

/** The graph's content: every entity and edge (the name locks that serialise writers are no content). */
async function content() {
  const { nodes, relationships } = await graphSnapshot(db);
  return { nodes: nodes.filter((n) => !(n as { labels: string[] }).labels.includes('NameLock')), relationships };
}

const source = (n: number) => ({ title: `Envoy log ${n}`, publisher: 'Test Wire', url: `https://example.org/envoy/${n}`, publishedAt: '2019-05-01' });
const HEADER = [
  { relation: { from: { name: 'Ada Envoy', kind: 'PERSON' }, type: 'HOLDS_POSITION', to: { name: 'Envoy of Testland', kind: 'POSITION' }, properties: { since: '2010', until: '2022' }, certainty: 'EXTERNAL' } },
  { relation: { from: { name: 'Envoy of Testland' }, type: 'POST_OF', to: { name: 'Testland', kind: 'COUNTRY' }, certainty: 'EXTERNAL' } },
];
const VISITS = [
  { traveler: { name: 'Ada Envoy', role: 'Envoy' }, host: { name: 'Northland', kind: 'COUNTRY' }, city: { name: 'Port North', kind: 'CITY' },
    date: '2019-04-02', endDate: '2019-04-04', purpose: 'Talks on fishing rights', summary: 'Two days of talks.', tour: 'Ada Envoy spring tour 2019',
    topics: ['fisheries', 'trade'], source: source(1), paragraphs: [2, 3], certainty: 'STATED',
    meetings: [
      { with: [{ name: 'Bo Host', kind: 'PERSON', role: 'Foreign Minister' }], attendees: [{ name: 'Cy Aide', kind: 'PERSON', role: 'Adviser' }], topics: ['fisheries'], paragraphs: [3] },
      { date: '2019-04-03', with: [{ name: 'Di Chief', kind: 'PERSON' }], place: { name: 'North Palace', kind: 'PLACE' }, summary: 'A courtesy call.' },
    ] },
  { traveler: { name: 'Ada Envoy' }, host: { name: 'Southland', kind: 'COUNTRY' }, date: '2019-04-06', tour: 'Ada Envoy spring tour 2019',
    places: [{ name: 'South Bay', kind: 'CITY' }, { name: 'Delta Region', kind: 'REGION' }], dateCertainty: 'EXTERNAL',
    source: source(2), paragraphs: [1], certainty: 'ATTRIBUTED', meetings: [{ with: [{ name: 'Eve South', kind: 'PERSON' }], topics: ['trade', 'ports'] }] },
  { traveler: { name: 'Bo Host' }, host: { name: 'Testland', kind: 'COUNTRY' }, date: '2020-02', representing: { name: 'Northland' },
    source: source(3), paragraphs: [4], meetings: [{ with: [{ name: 'Ada Envoy' }] }] },
  { traveler: { name: 'Ada Envoy' }, host: { name: 'Northland' }, city: { name: 'Port North' }, date: '2021-09-10', purpose: 'Signing',
    source: source(4), paragraphs: [1], meetings: [{ with: [{ name: 'Bo Host' }, { name: 'Di Chief' }], topics: ['fisheries'] }] },
  { traveler: { name: 'Cy Aide' }, host: { name: 'Southland' }, date: '2021-11-01', source: source(1), paragraphs: [9], topics: ['ports'] },
];
const lines = (visits: unknown[]) => [...HEADER, ...visits.map((visit) => ({ visit }))].map((r) => JSON.stringify(r)).join('\n');

/** The statements a run sends, to tell which path its visits took. */
async function importWatched(text: string): Promise<{ created: boolean; merged: boolean; visits: { created: number } }> {
  const sent: string[] = [];
  const listener = (cypher: string) => void sent.push(cypher);
  db.onQuery.add(listener);
  try {
    const report = await importText(db, text, { batchSize: 100, settlePeople: true });
    expect(report.failed).toEqual([]);
    return {
      created: sent.some((c) => c.includes('CREATE (visit:Entity:Event:Visit')),
      merged: sent.some((c) => c.includes('MERGE (visit:Entity')),
      visits: report.visits,
    };
  } finally {
    db.onQuery.delete(listener);
  }
}

beforeAll(() => {
  db = connectTestDb();
});
beforeEach(async () => {
  await freshDatabase(db);
});
afterAll(() => db.close());

describe('the create-only path of the visit writer', () => {
  it('makes the same graph as the merging path, whichever path each record takes', async () => {
    const fresh = await importWatched(lines(VISITS));
    expect(fresh).toMatchObject({ created: true, merged: false, visits: { created: VISITS.length } });
    const created = await content();
    expect(created.nodes.filter((n) => (n as { labels: string[] }).labels.includes('Visit'))).toHaveLength(VISITS.length);

    // Each record twice in a row: the batch meets every visit twice, so all of them are merged.
    await freshDatabase(db);
    const twice = await importWatched(lines(VISITS.flatMap((v) => [v, v])));
    expect(twice).toMatchObject({ created: false, merged: true });
    expect(await content()).toEqual(created);

    // Half of them known already: those are merged again, the others created.
    await freshDatabase(db);
    await importWatched(lines(VISITS.slice(0, 2)));
    const rest = await importWatched(lines(VISITS));
    expect(rest).toMatchObject({ created: true, merged: true, visits: { created: VISITS.length - 2 } });
    expect(await content()).toEqual(created);
  }, 240_000);

  it('merges into a visit a concurrent writer created meanwhile instead of failing or doubling it', async () => {
    // Traveler, host and source known: nothing but the visit itself is new to the writers.
    const earlier = { traveler: { name: 'Cy Aide', kind: 'PERSON' }, host: { name: 'Southland', kind: 'COUNTRY' }, date: '2020-01-01', source: source(5), paragraphs: [1] };
    await importText(db, lines([earlier]), {});
    // Each from a source of its own, so that no shared source serialises them.
    const one = (n: number) => lines([{ traveler: { name: 'Cy Aide' }, host: { name: 'Southland' }, date: '2021-11-01', source: source(10 + n), paragraphs: [2] }]);
    const reports = await Promise.all(Array.from({ length: 4 }, (_, n) => importText(db, one(n), {})));
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    expect(reports.map((r) => r.visits.created).sort()).toEqual([0, 0, 0, 1]);
    const visits = await db.read(async (tx) => (await tx.run("MATCH (v:Visit {date: '2021-11-01'})-[:TRAVELER]->(:Person {id: 'person:cy-aide'}) RETURN count(v) AS n")).records[0]!.get('n'));
    expect(visits).toBe(1);
  });
});
