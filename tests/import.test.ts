/**
 * Bulk import against the real database: the shipped example imports clean on a fresh start and
 * links to the article's graph; a broken record is reported with its line and never stops or
 * half-applies the others; --strict writes nothing when any record fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import type { Db } from '../src/db/driver.js';
import { checkImportText, importText, parseImport } from '../src/import/files.js';
import { loadSeed } from '../src/import/seed.js';
import { connectTestDb, freshDatabase, testNeo4j } from './support/db.js';

let db: Db;

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}
async function counts() {
  return (await rows('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels'))[0];
}

const GOOD_1 = { visit: { traveler: { name: 'Sergey Lavrov', kind: 'PERSON' }, host: { nameAr: 'الجزائر' }, date: '2022-05-10', meetings: [{ with: [{ name: 'Tebboune' }] }] } };
const BROKEN_DATE = { visit: { traveler: { name: 'Sergey Lavrov' }, host: { name: 'Algeria' }, date: '2021-02-30' } };
const BROKEN_REF = { visit: { traveler: { name: 'Someone Unknown' }, host: { name: 'Algeria' }, date: '2021-03-01' } };
const GOOD_2 = { visit: { traveler: { name: 'Sergey Lavrov' }, host: { name: 'Russia' }, date: '2022-06-01', topics: ['Energy'] } };
const RELATION = { relation: { from: { name: 'Sergey Lavrov' }, type: 'HOLDS_POSITION', to: { name: 'Minister of Foreign Affairs of Russia', kind: 'POSITION' }, properties: { since: '2004-03-09' }, certainty: 'EXTERNAL' } };

beforeAll(() => {
  db = connectTestDb();
});
beforeEach(async () => {
  await freshDatabase(db);
  await loadSeed(db);
});
afterAll(() => db.close());

describe('import files', () => {
  it('reads NDJSON and JSON arrays with the line each record starts on', () => {
    const ndjson = parseImport(`${JSON.stringify(GOOD_1)}\n\n// a comment\n{not json\n${JSON.stringify(RELATION)}\n`);
    expect(ndjson.entries.map((e) => [e.line, e.kind])).toEqual([[1, 'visit'], [5, 'relation']]);
    expect(ndjson.failures).toEqual([expect.objectContaining({ line: 4, code: 'PARSE_ERROR' })]);
    const array = parseImport(`[\n  ${JSON.stringify(GOOD_1)},\n\n  ${JSON.stringify(GOOD_1.visit)},\n  {"what": 1}\n]`);
    expect(array.entries.map((e) => [e.line, e.kind])).toEqual([[2, 'visit'], [4, 'visit']]);
    expect(array.failures).toEqual([expect.objectContaining({ line: 5 })]);
  });

  it('imports the good records around broken ones and reports each broken one with its line', async () => {
    const text = [GOOD_1, BROKEN_DATE, RELATION, BROKEN_REF, GOOD_2].map((r) => JSON.stringify(r)).join('\n');
    const report = await importText(db, text, { batchSize: 10 });
    expect(report.failed.map((f) => [f.line, f.code])).toEqual([[2, 'INVALID_INPUT'], [4, 'UNKNOWN_REFERENCE']]);
    expect(report.failed[0]!.reason).toMatch(/2021-02-30/);
    expect(report.visits).toEqual({ created: 2, enriched: 0, unchanged: 0 });
    expect(report.relations).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const visits = await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:sergey-lavrov'}) RETURN v.id AS id ORDER BY id");
    expect(visits).toEqual([{ id: 'visit:sergey-lavrov-algeria-2022-05-10' }, { id: 'visit:sergey-lavrov-russia-2022-06-01' }]);
    expect(await rows("MATCH (p:Person) WHERE p.name = 'Someone Unknown' RETURN p")).toEqual([]);

    // The same file again: the good records change nothing, the broken ones fail again.
    const before = await counts();
    const again = await importText(db, text, { batchSize: 10 });
    expect(again.visits).toEqual({ created: 0, enriched: 0, unchanged: 2 });
    expect(again.relations).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(again.failed.length).toBe(2);
    expect(await counts()).toEqual(before);
  });

  it('a batch that fails in the database half-applies nothing: its good records are written one by one', async () => {
    // Record 2 names a person that record 1 creates: fine in one batch, as it would be one by one.
    const text = [GOOD_1, { visit: { ...GOOD_2.visit, meetings: [{ with: [{ name: 'Nobody Known' }] }] } }, { visit: { traveler: { name: 'sergey LAVROV' }, host: { name: 'Tunisia' }, date: '2022-07-01' } }]
      .map((r) => JSON.stringify(r)).join('\n');
    const report = await importText(db, text, { batchSize: 100 });
    expect(report.failed.map((f) => f.line)).toEqual([2]);
    expect(report.visits.created).toBe(2);
    expect(await rows("MATCH (v:Visit {id: 'visit:sergey-lavrov-russia-2022-06-01'}) RETURN v")).toEqual([]);
  });

  it('--strict writes nothing when one record fails, and everything when none does', async () => {
    const before = await counts();
    const bad = [GOOD_1, RELATION, BROKEN_REF, GOOD_2].map((r) => JSON.stringify(r)).join('\n');
    const report = await importText(db, bad, { strict: true, batchSize: 2 });
    expect(report.applied).toBe(false);
    expect(report.failed).toEqual([expect.objectContaining({ line: 3, code: 'UNKNOWN_REFERENCE' })]);
    expect(await counts()).toEqual(before);

    const good = [GOOD_1, RELATION, GOOD_2].map((r) => JSON.stringify(r)).join('\n');
    const ok = await importText(db, good, { strict: true });
    expect(ok).toMatchObject({ applied: true, failed: [], visits: { created: 2 }, relations: { created: 1 } });
  });

  it('imports the shipped example clean, linked to the article graph', async () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'examples', 'follow-up-visits.json'), 'utf8');
    const report = await importText(db, text);
    expect(report.failed).toEqual([]);
    expect(report.visits.created).toBe(4);
    const tebboune = await rows(`
      MATCH (:Person {id: 'person:abdelmadjid-tebboune'})<-[:PRINCIPAL]-(m:Meeting)<-[:INCLUDES]-(v:Visit)-[:TRAVELER]->(t)
      RETURN t.id AS traveler, v.date AS date ORDER BY date`);
    expect(tebboune).toEqual(expect.arrayContaining([
      { traveler: 'person:antony-blinken', date: '2022-03-30' },
      { traveler: 'person:sergey-lavrov', date: '2022-05-10' },
    ]));
    const russia = await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:abdelmadjid-tebboune'}) MATCH (v)-[:HOST_COUNTRY]->(c) RETURN c.id AS host");
    expect(russia).toEqual([{ host: 'country:russia' }]);
    const again = await importText(db, text);
    expect(again).toMatchObject({ failed: [], visits: { created: 0, enriched: 0, unchanged: 4 } });
  });

  it('npm run import runs the CLI on the example against NEO4J_URI and exits 0', () => {
    // The test database has authentication on (the embedded one's generated password).
    const { uri, user, password } = testNeo4j();
    const result = spawnSync('npx', ['tsx', 'src/cli/import.ts', 'examples/follow-up-visits.json'], {
      cwd: PROJECT_ROOT, env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 120_000,
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/visits: +4 created/);
    expect(result.stdout).toMatch(/failed: +0/);
  });
});

describe('checking a file without writing', () => {
  const BAD = [
    '{"visit": {"traveler": {"name": "A"}, "host": {"name": "B"}, "date": "2021-06-10", "endDate": "2021-06-01"}}',
    '// a comment line',
    '{"relation": {"from": {"name": "X"}, "type": "HOLDS_POSITION", "to": {"name": "Y"}, "properties": {"since": "2025-01-20", "until": "2021-01-20"}}}',
    '{"visit": {"traveler": {"name": "A"}, "host": {"name": "B"}, "date": "2021-02-30"}}',
    '{"visit": {"traveler": {"name": "A"}, "host": {"name": "B"}, "date": "2021-02-03", "places": [{"name": "Z", "kind": "PERSON"}]}}',
    'not json',
    '{"visit": {"traveler": {"name": "A"}, "host": {"name": "B"}, "date": "2021-02-03", "endDate": "2021-02-04"}}',
  ].join('\n');

  it('reports every problem with its line, and writes nothing', async () => {
    const before = await counts();
    const report = await checkImportText(BAD);
    expect(report.records).toBe(6);
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'INVALID_INPUT'], [3, 'INVALID_INPUT'], [4, 'INVALID_INPUT'], [5, 'INVALID_INPUT'], [6, 'PARSE_ERROR'],
    ]);
    expect(report.problems[0]!.reason).toMatch(/endDate: 2021-06-01 is before the date 2021-06-10/);
    expect(report.problems[1]!.reason).toMatch(/until \(2021-01-20\) is before since/);
    expect(await counts()).toEqual(before);
  });

  it('npm run import -- --check passes the shipped example and fails a broken file, exit codes 0 and 1', () => {
    const ok = spawnSync('npx', ['tsx', 'src/cli/import.ts', '--check', 'examples/follow-up-visits.json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(ok.stdout).toMatch(/12 records checked, 0 problems/);
    expect(ok.status).toBe(0);
    const file = path.join(os.tmpdir(), `check-${process.pid}.ndjson`);
    writeFileSync(file, BAD);
    const bad = spawnSync('npx', ['tsx', 'src/cli/import.ts', '--check', file], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(bad.stdout).toMatch(/line 5: \[INVALID_INPUT\] input\.places\[0\]/);
    expect(bad.status).toBe(1);
  });
});

describe('the JSON Schema of import files', () => {
  const file = path.join(PROJECT_ROOT, 'examples', 'import-format.schema.json');
  const committed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

  /** The problems of `value` against `schema` (the subset the generated schema uses). */
  function problems(value: unknown, schema: Record<string, any>, at = '$'): string[] {
    if (schema.$ref) return problems(value, committed.$defs[schema.$ref.replace('#/$defs/', '')], at);
    if (schema.anyOf || schema.oneOf) {
      const options = (schema.anyOf ?? schema.oneOf) as Record<string, any>[];
      return options.some((option) => problems(value, option, at).length === 0) ? [] : [`${at}: matches none of its forms`];
    }
    if (schema.enum) return schema.enum.includes(value) ? [] : [`${at}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
    switch (schema.type) {
      case 'null': return value === null ? [] : [`${at}: not null`];
      case 'string':
        if (typeof value !== 'string') return [`${at}: not a string`];
        return schema.pattern && !new RegExp(schema.pattern).test(value) ? [`${at}: "${value}" does not match ${schema.pattern}`] : [];
      case 'integer': return Number.isInteger(value) ? [] : [`${at}: not an integer`];
      case 'number': return typeof value === 'number' ? [] : [`${at}: not a number`];
      case 'boolean': return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
      case 'array': return Array.isArray(value) ? value.flatMap((v, i) => problems(v, schema.items, `${at}[${i}]`)) : [`${at}: not a list`];
      case 'object': {
        if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${at}: not an object`];
        const entries = Object.entries(value as Record<string, unknown>);
        return [
          ...(schema.required ?? []).filter((k: string) => !(k in (value as object))).map((k: string) => `${at}.${k}: missing`),
          ...entries.flatMap(([k, v]) => (schema.properties[k] ? problems(v, schema.properties[k], `${at}.${k}`) : schema.additionalProperties === false ? [`${at}.${k}: not a field`] : [])),
        ];
      }
      default: return [];
    }
  }

  it('is what npm run schema:import generates from schema.graphql now', async () => {
    const { importFileSchema } = await import('../src/graphql/importSchema.js');
    const { buildSchema } = await import('../src/graphql/schema.js');
    expect(committed).toEqual(JSON.parse(JSON.stringify(importFileSchema(buildSchema()))));
    expect(Object.keys(committed.$defs.VisitInput.properties)).toEqual(expect.arrayContaining(['endDate', 'representing', 'places']));
    expect(Object.keys(committed.$defs.EntityRef.properties)).toEqual(expect.arrayContaining(['role', 'within']));
  });

  it('accepts the shipped example, and points at what is wrong in a bad record', () => {
    const example = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'examples', 'follow-up-visits.json'), 'utf8'));
    expect(problems(example, committed)).toEqual([]);
    const bad = [{ visit: { traveler: { name: 'A', rank: 3 }, host: { name: 'B' }, date: '2021-6-1' } }];
    expect(problems(bad, committed)).toEqual(['$[0]: matches none of its forms']);
    expect(problems(bad[0]!.visit, committed.$defs.VisitInput)).toEqual([
      '$.traveler.rank: not a field', '$.date: "2021-6-1" does not match ^\\d{4}(-\\d{2}(-\\d{2})?)?$',
    ]);
  });
});
