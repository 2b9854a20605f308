/**
 * The article's graph is data: data/articles/esper-algeria-2020.json, in the import format users
 * write, loaded by the importer as a trusted file. Loading it gives exactly the graph that the
 * code module it replaced gave (tests/fixtures/article-graph.json, every node, relationship and
 * property, taken from that module before the move); a file from outside may not write the visit
 * model's structural relations, and its entity and meeting records go through the same writers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import type { Db } from '../src/db/driver.js';
import { checkImportText, importText } from '../src/import/files.js';
import { ARTICLE_FILES, loadSeed } from '../src/import/seed.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { graphSnapshot } from './support/snapshot.js';

let db: Db;
beforeAll(async () => {
  db = connectTestDb();
  await freshDatabase(db);
});
afterAll(() => db.close());

const FILE = path.join(PROJECT_ROOT, 'data', 'articles', 'esper-algeria-2020.json');

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

describe('the article as data', () => {
  it('is the file npm run seed loads', () => {
    expect(ARTICLE_FILES).toEqual([FILE]);
  });

  it('loads into exactly the graph the code module gave: nodes, relationships, properties', async () => {
    await loadSeed(db);
    const before = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'article-graph.json'), 'utf8'));
    const after = await graphSnapshot(db);
    expect(after.nodes.length).toBe(before.nodes.length);
    expect(after.relationships.length).toBe(before.relationships.length);
    expect(after).toEqual(before);
    // Loading again changes nothing.
    await loadSeed(db);
    expect(await graphSnapshot(db)).toEqual(before);
  });

  it('checks clean as a trusted file; from outside, its structural relations are refused', async () => {
    const text = readFileSync(FILE, 'utf8');
    expect((await checkImportText(text, { trusted: true })).problems).toEqual([]);
    const untrusted = await checkImportText(text);
    expect(untrusted.problems.length).toBeGreaterThan(0);
    expect(untrusted.problems.every((p) => p.code === 'UNKNOWN_RELATIONSHIP_TYPE')).toBe(true);
  });
});

describe('entity and meeting records from any file', () => {
  it('writes an entity with its mentions and a standalone meeting, and refuses a structural relation', async () => {
    const text = [
      '{"entity": {"id": "source:test-wire-2021-01-05-talks", "kind": "SOURCE", "name": "Talks in Algiers", "properties": {"title": "Talks in Algiers", "publisher": "Test Wire", "publishedAt": "2021-01-05"}}}',
      '{"entity": {"id": "person:amina-test", "kind": "PERSON", "name": "Amina Test", "nameAr": "أمينة تست", "aliases": ["A. Test"], "summary": "A test envoy.", "source": {"id": "source:test-wire-2021-01-05-talks"}, "paragraphs": [2, 3]}}',
      '{"meeting": {"by": {"id": "person:amina-test"}, "with": [{"name": "Tebboune", "role": "President"}], "date": "2021-01-04", "name": "Amina Test meets Tebboune", "source": {"id": "source:test-wire-2021-01-05-talks"}, "paragraphs": [3]}}',
      '{"relation": {"from": {"id": "person:amina-test"}, "type": "MET", "to": {"name": "Tebboune"}}}',
    ].join('\n');
    const report = await importText(db, text);
    expect(report.failed).toEqual([expect.objectContaining({ line: 4, code: 'UNKNOWN_RELATIONSHIP_TYPE' })]);
    expect(report.entityRecords).toBe(2);
    expect(report.meetings.created).toBe(1);
    const [mention] = await rows("MATCH (:Source {id: 'source:test-wire-2021-01-05-talks'})-[m:MENTIONS]->(:Person {id: 'person:amina-test'}) RETURN m.paragraphs AS paragraphs");
    expect(mention!.paragraphs).toEqual([2, 3]);
    const [meeting] = await rows(`MATCH (m:Meeting {name: 'Amina Test meets Tebboune'})-[p:PRINCIPAL]->(:Person {id: 'person:abdelmadjid-tebboune'})
      RETURN m.source AS source, p.role AS role`);
    expect(meeting).toEqual({ source: 'source:test-wire-2021-01-05-talks', role: 'President' });
    // An outside file fills in what an entity lacks; it does not rewrite the article's names.
    const rename = await importText(db, '{"entity": {"id": "person:mark-esper", "kind": "PERSON", "name": "Someone Else", "summary": "changed"}}');
    expect(rename.failed).toEqual([]);
    const [esper] = await rows("MATCH (p:Person {id: 'person:mark-esper'}) RETURN p.name AS name");
    expect(esper!.name).toBe('Mark Esper');
  });
});
