/**
 * The article's graph against the real database: every row of article-facts.md is in the
 * graph with provenance; loading twice changes nothing; names resolve across languages; the
 * ontology document describes every label and relationship type the graph holds.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { EVENT_SUBLABELS, KIND_LABEL, RELATIONSHIP_TYPES } from '../src/graph/ontology.js';
import { resolveRefs } from '../src/graph/resolve.js';
import { loadSeed } from '../src/import/seed.js';
import { connectTestDb, freshDatabase } from './support/db.js';

const SOURCE = 'source:aljazeera-2020-10-02-esper-algeria';
const ALGERIA_VISIT = 'visit:mark-esper-algeria-2020-10-01';
const TEBBOUNE_MEETING = 'meeting:mark-esper-abdelmadjid-tebboune-2020-10-01';

let db: Db;

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

async function counts() {
  const [result] = await rows(`
    CALL () { MATCH (n) RETURN count(n) AS nodes }
    CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
    CALL () { MATCH (n) UNWIND keys(n) AS k RETURN count(k) AS nodeProperties }
    RETURN nodes, relationships, nodeProperties`);
  return result;
}

beforeAll(async () => {
  db = connectTestDb();
  await freshDatabase(db);
  await loadSeed(db);
});
afterAll(() => db.close());

// One row per relationship row of article-facts.md: [from, type, to, a paragraph it rests on, properties it must carry].
const FACT_ROWS: [string, string, string, number, Record<string, unknown>?][] = [
  ['person:mark-esper', 'VISITED', 'country:algeria', 3, { date: '2020-10-01', dateCertainty: 'external', visitId: ALGERIA_VISIT }],
  ['person:mark-esper', 'MET', 'person:abdelmadjid-tebboune', 7, { date: '2020-10-01', meetingId: TEBBOUNE_MEETING, visitId: ALGERIA_VISIT }],
  ['country:algeria', 'BUYS_ARMS_FROM', 'country:russia', 13, { share: 0.9 }],
  ['person:mark-esper', 'VISITED', 'country:tunisia', 6],
  ['person:mark-esper', 'VISITED', 'country:morocco', 6],
  ['person:donald-rumsfeld', 'VISITED', 'country:algeria', 4, { date: '2006-02' }],
  ['person:said-chanegriha', 'ATTENDED', TEBBOUNE_MEETING, 7],
  ['person:mohamed-bouzit', 'ATTENDED', TEBBOUNE_MEETING, 7],
  ['person:mark-esper', 'HOLDS_POSITION', 'position:us-secretary-of-defense', 3, { since: '2019-07-23', until: '2020-11-09' }],
  ['person:donald-rumsfeld', 'HOLDS_POSITION', 'position:us-secretary-of-defense', 4, { until: '2006-12-18' }],
  ['person:abdelmadjid-tebboune', 'HOLDS_POSITION', 'position:president-of-algeria', 7],
  ['person:abdelmadjid-tebboune', 'HOLDS_POSITION', 'position:supreme-commander-of-the-algerian-armed-forces', 7],
  ['person:abdelmadjid-tebboune', 'HOLDS_POSITION', 'position:algerian-minister-of-national-defence', 7],
  ['person:said-chanegriha', 'HOLDS_POSITION', 'position:chief-of-staff-of-the-peoples-national-army', 7],
  ['person:mohamed-bouzit', 'HOLDS_POSITION', 'position:algerian-director-of-external-security', 7],
  ['person:ben-wallace', 'HOLDS_POSITION', 'position:uk-secretary-of-state-for-defence', 15],
  ['position:us-secretary-of-defense', 'POST_OF', 'organization:us-department-of-defense', 3],
  [TEBBOUNE_MEETING, 'DISCUSSED', 'topic:counter-terrorism', 9],
  [TEBBOUNE_MEETING, 'DISCUSSED', 'topic:north-africa-sahel-security', 12],
  [TEBBOUNE_MEETING, 'DISCUSSED', 'topic:libya-political-solution', 10],
  [TEBBOUNE_MEETING, 'DISCUSSED', 'topic:military-training-and-expertise-exchange', 9],
  [TEBBOUNE_MEETING, 'DISCUSSED', 'topic:strategic-partnership', 12],
  ['organization:us-department-of-defense', 'REGARDS_AS_PARTNER', 'country:algeria', 5],
  ['country:united-states', 'MILITARY_COOPERATION_WITH', 'country:tunisia', 4],
  ['country:united-states', 'MILITARY_COOPERATION_WITH', 'country:morocco', 4],
  ['country:morocco', 'ALLY_OF', 'country:united-states', 6],
  ['person:mark-esper', 'LAID_WREATH_AT', 'place:maqam-echahid', 18, { date: '2020-10-01' }],
  ['place:maqam-echahid', 'COMMEMORATES', 'event:algerian-war-of-independence', 18],
  ['country:united-states', 'SIGNED', 'agreement:treaty-of-peace-and-friendship-1795', 20, { date: '1795' }],
  ['organization:regency-of-algiers', 'SIGNED', 'agreement:treaty-of-peace-and-friendship-1795', 20, { date: '1795' }],
  ['country:france', 'OCCUPIED', 'country:algeria', 20, { date: '1830' }],
  ['country:united-states', 'SUPPORTED_DIALOGUE_WITH', 'organization:national-liberation-front', 21, { date: '1954', endDate: '1962' }],
  ['person:charles-de-gaulle', 'NEGOTIATED_WITH', 'organization:national-liberation-front', 21, { certainty: 'attributed' }],
  ['person:michael-shurkin', 'WORKS_FOR', 'organization:rand-corporation', 22],
  ['country:united-states', 'SECURITY_RELATIONS_WITH', 'country:algeria', 22, { since: '2001' }],
  ['country:united-states', 'INTERESTED_IN', 'topic:arms-sales', 13],
  ['country:united-states', 'INTERESTED_IN', 'agreement:algerian-constitution-2020-peacekeeping-article', 14],
  ['agreement:algerian-constitution-2020-peacekeeping-article', 'PEACEKEEPING_WITHIN', 'organization:united-nations', 14],
  ['agreement:algerian-constitution-2020-peacekeeping-article', 'PEACEKEEPING_WITHIN', 'organization:african-union', 14],
  ['agreement:algerian-constitution-2020-peacekeeping-article', 'PEACEKEEPING_WITHIN', 'organization:arab-league', 14],
  ['person:mark-esper', 'MET', 'person:ben-wallace', 15, { date: '2020-03-05', meetingId: 'meeting:mark-esper-ben-wallace-2020-03-05' }],
  ['person:abdelmadjid-tebboune', 'RECEIVED', 'person:mark-esper', 1, { visitId: ALGERIA_VISIT }],
  ['statement:algerian-presidency-2020-10-01', 'ISSUED_BY', 'organization:algerian-presidency', 7],
  ['statement:algerian-presidency-2020-10-01', 'ABOUT', TEBBOUNE_MEETING, 8],
  ['statement:us-department-of-defense-2020-10-01', 'ISSUED_BY', 'organization:us-department-of-defense', 9],
  ['statement:us-embassy-algiers-2020-10-01', 'ISSUED_BY', 'organization:us-embassy-algiers', 11],
  ['statement:us-embassy-algiers-2020-10-01', 'ABOUT', TEBBOUNE_MEETING, 12],
  ['statement:mark-esper-2020-10-01', 'ISSUED_BY', 'person:mark-esper', 19],
  ['statement:michael-shurkin-2020', 'ISSUED_BY', 'person:michael-shurkin', 22],
  [SOURCE, 'PUBLISHED_BY', 'organization:al-jazeera', 23],
];

describe('the article graph holds every fact of article-facts.md', () => {
  it.each(FACT_ROWS)('%s -%s-> %s (paragraph %i)', async (from, type, to, paragraph, properties) => {
    const found = await rows(
      'MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type RETURN properties(r) AS p',
      { from, to, type },
    );
    expect(found.length, `${from} -${type}-> ${to}`).toBeGreaterThanOrEqual(1);
    const p = found[0]!.p as Record<string, unknown>;
    expect(p.source).toBe(SOURCE);
    expect(p.paragraphs).toContain(paragraph);
    expect(['stated', 'attributed', 'external']).toContain(p.certainty);
    if (properties) expect(p).toMatchObject(properties);
  });

  it('holds the visits as events: the Algeria visit with its city, meeting, tour and precedent', async () => {
    const [visit] = await rows(`
      MATCH (v:Visit {id: $id})
      RETURN v.date AS date, v.dateCertainty AS dateCertainty,
        [(v)-[:TRAVELER]->(p) | p.id] AS travelers, [(v)-[:HOST_COUNTRY]->(c) | c.id] AS hosts,
        [(v)-[:IN_CITY]->(c) | c.id] AS cities, [(v)-[:INCLUDES]->(m:Meeting) | m.id] AS meetings,
        [(v)-[:PRECEDED_BY]->(w) | w.id] AS precededBy, [(v)-[:PART_OF_TOUR]->(t) | t.id] AS tours`, { id: ALGERIA_VISIT });
    expect(visit).toEqual({
      date: '2020-10-01', dateCertainty: 'external', travelers: ['person:mark-esper'], hosts: ['country:algeria'],
      cities: ['city:algiers'], meetings: [TEBBOUNE_MEETING], precededBy: ['visit:donald-rumsfeld-algeria-2006-02'],
      tours: ['tour:esper-maghreb-2020'],
    });
  });

  it('names the visits and meetings in Arabic too, from their people and countries', async () => {
    const named = await rows(`MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.nameAr AS nameAr, n.nameKeys AS nameKeys ORDER BY id`, {
      ids: [ALGERIA_VISIT, TEBBOUNE_MEETING],
    });
    expect(named.map((n) => [n.id, n.nameAr])).toEqual([
      [TEBBOUNE_MEETING, 'لقاء مارك إسبر وعبد المجيد تبون، 2020-10-01'],
      [ALGERIA_VISIT, 'زيارة مارك إسبر إلى الجزائر، 2020-10-01'],
    ]);
    // Found by its Arabic name like any other entity.
    const { resolved } = await db.read((tx) => resolveRefs(tx, [{ ref: { nameAr: 'زيارة مارك إسبر إلى الجزائر، 2020-10-01' }, at: 'visit' }]));
    expect(resolved[0]!.id).toBe(ALGERIA_VISIT);
  });

  it('orders the tour Tunisia, Algeria, Rabat (Morocco)', async () => {
    const stops = await rows(`
      MATCH (v:Visit)-[p:PART_OF_TOUR]->(:Tour {id: 'tour:esper-maghreb-2020'})
      RETURN p.order AS order, [(v)-[:HOST_COUNTRY]->(c) | c.id][0] AS host, [(v)-[:NEXT_STOP]->(n) | n.id] AS next
      ORDER BY order`);
    expect(stops.map((s) => s.host)).toEqual(['country:tunisia', 'country:algeria', 'country:morocco']);
    expect(stops.map((s) => s.order)).toEqual([1, 2, 3]);
    expect(stops[0]!.next).toEqual([ALGERIA_VISIT]);
    expect(stops[2]!.next).toEqual([]);
  });

  it('keeps dates with their precision', async () => {
    const dated = await rows(`MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.date AS date ORDER BY id`, {
      ids: ['agreement:treaty-of-peace-and-friendship-1795', 'visit:donald-rumsfeld-algeria-2006-02', ALGERIA_VISIT],
    });
    expect(dated).toEqual([
      { id: 'agreement:treaty-of-peace-and-friendship-1795', date: '1795' },
      { id: 'visit:donald-rumsfeld-algeria-2006-02', date: '2006-02' },
      { id: ALGERIA_VISIT, date: '2020-10-01' },
    ]);
  });

  it('names every entity in both languages where the article does, and the source mentions each one', async () => {
    const people = await rows(`MATCH (p:Person) RETURN p.id AS id, p.name AS name, p.nameAr AS nameAr ORDER BY id`);
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining([
      'Mark Esper', 'Abdelmadjid Tebboune', 'Saïd Chanegriha', 'Mohamed Bouzit', 'Donald Rumsfeld', 'Ben Wallace', 'Michael Shurkin', 'Charles de Gaulle',
    ]));
    for (const p of people.filter((x) => x.id !== 'person:ben-wallace')) expect(p.nameAr, p.id as string).toMatch(/[\u0600-\u06FF]/);
    const unmentioned = await rows(`
      MATCH (e:Entity) WHERE NOT e:Source AND NOT EXISTS { (:Source {id: $source})-[:MENTIONS]->(e) }
      RETURN e.id AS id`, { source: SOURCE });
    expect(unmentioned).toEqual([]);
    const [source] = await rows(`MATCH (s:Source {id: $source}) RETURN s.publisher AS publisher, s.language AS language, s.publishedAt AS publishedAt, s.photoCredits AS photoCredits`, { source: SOURCE });
    expect(source).toMatchObject({ publisher: 'Al Jazeera', language: 'ar', publishedAt: '2020-10-02' });
    expect(source!.photoCredits).toEqual(expect.arrayContaining(['Algérie Presse Service', 'Anadolu Agency']));
  });
});

describe('provenance over the whole graph', () => {
  it('every relationship has a source, paragraphs within 0..23 and a certainty', async () => {
    const bad = await rows(`
      MATCH (a)-[r]->(b)
      WHERE r.source IS NULL OR r.paragraphs IS NULL OR size(r.paragraphs) = 0
         OR any(p IN r.paragraphs WHERE p < 0 OR p > 23)
         OR NOT r.certainty IN ['stated', 'attributed', 'external']
      RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props LIMIT 20`);
    expect(bad).toEqual([]);
    const [{ total }] = (await rows('MATCH ()-[r]->() RETURN count(r) AS total')) as [{ total: number }];
    expect(total).toBeGreaterThan(150);
  });

  it('every event node has a source, paragraphs and a certainty', async () => {
    const bad = await rows(`
      MATCH (e:Event) WHERE e.source IS NULL OR size(coalesce(e.paragraphs, [])) = 0 OR e.certainty IS NULL
      RETURN e.id AS id`);
    expect(bad).toEqual([]);
  });
});

describe('loading', () => {
  it('twice gives the same nodes, relationships and properties', async () => {
    const before = await counts();
    const snapshot = await rows('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b, p.meetingId, p.visitId');
    await loadSeed(db);
    expect(await counts()).toEqual(before);
    expect(await rows('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b, p.meetingId, p.visitId')).toEqual(snapshot);
  });
});

describe('names resolve across languages and spellings', () => {
  async function resolveOne(ref: { name?: string; nameAr?: string; kind?: 'COUNTRY' | 'CITY' }) {
    return db.read(async (tx) => (await resolveRefs(tx, [{ ref, at: 'ref' }])).resolved[0]!.id);
  }

  it('four spellings of Esper are one node', async () => {
    const ids = await Promise.all(['Mark Esper', 'مارك إسبر', 'إسبر', 'Esper'].map((name) => resolveOne({ name })));
    expect(new Set(ids)).toEqual(new Set(['person:mark-esper']));
    expect(await resolveOne({ name: 'مارك اسبر' })).toBe('person:mark-esper');
  });

  it('folds case and Latin diacritics: Said Chanegriha is Saïd Chanegriha', async () => {
    expect(await resolveOne({ name: 'said CHANEGRIHA' })).toBe('person:said-chanegriha');
  });

  it('reads الجزائر as the country; the city is Algiers', async () => {
    expect(await resolveOne({ nameAr: 'الجزائر' })).toBe('country:algeria');
    expect(await resolveOne({ name: 'Algiers' })).toBe('city:algiers');
  });

  it('reads واشنطن as the United States and البنتاغون as the Department of Defense', async () => {
    expect(await resolveOne({ nameAr: 'واشنطن' })).toBe('country:united-states');
    expect(await resolveOne({ nameAr: 'البنتاغون' })).toBe('organization:us-department-of-defense');
  });
});

describe('the Wallace meeting (paragraph 15)', () => {
  it('is its own event, not part of the Algeria visit', async () => {
    const [meeting] = await rows(`
      MATCH (m:Meeting {id: 'meeting:mark-esper-ben-wallace-2020-03-05'})
      RETURN m.date AS date, m.paragraphs AS paragraphs, [(v:Visit)-[:INCLUDES]->(m) | v.id] AS visits,
        [(m)-[:PRINCIPAL]->(p) | p.id] AS principals, [(m)-[:HELD_AT]->(p) | p.id] AS places`);
    expect(meeting).toMatchObject({ date: '2020-03-05', paragraphs: [15], visits: [] });
    expect(new Set(meeting!.principals as string[])).toEqual(new Set(['person:mark-esper', 'person:ben-wallace']));
    const inVisit = await rows(`
      MATCH (:Visit {id: $id})-[:INCLUDES]->(m)
      WHERE EXISTS { (m)-[:PRINCIPAL]->(:Person {id: 'person:ben-wallace'}) } OR EXISTS { (:Person {id: 'person:ben-wallace'})-[:ATTENDED]->(m) }
      RETURN m.id`, { id: ALGERIA_VISIT });
    expect(inVisit).toEqual([]);
    const [met] = await rows(`MATCH (:Person {id: 'person:mark-esper'})-[r:MET]->(:Person {id: 'person:ben-wallace'}) RETURN r.visitId AS visitId, r.paragraphs AS paragraphs`);
    expect(met).toEqual({ visitId: null, paragraphs: [15] });
  });
});

describe('ONTOLOGY.md matches the database', () => {
  it('describes every label and relationship type in the loaded graph', async () => {
    const doc = readFileSync(new URL('../ONTOLOGY.md', import.meta.url), 'utf8');
    const described = new Set([...doc.matchAll(/`:?([A-Za-z_]+)`/g)].map((m) => m[1]));
    const [{ labels, types }] = (await rows(`
      CALL () { MATCH (n) UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS labels }
      CALL () { MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types }
      RETURN labels, types`)) as [{ labels: string[]; types: string[] }];
    expect(labels.filter((l) => !described.has(l))).toEqual([]);
    expect(types.filter((t) => !described.has(t))).toEqual([]);
    expect(labels.length).toBeGreaterThan(10);
  });

  it('describes every relationship type and kind label of the code vocabulary', () => {
    const doc = readFileSync(new URL('../ONTOLOGY.md', import.meta.url), 'utf8');
    const described = new Set([...doc.matchAll(/`:?([A-Za-z_]+)`/g)].map((m) => m[1]));
    const vocabulary = [...Object.keys(RELATIONSHIP_TYPES), ...Object.values(KIND_LABEL), ...EVENT_SUBLABELS, 'Entity'];
    expect(vocabulary.filter((name) => !described.has(name))).toEqual([]);
  });
});
