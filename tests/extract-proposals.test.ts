/**
 * From an article to reviewed facts, through the GraphQL API on a real Neo4j: proposeFacts reads
 * the seed article against a graph that holds only its entities (none of its facts), and
 * proposes the visit, its inferred date, the meeting, the tour's other stops and the 2006
 * precedent with the right paragraphs; accepting writes them through the visit writer; a second
 * article on the same visit enriches it; bad input gets clear answers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import type { Db } from '../src/db/driver.js';
import { articleDocument } from './support/article.js';
import { upsertEntities } from '../src/graph/writeEntities.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { startTestServer, type TestServer } from './support/server.js';

// The seed article's facts retold in our own words, paragraph for paragraph, so that the
// paragraph numbers match the seed graph's provenance (the news text itself is not shipped).
const SEED_ARTICLE = path.join(PROJECT_ROOT, 'tests/fixtures/articles/esper-algeria-2020.ar.txt');

function seedArticle(): string {
  return readFileSync(SEED_ARTICLE, 'utf8');
}

const ENTITY = 'id name nameAr kind created reason role';
const PROPOSAL = `id type status summary paragraphs spans { paragraph start end text } certainty claimedBy { id }
  confidence traveler { ${ENTITY} } host { ${ENTITY} } city { id } places { id } date endDate dateCertainty dateNote
  tour { name stops { id } } participants { ${ENTITY} } attendees { ${ENTITY} } topics relation
  from { id } to { id } properties post precedes { traveler { id } host { id } date } issuer { id } result json`;

const PROPOSE = `mutation Propose($input: ProposeFactsInput!) {
  proposeFacts(input: $input) { id language publishedAt paragraphs { index text } notes proposals { ${PROPOSAL} } }
}`;
const ACCEPT = `mutation Accept($ids: [ID!]!) { acceptProposals(ids: $ids) { accepted { id status result } created { id } linked { id } } }`;
const DISMISS = `mutation Dismiss($ids: [ID!]!) { dismissProposals(ids: $ids) { id status } }`;

type P = Record<string, any>;

let db: Db;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDb();
  await freshDatabase(db);
  // The article's entities only: people, places, posts... but no visit, meeting or relation.
  await db.write((tx) => upsertEntities(tx, articleDocument().entities, 'replace'));
  server = await startTestServer(db);
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

async function propose(text: string, source: Record<string, unknown>) {
  const response = await server.gqlAuth<{ proposeFacts: { id: string; language: string; notes: string[]; paragraphs: P[]; proposals: P[] } }>(PROPOSE, {
    input: { text, source },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.proposeFacts;
}

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

describe('the seed article, read with only its entities in the graph', () => {
  let article: Awaited<ReturnType<typeof propose>>;
  const visitTo = (host: string) => article.proposals.find((p) => p.type === 'visit' && p.traveler.id === 'person:mark-esper' && p.host.id === host);

  beforeAll(async () => {
    article = await propose(seedArticle(), { title: 'Esper in Algiers (test copy)', publisher: 'Al Jazeera', publishedAt: '2020-10-02' });
  });

  it('counts paragraphs as provenance does and detects Arabic', () => {
    expect(article.language).toBe('ar');
    expect(article.paragraphs).toHaveLength(24);
    expect(article.paragraphs[0]!.text).toContain('وزير الدفاع الأميركي');
  });

  it('proposes that Esper visited Algeria on 2020-10-01, inferred from "yesterday, Thursday" and the publication date', () => {
    const visit = visitTo('country:algeria');
    expect(visit).toBeDefined();
    expect(visit!.date).toBe('2020-10-01');
    expect(visit!.dateCertainty).toBe('INFERRED');
    expect(visit!.dateNote).toMatch(/publication date/);
    expect(visit!.paragraphs).toEqual(expect.arrayContaining([0, 3]));
    expect(visit!.certainty).toBe('STATED');
    expect(visit!.traveler).toMatchObject({ id: 'person:mark-esper', created: false });
    expect(visit!.traveler.reason).toMatch(/person:mark-esper/);
    expect(visit!.host).toMatchObject({ id: 'country:algeria', created: false });
    // The evidence spans point at the words themselves.
    const texts = visit!.spans.map((s: P) => s.text);
    expect(texts).toEqual(expect.arrayContaining(['أمس الخميس', 'وزير الدفاع الأميركي مارك إسبر', 'بزيارة']));
  });

  it('proposes Tunisia and Morocco as the other stops of the same tour', () => {
    const algeria = visitTo('country:algeria')!;
    expect(algeria.tour.stops.map((s: P) => s.id)).toEqual(expect.arrayContaining(['country:algeria', 'country:tunisia', 'country:morocco']));
    for (const host of ['country:tunisia', 'country:morocco']) {
      const stop = visitTo(host);
      expect(stop, host).toBeDefined();
      expect(stop!.tour.name).toBe(algeria.tour.name);
      expect(stop!.paragraphs).toEqual([6]);
      expect(stop!.dateCertainty).not.toBe('STATED');
    }
    expect(visitTo('country:morocco')!.city.id).toBe('city:rabat');
  });

  it('proposes the meeting with Tebboune, with the people present and their roles as stated', () => {
    const meeting = article.proposals.find((p) => p.type === 'meeting' && p.participants.some((x: P) => x.id === 'person:abdelmadjid-tebboune'));
    expect(meeting).toBeDefined();
    expect(meeting!.participants.map((x: P) => x.id)).toEqual(['person:mark-esper', 'person:abdelmadjid-tebboune']);
    expect(meeting!.paragraphs).toEqual(expect.arrayContaining([1, 7]));
    expect(meeting!.attendees.map((x: P) => x.id)).toEqual(['person:said-chanegriha', 'person:mohamed-bouzit']);
    expect(meeting!.attendees[0].role).toContain('رئيس أركان الجيش');
    expect(meeting!.date).toBe('2020-10-01');
    expect(meeting!.topics.length).toBeGreaterThan(0);
  });

  it('proposes the Rumsfeld 2006 precedent from paragraph 4', () => {
    const precedent = article.proposals.find((p) => p.type === 'precedent');
    expect(precedent).toBeDefined();
    expect(precedent!.traveler.id).toBe('person:donald-rumsfeld');
    expect(precedent!.host.id).toBe('country:algeria');
    expect(precedent!.date).toBe('2006-02');
    expect(precedent!.paragraphs).toContain(4);
    expect(precedent!.precedes).toMatchObject({ traveler: { id: 'person:mark-esper' }, host: { id: 'country:algeria' }, date: '2020-10-01' });
  });

  it('proposes the posts held as stated and the arms purchases with their share', () => {
    const holds = article.proposals.filter((p) => p.type === 'relation' && p.relation === 'HOLDS_POSITION');
    expect(holds.map((p) => `${p.from.id} ${p.to.id}`)).toEqual(
      expect.arrayContaining([
        'person:said-chanegriha position:chief-of-staff-of-the-peoples-national-army',
        'person:abdelmadjid-tebboune position:president-of-algeria',
      ]),
    );
    const arms = article.proposals.find((p) => p.type === 'relation' && p.relation === 'BUYS_ARMS_FROM');
    expect(arms).toMatchObject({ from: { id: 'country:algeria' }, to: { id: 'country:russia' }, properties: { share: 0.9 }, paragraphs: [13] });
  });

  it('keeps the proposals pending with the article, readable again by id', async () => {
    const again = await server.gqlAuth(`query($id: ID!) { articleProposals(id: $id) { id title proposals { id status } } }`, { id: article.id });
    expect(again.errors).toBeUndefined();
    expect(again.data!.articleProposals.title).toBe('Esper in Algiers (test copy)');
    expect(again.data!.articleProposals.proposals.map((p: P) => p.id)).toEqual(article.proposals.map((p) => p.id));
    expect(new Set(again.data!.articleProposals.proposals.map((p: P) => p.status))).toEqual(new Set(['PENDING']));
  });

  it('writes accepted proposals through the visit writer, with the article as source and the paragraphs', async () => {
    const chosen = article.proposals.filter(
      (p) => (p.type === 'visit' && p.host.id === 'country:algeria') || (p.type === 'meeting' && p.participants.some((x: P) => x.id === 'person:abdelmadjid-tebboune')) || p.type === 'precedent',
    );
    const accepted = await server.gqlAuth(ACCEPT, { ids: chosen.map((p) => p.id) });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptProposals.accepted.every((p: P) => p.status === 'ACCEPTED' && p.result)).toBe(true);
    const visit = await server.gql(`{ visit(id: "visit:mark-esper-algeria-2020-10-01") {
      date dateCertainty host { id } travelerRole places { id }
      meetings { participants { id } participantRoles { person { id } role } attendees { id } } sources { title } provenance { paragraphs certainty } } }`);
    expect(visit.data!.visit).toMatchObject({ date: '2020-10-01', dateCertainty: 'EXTERNAL', host: { id: 'country:algeria' } });
    expect(visit.data!.visit.sources.map((s: P) => s.title)).toEqual(['Esper in Algiers (test copy)']);
    expect(visit.data!.visit.provenance.paragraphs).toEqual(expect.arrayContaining([0, 3]));
    expect(visit.data!.visit.meetings[0].participants.map((x: P) => x.id)).toEqual(expect.arrayContaining(['person:mark-esper', 'person:abdelmadjid-tebboune']));
    expect(visit.data!.visit.meetings[0].attendees.map((x: P) => x.id)).toEqual(expect.arrayContaining(['person:said-chanegriha', 'person:mohamed-bouzit']));
    // What the proposals read beyond traveler, host and date reaches the graph: places and roles.
    const visitProposal = chosen.find((p) => p.type === 'visit')!;
    expect(visitProposal.places.length).toBeGreaterThan(0);
    expect(visit.data!.visit.places.map((x: P) => x.id)).toEqual(expect.arrayContaining(visitProposal.places.map((x: P) => x.id)));
    expect(visitProposal.traveler.role).toBeTruthy();
    expect(visit.data!.visit.travelerRole).toBe(visitProposal.traveler.role);
    const meetingProposal = chosen.find((p) => p.type === 'meeting')!;
    const tebboune = meetingProposal.participants.find((x: P) => x.id === 'person:abdelmadjid-tebboune');
    expect(tebboune.role).toBeTruthy();
    expect(visit.data!.visit.meetings[0].participantRoles).toEqual(expect.arrayContaining([{ person: { id: 'person:abdelmadjid-tebboune' }, role: tebboune.role }]));
    const rumsfeld = await rows(`MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:donald-rumsfeld'}) RETURN v.date AS date`);
    expect(rumsfeld).toEqual([{ date: '2006-02' }]);
    // Accepting again changes nothing and keeps them accepted.
    const again = await server.gqlAuth(ACCEPT, { ids: chosen.map((p) => p.id) });
    expect(again.errors).toBeUndefined();
    expect(await rows(`MATCH (v:Visit) RETURN count(v) AS n`)).toEqual([{ n: 2 }]);
  });

  it('a second article on the same visit adds its source and only the new facts', async () => {
    const second = [
      'A second look at the Pentagon chief in Algiers',
      'US Defense Secretary Mark Esper visited Algiers on 1 October 2020, in the middle of a short North African trip.',
      'During the visit, Esper held talks with Algerian President Abdelmadjid Tebboune on migration.',
    ].join('\n');
    const entityIds = async () => new Set((await rows(`MATCH (n:Entity) RETURN n.id AS id`)).map((r) => r.id as string));
    const before = await entityIds();
    const read = await propose(second, { title: 'Second look (test)', publisher: 'Test desk', publishedAt: '2020-10-03', language: 'en' });
    const chosen = read.proposals.filter((p) => p.type === 'visit' || p.type === 'meeting');
    expect(chosen.map((p) => p.type).sort()).toEqual(['meeting', 'visit']);
    const visitProposal = chosen.find((p) => p.type === 'visit')!;
    expect(visitProposal).toMatchObject({ date: '2020-10-01', dateCertainty: 'STATED', traveler: { id: 'person:mark-esper' }, host: { id: 'country:algeria' } });
    const accepted = await server.gqlAuth(ACCEPT, { ids: chosen.map((p) => p.id) });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptProposals.accepted.map((p: P) => p.result)).toEqual(['visit:mark-esper-algeria-2020-10-01', 'visit:mark-esper-algeria-2020-10-01']);
    const visit = await server.gql(`{ visit(id: "visit:mark-esper-algeria-2020-10-01") { sources { title } meetings { id topics { name } } } }`);
    expect(visit.data!.visit.sources.map((s: P) => s.title).sort()).toEqual(['Esper in Algiers (test copy)', 'Second look (test)']);
    // The same meeting, enriched with the new topic; still one visit and one meeting.
    expect(visit.data!.visit.meetings).toHaveLength(1);
    expect(visit.data!.visit.meetings[0].topics.map((t: P) => t.name)).toContain('Migration');
    expect(await rows(`MATCH (v:Visit) RETURN count(v) AS n`)).toEqual([{ n: 2 }]);
    // The only new nodes: the second article's source and the new topic.
    const added = [...(await entityIds())].filter((id) => !before.has(id)).sort();
    expect(added).toHaveLength(2);
    expect(added[0]).toMatch(/^source:/);
    expect(added[1]).toBe('topic:migration');
  });
});

describe('review', () => {
  it('dismissed proposals stay with the article as dismissed and cannot then be accepted', async () => {
    const read = await propose('Russian Foreign Minister Sergei Lavrov arrived in Algiers on 10 May 2022.', { title: 'Dismiss test', publishedAt: '2022-05-11' });
    const ids = read.proposals.map((p) => p.id);
    expect(ids.length).toBeGreaterThan(0);
    const dismissed = await server.gqlAuth(DISMISS, { ids });
    expect(dismissed.errors).toBeUndefined();
    expect(dismissed.data!.dismissProposals.map((p: P) => p.status)).toEqual(ids.map(() => 'DISMISSED'));
    const accept = await server.gqlAuth(ACCEPT, { ids });
    expect(accept.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(accept.errors?.[0]?.message).toMatch(/dismissed/);
    expect(await rows(`MATCH (p:Person {name: 'Sergei Lavrov'}) RETURN count(p) AS n`)).toEqual([{ n: 0 }]);
  });

  it('an unknown proposal id is refused with the id', async () => {
    const accept = await server.gqlAuth(ACCEPT, { ids: ['proposal:nope-1'] });
    expect(accept.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(accept.errors?.[0]?.message).toContain('proposal:nope-1');
  });
});

describe('bad input', () => {
  const source = { title: 'Bad input test', publishedAt: '2022-05-11' };

  it('needs the API key', async () => {
    const response = await server.gql(PROPOSE, { input: { text: 'Lavrov visited Algeria.', source } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an empty text, a 1 MB text and an unknown language with BAD_USER_INPUT', async () => {
    for (const [text, extra, pattern] of [
      ['   \n  ', {}, /empty/],
      ['Lavrov visited Algeria. '.repeat(44_000), {}, /characters/],
      ['Lavrov visited Algeria.', { language: 'fr' }, /ar or en/],
    ] as const) {
      const response = await server.gqlAuth(PROPOSE, { input: { text, source: { ...source, ...extra } } });
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(pattern);
    }
  });

  it('says so when a text holds no visit', async () => {
    const read = await propose('Rain is expected across the north on Friday.\nThe markets closed higher.', source);
    expect(read.proposals.filter((p) => p.type === 'visit')).toEqual([]);
    expect(read.notes).toContain('No visit found in this text.');
  });

  it('reads a text that mixes scripts', async () => {
    const read = await propose('وصل وزير الخارجية الروسي سيرغي لافروف إلى الجزائر يوم 10 مايو 2022\nRussian Foreign Minister Sergei Lavrov met Algerian President Abdelmadjid Tebboune on 10 May 2022.', source);
    const visit = read.proposals.find((p) => p.type === 'visit');
    expect(visit).toMatchObject({ host: { id: 'country:algeria' }, date: '2022-05-10', dateCertainty: 'STATED' });
    expect(read.proposals.some((p) => p.type === 'meeting' && p.participants.some((x: P) => x.id === 'person:abdelmadjid-tebboune'))).toBe(true);
  });

  it('leaves relative dates unresolved, and says so, without a publication date', async () => {
    const read = await propose('Russian Foreign Minister Sergei Lavrov arrived in Algiers on Tuesday.', { title: 'No date' });
    const visit = read.proposals.find((p) => p.type === 'visit');
    expect(visit).toMatchObject({ date: null, dateCertainty: 'UNRESOLVED', traveler: { name: 'Sergei Lavrov', created: true } });
    expect(visit!.dateNote).toMatch(/no publication date/);
    expect(read.notes.join(' ')).toMatch(/No publication date/);
    const accept = await server.gqlAuth(ACCEPT, { ids: [visit!.id] });
    expect(accept.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(accept.errors?.[0]?.message).toMatch(/no date/);
  });

  // Its speed is measured by `npm run bench -- extract`, not here.
  it('reads a 5,000-word article that repeats one visit as one visit proposal', async () => {
    const paragraph = 'US Secretary of State Antony Blinken arrived in Algiers on 30 March 2022 and held talks with Algerian President Abdelmadjid Tebboune on energy, Libya and the Sahel, before travelling on to other capitals of the region for further meetings.';
    const words = paragraph.split(' ').length;
    const text = ['A long test article', ...Array.from({ length: Math.ceil(5000 / words) }, () => paragraph)].join('\n');
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(5000);
    const read = await propose(text, source);
    expect(read.proposals.filter((p) => p.type === 'visit')).toHaveLength(1);
  });
});
