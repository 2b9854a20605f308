/**
 * The bulk importer's shortcuts against the real database: tours and precedents worked out once
 * at the end give the same graph as a record-by-record write; the same edge stated by two sources
 * in one batch is one edge citing both; a structured dataset's pages mention nothing, an
 * article's do.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import type { VisitRecord } from '../src/graph/records.js';
import { recordFromEntry } from '../src/graphql/inputs.js';
import { importText } from '../src/import/files.js';
import { writeVisits } from '../src/graph/writeVisits.js';
import { connectTestDb, freshDatabase } from './support/db.js';

let db: Db;

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

const TERM = { relation: { from: { name: 'Ada Envoy', kind: 'PERSON' }, type: 'HOLDS_POSITION', to: { name: 'Envoy of Testland', kind: 'POSITION' }, properties: { since: '2010', until: '2020' }, certainty: 'EXTERNAL' } };
const POST = { relation: { from: { name: 'Envoy of Testland' }, type: 'POST_OF', to: { name: 'Testland', kind: 'COUNTRY' }, certainty: 'EXTERNAL' } };
const source = (n: number) => ({ title: `Travel note ${n}`, publisher: 'Test Wire', url: `https://example.org/notes/${n}` });
const visit = (host: string, date: string, n: number, extra: Record<string, unknown> = {}) => ({
  visit: { traveler: { name: 'Ada Envoy' }, host: { name: host, kind: 'COUNTRY' }, date, source: source(n), paragraphs: [n], certainty: 'STATED', ...extra },
});
// Out of date order on purpose, one record per batch: tour stops and precedents must still come out in order.
const HEADER = [TERM, POST].map((r) => JSON.stringify(r)).join('\n');
const FILE = [
  TERM,
  POST,
  visit('Northland', '2015-03-04', 1, { tour: 'Ada Envoy spring tour 2015' }),
  visit('Southland', '2015-03-02', 2, { tour: 'Ada Envoy spring tour 2015' }),
  visit('Northland', '2012-06-01', 3),
  visit('Northland', '2018-01-10', 4, { meetings: [{ with: [{ name: 'Bo Host', kind: 'PERSON' }], topics: ['Fisheries'] }] }),
  visit('Northland', '2018-01-10', 5, { meetings: [{ with: [{ name: 'Bo Host' }], topics: ['Fisheries'] }] }),
].map((r) => JSON.stringify(r)).join('\n');

/** The derived part of the graph: whom the traveler travelled for, tour order, NEXT_STOP and PRECEDED_BY. */
async function derived() {
  return {
    representing: await rows('MATCH (v:Visit)-[r:ON_BEHALF_OF]->(c) RETURN v.date AS visit, c.id AS country, r.derived AS derived ORDER BY visit'),
    tour: await rows("MATCH (v:Visit)-[p:PART_OF_TOUR]->(t:Tour) RETURN v.date AS date, p.order AS stop, t.date AS starts, t.endDate AS ends ORDER BY stop"),
    next: await rows('MATCH (a:Visit)-[:NEXT_STOP]->(b:Visit) RETURN a.date AS from, b.date AS to'),
    preceded: await rows('MATCH (a:Visit)-[p:PRECEDED_BY]->(b:Visit) RETURN a.date AS visit, b.date AS after, p.position AS post ORDER BY visit'),
  };
}

beforeAll(() => {
  db = connectTestDb();
});
beforeEach(async () => {
  await freshDatabase(db);
});
afterAll(() => db.close());

describe('bulk import', () => {
  it('orders tours and links precedents at the end as a record-by-record write does', async () => {
    const report = await importText(db, FILE, { batchSize: 1 });
    expect(report.failed).toEqual([]);
    const imported = await derived();
    expect(imported.tour).toEqual([
      { date: '2015-03-02', stop: 1, starts: '2015-03-02', ends: '2015-03-04' },
      { date: '2015-03-04', stop: 2, starts: '2015-03-02', ends: '2015-03-04' },
    ]);
    expect(imported.next).toEqual([{ from: '2015-03-02', to: '2015-03-04' }]);
    expect(imported.representing).toEqual(['2012-06-01', '2015-03-02', '2015-03-04', '2018-01-10'].map((visit) => ({ visit, country: 'country:testland', derived: true })));
    expect(imported.preceded).toEqual([
      { visit: '2015-03-04', after: '2012-06-01', post: 'position:envoy-of-testland' },
      { visit: '2018-01-10', after: '2015-03-04', post: 'position:envoy-of-testland' },
    ]);

    // The same records written one at a time through the writer, which keeps them true at once.
    await freshDatabase(db);
    await importText(db, HEADER, {});
    for (const line of FILE.split('\n').slice(2)) {
      const { visit: input } = JSON.parse(line) as { visit: unknown };
      const record = recordFromEntry({ line: 1, kind: 'visit', value: input }) as VisitRecord;
      await db.write((tx) => writeVisits(tx, [record]));
    }
    expect(await derived()).toEqual(imported);
  });

  it('writes an edge two sources state in one batch once, citing both', async () => {
    const report = await importText(db, FILE, { batchSize: 100 });
    expect(report.failed).toEqual([]);
    const edges = await rows(`MATCH (:Person {id: 'person:ada-envoy'})-[r:VISITED]->(:Country {id: 'country:northland'})
      WHERE r.date = '2018-01-10' RETURN r.source AS source, r.sources AS sources, r.paragraphs AS paragraphs`);
    expect(edges).toEqual([{ source: 'source:test-wire-travel-note-4', sources: ['source:test-wire-travel-note-4', 'source:test-wire-travel-note-5'], paragraphs: [4] }]);
    const met = await rows("MATCH (:Person {id: 'person:ada-envoy'})-[r:MET]->(:Person {id: 'person:bo-host'}) RETURN r.sources AS sources");
    expect(met).toEqual([{ sources: ['source:test-wire-travel-note-4', 'source:test-wire-travel-note-5'] }]);
    const discussed = await rows("MATCH (:Meeting)-[r:DISCUSSED]->(:Topic) RETURN r.sources AS sources");
    expect(discussed).toEqual([{ sources: ['source:test-wire-travel-note-4', 'source:test-wire-travel-note-5'] }]);
  });

  it('writes no MENTIONS from a structured dataset, and an article\'s as before', async () => {
    const structured = await importText(db, FILE, { structured: true });
    expect(structured.failed).toEqual([]);
    expect(await rows('MATCH (:Source)-[m:MENTIONS]->() RETURN count(m) AS n')).toEqual([{ n: 0 }]);
    // The facts still cite their sources.
    expect(await rows("MATCH (:Visit)-[r:TRAVELER]->(:Person {id: 'person:ada-envoy'}) WHERE r.source IS NULL RETURN count(r) AS n")).toEqual([{ n: 0 }]);

    await freshDatabase(db);
    await importText(db, FILE, {});
    const mentioned = await rows("MATCH (:Source {id: 'source:test-wire-travel-note-3'})-[m:MENTIONS]->(e) RETURN e.id AS id, m.paragraphs AS paragraphs ORDER BY id");
    expect(mentioned.map((m) => m.id)).toEqual(['country:northland', 'person:ada-envoy', 'visit:ada-envoy-northland-2012-06-01']);
    expect(mentioned.every((m) => JSON.stringify(m.paragraphs) === '[3]')).toBe(true);
  });
});
