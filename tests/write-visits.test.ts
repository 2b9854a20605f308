/**
 * Recording visits against the real database, through the GraphQL API: recordVisit resolves references
 * (by id, by any name or alias in either language), refuses ambiguous and unknown ones and
 * invalid dates without writing anything, treats the same traveler/host/date as the same visit
 * (the seed's included), is idempotent, keeps tours and precedents true whatever the recording
 * order, creates a new person once under 20 concurrent calls, and needs the API key.
 */
import { describe, expect, it } from 'vitest';
import { upsertEntities } from '../src/graph/writeEntities.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD_VISIT = `
  mutation Record($input: VisitInput!) {
    recordVisit(input: $input) {
      visit { id date traveler { id } host { id } city { id } topics { id } sources { id }
              meetings { id participants { id } attendees { id } } }
      created { id kind name }
      linked { id }
    }
  }`;

async function rows(query: string, params: Record<string, unknown> = {}) {
  return suite.db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

/** Every node and relationship with its properties, in a stable order. */
async function snapshot() {
  const nodes = await rows('MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
  const rels = (await rows('MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p'))
    .map((r) => JSON.stringify(r, Object.keys(r).sort()))
    .sort();
  return { nodes, rels, counts: { nodes: nodes.length, rels: rels.length } };
}

async function record(input: Record<string, unknown>) {
  return suite.server.gqlAuth(RECORD_VISIT, { input });
}


describe('resolution', () => {
  it('finds Esper by an Arabic alias and by his English name: the same node', async () => {
    const byArabic = await record({
      traveler: { nameAr: 'مارك اسبر' }, host: { nameAr: 'تونس' }, date: '2019-08',
      source: { title: 'Test log A', publisher: 'Test' },
    });
    expect(byArabic.errors).toBeUndefined();
    const byEnglish = await record({
      traveler: { name: 'MARK ESPER' }, host: { name: 'Tunisia' }, date: '2019-09',
      source: { title: 'Test log A', publisher: 'Test' },
    });
    expect(byEnglish.errors).toBeUndefined();
    expect(byArabic.data!.recordVisit.visit.traveler.id).toBe('person:mark-esper');
    expect(byEnglish.data!.recordVisit.visit.traveler.id).toBe('person:mark-esper');
    expect(byArabic.data!.recordVisit.visit.host.id).toBe('country:tunisia');
    expect(byArabic.data!.recordVisit.linked.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['person:mark-esper', 'country:tunisia']));
  });

  it('creates an unknown entity only when its kind is given, with a readable id, reported in created', async () => {
    const result = await record({
      traveler: { name: 'Antony Blinken', nameAr: 'أنتوني بلينكن', kind: 'PERSON' }, host: { nameAr: 'الجزائر' },
      city: { name: 'Algiers' }, date: '2022-03-30',
      meetings: [{ with: [{ name: 'Tebboune' }], topics: ['Libyan crisis and a political solution', 'Energy'] }],
      source: { title: 'Readout of a meeting in Algiers', publisher: 'US Department of State', url: 'https://www.state.gov/', publishedAt: '2022-03-30' },
    });
    expect(result.errors).toBeUndefined();
    const { visit, created, linked } = result.data!.recordVisit;
    expect(visit.id).toBe('visit:antony-blinken-algeria-2022-03-30');
    expect(visit.city.id).toBe('city:algiers');
    expect(visit.meetings[0].participants.map((p: { id: string }) => p.id).sort()).toEqual(['person:abdelmadjid-tebboune', 'person:antony-blinken']);
    const createdIds = created.map((e: { id: string }) => e.id);
    expect(createdIds).toEqual(expect.arrayContaining(['person:antony-blinken', 'topic:energy', visit.id, visit.meetings[0].id]));
    expect(created.find((e: { id: string }) => e.id === 'person:antony-blinken')).toMatchObject({ kind: 'PERSON', name: 'Antony Blinken' });
    expect(linked.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining(['country:algeria', 'city:algiers', 'person:abdelmadjid-tebboune', 'topic:libya-political-solution']));
    const [person] = await rows("MATCH (p:Person {id: 'person:antony-blinken'}) RETURN p.nameAr AS nameAr, p.nameKeys AS keys");
    expect(person!.nameAr).toBe('أنتوني بلينكن');
  });

  it('refuses an unknown name without a kind, and writes nothing', async () => {
    const before = await snapshot();
    const result = await record({ traveler: { name: 'Nobody Atall' }, host: { name: 'Algeria' }, date: '2021-01-01' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_REFERENCE', at: 'input.traveler' });
    expect(result.errors![0]!.message).toMatch(/Nobody Atall/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an ambiguous reference, listing the candidates, and writes nothing', async () => {
    await suite.db.write((tx) => upsertEntities(tx, [
      { id: 'person:ahmed-one', kind: 'PERSON', name: 'Ahmed One', aliases: ['Sidi Ahmed'] },
      { id: 'person:ahmed-two', kind: 'PERSON', name: 'Ahmed Two', aliases: ['Sidi Ahmed'] },
    ], 'replace'));
    const before = await snapshot();
    const result = await record({
      traveler: { name: 'Mark Esper' }, host: { name: 'Algeria' }, date: '2020-12-01',
      meetings: [{ with: [{ name: 'sidi ahmed' }] }],
    });
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMBIGUOUS_REFERENCE', at: 'input.meetings[0].with[0]' });
    expect((error!.extensions!.candidates as { id: string }[]).map((c) => c.id)).toEqual(['person:ahmed-one', 'person:ahmed-two']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a date that does not exist, with BAD_USER_INPUT, and writes nothing', async () => {
    const before = await snapshot();
    const result = await record({ traveler: { name: 'Mark Esper' }, host: { name: 'Algeria' }, date: '2021-02-30' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const meeting = await record({ traveler: { name: 'Mark Esper' }, host: { name: 'Algeria' }, date: '2021-02', meetings: [{ with: [{ name: 'Tebboune' }], date: '2021-02-29' }] });
    expect(meeting.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
  });
});

describe('the same visit', () => {
  it("enriches the seed's Esper visit instead of adding one", async () => {
    const before = await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:mark-esper'}) RETURN count(v) AS n");
    const result = await record({
      traveler: { nameAr: 'مارك إسبر' }, host: { nameAr: 'الجزائر' }, date: '2020-10-01',
      topics: ['Arms sales'],
      meetings: [{ with: [{ nameAr: 'سعيد شنقريحة' }], topics: ['Counter-terrorism'] }],
      source: { title: 'Second report on the Algiers visit', publisher: 'Test Wire', publishedAt: '2020-10-02' },
    });
    expect(result.errors).toBeUndefined();
    const { visit } = result.data!.recordVisit;
    expect(visit.id).toBe('visit:mark-esper-algeria-2020-10-01');
    expect(await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:mark-esper'}) RETURN count(v) AS n")).toEqual(before);
    expect(visit.topics.map((t: { id: string }) => t.id)).toContain('topic:arms-sales');
    expect(visit.sources.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['source:aljazeera-2020-10-02-esper-algeria', 'source:test-wire-2020-10-02-second-report-on-the-algiers-visit']));
    expect(visit.meetings.length).toBe(2);
    const met = await rows("MATCH (:Person {id: 'person:mark-esper'})-[m:MET]->(:Person {id: 'person:said-chanegriha'}) RETURN m.visitId AS visitId");
    expect(met).toEqual([{ visitId: 'visit:mark-esper-algeria-2020-10-01' }]);
    const visited = await rows("MATCH (:Person {id: 'person:mark-esper'})-[r:VISITED]->(:Country {id: 'country:algeria'}) RETURN r.sources AS sources");
    expect(visited).toEqual([{ sources: ['source:aljazeera-2020-10-02-esper-algeria', 'source:test-wire-2020-10-02-second-report-on-the-algiers-visit'] }]);
  });

  it('recording the same input again changes nothing: counts and properties', async () => {
    const input = {
      traveler: { name: 'Sergey Lavrov', kind: 'PERSON' }, host: { name: 'Algeria' }, city: { nameAr: 'الجزائر العاصمة' },
      date: '2022-05-10', purpose: 'Talks on bilateral relations', topics: ['Energy'],
      meetings: [{ with: [{ name: 'Tebboune' }], attendees: [{ name: 'Ramtane Lamamra', kind: 'PERSON' }] }],
      source: { title: 'Lavrov in Algiers', publisher: 'Test Wire', publishedAt: '2022-05-10' }, paragraphs: [1, 2], certainty: 'STATED',
    };
    const first = await record(input);
    expect(first.errors).toBeUndefined();
    const before = await snapshot();
    const again = await record(input);
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordVisit.created).toEqual([]);
    expect(again.data!.recordVisit.visit.id).toBe(first.data!.recordVisit.visit.id);
    expect(await snapshot()).toEqual(before);
  });
});

describe('tours and precedents', () => {
  it('links the stops of a tour in date order whatever the recording order', async () => {
    const tour = 'Blinken trip to Israel, Morocco and Algeria, March 2022';
    for (const [host, date] of [['Algeria', '2022-03-30'], ['Morocco', '2022-03-29'], ['Israel', '2022-03-27']] as const) {
      const result = await record({ traveler: { name: 'Antony Blinken' }, host: host === 'Israel' ? { name: host, kind: 'COUNTRY' } : { name: host }, date, tour });
      expect(result.errors).toBeUndefined();
    }
    const stops = await rows(`
      MATCH (v:Visit)-[p:PART_OF_TOUR]->(t:Tour) WHERE t.name = $tour
      OPTIONAL MATCH (v)-[:NEXT_STOP]->(n)
      RETURN v.id AS id, p.order AS order, collect(n.id) AS next ORDER BY p.order`, { tour });
    expect(stops).toEqual([
      { id: 'visit:antony-blinken-israel-2022-03-27', order: 1, next: ['visit:antony-blinken-morocco-2022-03-29'] },
      { id: 'visit:antony-blinken-morocco-2022-03-29', order: 2, next: ['visit:antony-blinken-algeria-2022-03-30'] },
      { id: 'visit:antony-blinken-algeria-2022-03-30', order: 3, next: [] },
    ]);
    const [dates] = await rows('MATCH (t:Tour) WHERE t.name = $tour RETURN t.date AS date, t.endDate AS endDate, t.id AS id', { tour });
    expect(dates).toEqual({ date: '2022-03-27', endDate: '2022-03-30', id: 'tour:blinken-trip-to-israel-morocco-and-algeria-march-2022' });
  });

  it('moves PRECEDED_BY when an earlier visit by a holder of the same post is recorded later', async () => {
    const precedents = () => rows(`
      MATCH (v:Visit)-[p:PRECEDED_BY {position: 'position:us-secretary-of-defense'}]->(e:Visit)
      WHERE (v)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'})
      RETURN v.id AS visit, e.id AS earlier ORDER BY visit`);
    expect(await precedents()).toEqual([{ visit: 'visit:mark-esper-algeria-2020-10-01', earlier: 'visit:donald-rumsfeld-algeria-2006-02' }]);

    // The visit first, then the post: the precedent follows the post held.
    const visit = await record({ traveler: { name: 'Robert Gates', kind: 'PERSON' }, host: { name: 'Algeria' }, date: '2010-05' });
    expect(visit.errors).toBeUndefined();
    expect(await precedents()).toEqual([{ visit: 'visit:mark-esper-algeria-2020-10-01', earlier: 'visit:donald-rumsfeld-algeria-2006-02' }]);
    const post = await suite.server.gqlAuth(`mutation($input: RelationInput!) { recordRelation(input: $input) { updated relation { type from { id } to { id } } } }`, {
      input: {
        from: { name: 'Robert Gates' }, type: 'HOLDS_POSITION', to: { id: 'position:us-secretary-of-defense' },
        properties: { since: '2006-12-18', until: '2011-07-01' }, certainty: 'EXTERNAL',
      },
    });
    expect(post.errors).toBeUndefined();
    expect(post.data!.recordRelation).toMatchObject({ updated: false, relation: { type: 'HOLDS_POSITION', from: { id: 'person:robert-gates' }, to: { id: 'position:us-secretary-of-defense' } } });
    expect(await precedents()).toEqual([
      { visit: 'visit:mark-esper-algeria-2020-10-01', earlier: 'visit:robert-gates-algeria-2010-05' },
      { visit: 'visit:robert-gates-algeria-2010-05', earlier: 'visit:donald-rumsfeld-algeria-2006-02' },
    ]);
    const read = await suite.server.gql(`{ visit(id: "visit:mark-esper-algeria-2020-10-01") { precededBy { id } precedentPosition { id } } }`);
    expect(read.data!.visit).toEqual({ precededBy: { id: 'visit:robert-gates-algeria-2010-05' }, precedentPosition: { id: 'position:us-secretary-of-defense' } });

    // A holder's visit recorded after the post: the chain is redone at once.
    const between = await record({ traveler: { name: 'Robert Gates' }, host: { name: 'Algeria' }, date: '2008-01-15' });
    expect(between.errors).toBeUndefined();
    expect(await precedents()).toEqual([
      { visit: 'visit:mark-esper-algeria-2020-10-01', earlier: 'visit:robert-gates-algeria-2010-05' },
      { visit: 'visit:robert-gates-algeria-2008-01-15', earlier: 'visit:donald-rumsfeld-algeria-2006-02' },
      { visit: 'visit:robert-gates-algeria-2010-05', earlier: 'visit:robert-gates-algeria-2008-01-15' },
    ]);

    // A term corrected to end earlier: the visit after it leaves the chain, and its link goes.
    const corrected = await suite.server.gqlAuth(`mutation($input: RelationInput!) { recordRelation(input: $input) { updated } }`, {
      input: {
        from: { id: 'person:robert-gates' }, type: 'HOLDS_POSITION', to: { id: 'position:us-secretary-of-defense' },
        properties: { since: '2006-12-18', until: '2009-12-31' }, certainty: 'EXTERNAL',
      },
    });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.recordRelation.updated).toBe(true);
    expect(await precedents()).toEqual([
      { visit: 'visit:mark-esper-algeria-2020-10-01', earlier: 'visit:robert-gates-algeria-2008-01-15' },
      { visit: 'visit:robert-gates-algeria-2008-01-15', earlier: 'visit:donald-rumsfeld-algeria-2006-02' },
    ]);
  });
});

describe('concurrency', () => {
  it('20 concurrent calls naming the same new person create exactly one', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => record({
      traveler: { name: 'Nasser Bourita', kind: 'PERSON' },
      host: { name: 'Algeria' },
      date: `2021-${String(Math.floor(i / 10) + 1).padStart(2, '0')}-${String((i % 10) + 10)}`,
      meetings: [{ with: [{ name: 'Tebboune' }] }],
    })));
    expect(results.flatMap((r) => r.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`)).toEqual([]);
    expect(await rows("MATCH (p:Entity) WHERE 'nasser bourita' IN p.nameKeys RETURN p.id AS id")).toEqual([{ id: 'person:nasser-bourita' }]);
    const creators = results.filter((r) => r.data!.recordVisit.created.some((e: { id: string }) => e.id === 'person:nasser-bourita'));
    expect(creators.length).toBe(1);
    expect(await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:nasser-bourita'}) RETURN count(v) AS n")).toEqual([{ n: 20 }]);
  });
});

describe('authorization', () => {
  it('refuses a write without the key (UNAUTHENTICATED) and writes nothing; reads stay open', async () => {
    const before = await snapshot();
    const input = { traveler: { name: 'Mark Esper' }, host: { name: 'Morocco' }, date: '2020-11-01' };
    const none = await suite.server.gql(RECORD_VISIT, { input });
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await suite.server.gql(RECORD_VISIT, { input }, { authorization: 'Bearer not-the-key' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const relation = await suite.server.gql(`mutation { recordRelation(input: {from: {id: "country:algeria"}, type: "ALLY_OF", to: {id: "country:russia"}}) { updated } }`);
    expect(relation.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
    const read = await suite.server.gql('{ entity(id: "person:mark-esper") { id name } }');
    expect(read.data).toEqual({ entity: { id: 'person:mark-esper', name: 'Mark Esper' } });
  });
});
