/**
 * The model holds what real sources of diplomatic travel say, against the real database through
 * the GraphQL API: visits over several days, the same visit dated more or less precisely, roles
 * at the time, several terms of one post, the country a traveler travels for, several places,
 * a city's country (and homonyms), each source's own text, and source ids that never collide.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeRelations } from '../src/graph/writeRelations.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD_VISIT = `
  mutation Record($input: VisitInput!) {
    recordVisit(input: $input) {
      visit {
        id date endDate purpose
        traveler { id } travelerRole travelerPosition { id }
        host { id } representing { id }
        city { id } places { id kind }
        notes { text sourceId }
        sources { id }
        meetings { id endDate participantRoles { person { id } role position { id } } attendeeRoles { person { id } role position { id } } }
      }
    }
  }`;

const RECORD_RELATION = `mutation($input: RelationInput!) { recordRelation(input: $input) { updated } }`;

async function record(input: Record<string, unknown>) {
  return suite.server.gqlAuth(RECORD_VISIT, { input });
}

async function relation(input: Record<string, unknown>) {
  return suite.server.gqlAuth(RECORD_RELATION, { input });
}

async function rows(query: string, params: Record<string, unknown> = {}) {
  return suite.db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}

async function graphCounts() {
  return rows('MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
}

const source = (title: string, extra: Record<string, unknown> = {}) => ({ title, publisher: 'Office of the Historian', ...extra });

describe('date ranges', () => {
  it('keeps a visit of several days, finds it by any day it covers, and orders timelines by start', async () => {
    const result = await record({
      traveler: { name: 'Olaf Range', kind: 'PERSON' }, host: { name: 'Japan', kind: 'COUNTRY' },
      date: '2021-06-10', endDate: '2021-06-14', source: source('Range test'),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordVisit.visit).toMatchObject({ date: '2021-06-10', endDate: '2021-06-14' });
    await record({ traveler: { name: 'Olaf Range' }, host: { name: 'Japan' }, date: '2021-05', source: source('Range test') });

    const visits = async (from: string, to: string) => {
      const answer = await suite.server.gql(
        `query($f: VisitFilter) { visits(filter: $f) { edges { node { id } } } }`,
        { f: { traveler: 'person:olaf-range', from, to } },
      );
      return answer.data!.visits.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    expect(await visits('2021-06-12', '2021-06-12')).toEqual(['visit:olaf-range-japan-2021-06-10']);
    expect(await visits('2021-06-14', '2021-06-30')).toEqual(['visit:olaf-range-japan-2021-06-10']);
    expect(await visits('2021-06-15', '2021-06-30')).toEqual([]);

    const timeline = await suite.server.gql(`{ timeline(id: "person:olaf-range") { date event { id } } }`);
    expect(timeline.data!.timeline.map((e: { date: string }) => e.date)).toEqual(['2021-05', '2021-06-10']);
  });

  it('refuses an end before the start, for visits and meetings, and writes nothing', async () => {
    const before = await graphCounts();
    const visit = await record({ traveler: { name: 'Olaf Range' }, host: { name: 'Japan' }, date: '2021-06-10', endDate: '2021-06-09' });
    expect(visit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', at: 'input' });
    expect(visit.errors![0]!.message).toMatch(/endDate: 2021-06-09 is before the date 2021-06-10/);
    const meeting = await record({
      traveler: { name: 'Olaf Range' }, host: { name: 'Japan' }, date: '2021-07-01',
      meetings: [{ with: [{ name: 'Aiko Host', kind: 'PERSON' }], date: '2021-07-03', endDate: '2021-07' }],
    });
    expect(meeting.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', at: 'input.meetings[0]' });
    expect(await graphCounts()).toEqual(before);
  });

  it('keeps a meeting of several days', async () => {
    const result = await record({
      traveler: { name: 'Olaf Range' }, host: { name: 'Japan' }, date: '2021-09-01', endDate: '2021-09-03',
      meetings: [{ with: [{ name: 'Aiko Host', kind: 'PERSON' }], date: '2021-09-01', endDate: '2021-09-02' }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordVisit.visit.meetings[0].endDate).toBe('2021-09-02');
  });
});

describe('one visit, however precisely dated', () => {
  it('makes a month and a day within it one visit: the day wins, both sources and texts stay', async () => {
    const month = await record({
      traveler: { name: 'Petra Month', kind: 'PERSON' }, host: { name: 'Chile', kind: 'COUNTRY' }, date: '2006-02',
      purpose: 'Talks on trade.', source: source('Month log'),
    });
    expect(month.errors).toBeUndefined();
    const day = await record({
      traveler: { name: 'Petra Month' }, host: { name: 'Chile' }, date: '2006-02-12', endDate: '2006-02-13',
      purpose: 'Signed a trade accord.', source: source('Day log'),
    });
    expect(day.errors).toBeUndefined();
    const visit = day.data!.recordVisit.visit;
    expect(visit.id).toBe(month.data!.recordVisit.visit.id);
    expect(visit).toMatchObject({ date: '2006-02-12', endDate: '2006-02-13', purpose: 'Talks on trade.' });
    expect(visit.sources.map((s: { id: string }) => s.id).sort()).toEqual([
      'source:office-of-the-historian-day-log', 'source:office-of-the-historian-month-log',
    ]);
    expect(visit.notes).toEqual([
      { text: 'Talks on trade.', sourceId: 'source:office-of-the-historian-month-log' },
      { text: 'Signed a trade accord.', sourceId: 'source:office-of-the-historian-day-log' },
    ]);
    // A month recorded after the day finds the same visit and leaves the precise date alone.
    const again = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Chile' }, date: '2006', source: source('Year log') });
    expect(again.data!.recordVisit.visit).toMatchObject({ id: visit.id, date: '2006-02-12' });
    const [count] = await rows("MATCH (v:Visit)-[:TRAVELER]->(:Person {id: 'person:petra-month'}) RETURN count(v) AS n, collect(v.dateEnd) AS ends");
    expect(count).toEqual({ n: 1, ends: ['2006-02-13'] });
    const [edge] = await rows("MATCH (:Person {id: 'person:petra-month'})-[r:VISITED]->() RETURN r.date AS date, r.endDate AS endDate");
    expect(edge).toEqual({ date: '2006-02-12', endDate: '2006-02-13' });
  });

  it('keeps two trips in one month apart when their days do not overlap', async () => {
    const first = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Chile' }, date: '2007-05-03' });
    const second = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Chile' }, date: '2007-05-20', endDate: '2007-05-22' });
    expect(first.data!.recordVisit.visit.id).not.toBe(second.data!.recordVisit.visit.id);
    // In one batch too: two rows that overlap are one visit, two that do not are two.
    const batch = await suite.db.write(async (tx) => {
      const { writeVisits } = await import('../src/graph/writeVisits.js');
      return writeVisits(tx, [
        { traveler: { id: 'person:petra-month' }, host: { id: 'country:chile' }, date: '2008-03' },
        { traveler: { id: 'person:petra-month' }, host: { id: 'country:chile' }, date: '2008-03-04' },
        { traveler: { id: 'person:petra-month' }, host: { id: 'country:chile' }, date: '2008-09-04' },
      ]);
    });
    expect(batch[0]!.visitId).toBe(batch[1]!.visitId);
    expect(batch[2]!.visitId).not.toBe(batch[0]!.visitId);
    const [march] = await rows("MATCH (v:Visit {id: $id}) RETURN v.date AS date", { id: batch[0]!.visitId });
    expect(march!.date).toBe('2008-03-04');
  });
});

describe('roles at the time', () => {
  it("keeps the traveler's and each participant's role as stated, linked to the post it names", async () => {
    for (const [post, country] of [['Greek Prime Minister', 'Greece'], ['Algerian Foreign Minister', 'Algeria'], ['Algerian Minister of Energy', 'Algeria']]) {
      const made = await relation({ from: { name: post, kind: 'POSITION' }, type: 'POST_OF', to: { name: country, kind: 'COUNTRY' } });
      expect(made.errors).toBeUndefined();
    }
    const result = await record({
      traveler: { name: 'Kyriakos Mitsotakis', kind: 'PERSON', role: 'Prime Minister' },
      host: { name: 'Algeria' }, representing: { name: 'Greece' }, date: '2022-11-21',
      meetings: [{
        with: [{ name: 'Ramtane Lamamra', kind: 'PERSON', role: 'Foreign Minister' }],
        attendees: [{ name: 'Mohamed Arkab', kind: 'PERSON', role: 'Minister of Energy' }, { name: 'Aide Without Post', kind: 'PERSON', role: 'Adviser' }],
      }],
    });
    expect(result.errors).toBeUndefined();
    const { visit } = result.data!.recordVisit;
    expect(visit).toMatchObject({
      travelerRole: 'Prime Minister', travelerPosition: { id: 'position:greek-prime-minister' },
      representing: { id: 'country:greece' },
    });
    const roles = visit.meetings[0].participantRoles;
    expect(roles).toEqual(expect.arrayContaining([
      { person: { id: 'person:ramtane-lamamra' }, role: 'Foreign Minister', position: { id: 'position:algerian-foreign-minister' } },
      expect.objectContaining({ person: { id: 'person:kyriakos-mitsotakis' }, role: 'Prime Minister' }),
    ]));
    // Those present beside the principals keep their roles too, linked to a post where one is named.
    expect(visit.meetings[0].attendeeRoles).toEqual([
      { person: { id: 'person:aide-without-post' }, role: 'Adviser', position: null },
      { person: { id: 'person:mohamed-arkab' }, role: 'Minister of Energy', position: { id: 'position:algerian-minister-of-energy' } },
    ]);
    const [edge] = await rows("MATCH (:Visit {id: $id})-[t:TRAVELER]->() RETURN t.role AS role, t.position AS position", { id: visit.id });
    expect(edge).toEqual({ role: 'Prime Minister', position: 'position:greek-prime-minister' });
  });

  it('keeps a role that names no known post as text only', async () => {
    const result = await record({
      traveler: { name: 'Elect Person', kind: 'PERSON', role: 'President-elect' }, host: { name: 'Japan' }, date: '2020-12-01',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordVisit.visit).toMatchObject({ travelerRole: 'President-elect', travelerPosition: null });
  });
});

/** Every term of the presidents' file, as (name, since, until). */
function presidentTerms(): { name: string; since: string; until?: string }[] {
  const xml = readFileSync(new URL('./fixtures/hsg/presidents.xml', import.meta.url), 'utf8');
  return [...xml.matchAll(/<president n="\d+">([\s\S]*?)<\/president>/g)].map(([, body]) => {
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body!)?.[1];
    const until = tag('left-office-date');
    return { name: tag('name')!, since: tag('took-office-date')!, ...(until ? { until } : {}) };
  });
}

describe('several terms of one post', () => {
  it('keeps each president term apart, and every term has since <= until', async () => {
    const terms = presidentTerms();
    expect(terms.length).toBe(47);
    await suite.db.write(async (tx) => {
      await writeRelations(tx, [{
        from: { name: 'President of the United States', kind: 'POSITION' }, type: 'POST_OF', to: { id: 'country:united-states' },
      }]);
      await writeRelations(tx, terms.map((t) => ({
        from: { name: t.name, kind: 'PERSON' }, type: 'HOLDS_POSITION', to: { id: 'position:president-of-the-united-states' },
        properties: { since: t.since, ...(t.until ? { until: t.until } : {}) }, certainty: 'external' as const,
      })));
    });
    const held = await rows(`MATCH (p:Person)-[h:HOLDS_POSITION]->(:Position {id: 'position:president-of-the-united-states'})
      RETURN p.name AS name, h.since AS since, h.until AS until ORDER BY since`);
    expect(held.length).toBe(47);
    for (const h of held) if (h.until) expect(h.since <= h.until).toBe(true);
    expect(held.filter((h) => h.name === 'Donald J. Trump')).toEqual([
      { name: 'Donald J. Trump', since: '2017-01-20', until: '2021-01-20' },
      { name: 'Donald J. Trump', since: '2025-01-20', until: null },
    ]);
    expect(held.filter((h) => h.name === 'Grover Cleveland').map((h) => h.since)).toEqual(['1885-03-04', '1893-03-04']);

    // The same terms again (another source) change nothing: no term doubled.
    await suite.db.write((tx) => writeRelations(tx, terms.filter((t) => t.name === 'Donald J. Trump').map((t) => ({
      from: { name: t.name }, type: 'HOLDS_POSITION', to: { id: 'position:president-of-the-united-states' },
      properties: { since: t.since, ...(t.until ? { until: t.until } : {}) },
    }))));
    const [trump] = await rows(`MATCH (:Person {name: 'Donald J. Trump'})-[h:HOLDS_POSITION]->() RETURN count(h) AS n`);
    expect(trump!.n).toBe(2);
  });

  it("gives Biden's 2021 UK visit Trump's 2019 one as precedent, across Trump's terms", async () => {
    const visit = (name: string, date: string) => record({ traveler: { name }, host: { name: 'United Kingdom', kind: 'COUNTRY' }, date });
    for (const [name, date] of [['Barack Obama', '2016-04-22'], ['Donald J. Trump', '2019-06-03'], ['Joseph R. Biden', '2021-06-10'], ['Donald J. Trump', '2025-09-16']]) {
      const result = await visit(name!, date!);
      expect(result.errors).toBeUndefined();
    }
    const chain = await suite.server.gql(`{ visits(filter: { host: "country:united-kingdom" }) { edges { node { date traveler { name } precededBy { date traveler { name } } } } } }`);
    const byDate = Object.fromEntries(chain.data!.visits.edges.map((e: any) => [e.node.date, e.node.precededBy?.date ?? null]));
    expect(byDate).toEqual({ '2016-04-22': null, '2019-06-03': '2016-04-22', '2021-06-10': '2019-06-03', '2025-09-16': '2021-06-10' });
  });

  it('refuses until before since', async () => {
    const result = await relation({
      from: { name: 'Donald J. Trump' }, type: 'HOLDS_POSITION', to: { id: 'position:president-of-the-united-states' },
      properties: { since: '2025-01-20', until: '2021-01-20' },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toMatch(/until \(2021-01-20\) is before since \(2025-01-20\)/);
  });
});

describe("the traveler's country", () => {
  it("derives it from the post held at the date, lists the visit among the country's visits made, and reaches it from the country", async () => {
    // The article's graph knows Tebboune as President of Algeria since December 2019.
    const result = await record({ traveler: { name: 'Abdelmadjid Tebboune' }, host: { name: 'Italy', kind: 'COUNTRY' }, date: '2022-05-25', endDate: '2022-05-27' });
    expect(result.errors).toBeUndefined();
    const { visit } = result.data!.recordVisit;
    expect(visit.representing).toEqual({ id: 'country:algeria' });
    const algeria = await suite.server.gql(`{ entity(id: "country:algeria") { ... on Country { visitsMade { id } } } }`);
    expect(algeria.data!.entity.visitsMade.map((v: { id: string }) => v.id)).toContain(visit.id);
    const around = await suite.server.gql(`{ neighborhood(id: "country:algeria", depth: 1, limit: 1000) { nodes { id } } }`);
    expect(around.data!.neighborhood.nodes.map((n: { id: string }) => n.id)).toContain(visit.id);
    const [edge] = await rows('MATCH (:Visit {id: $id})-[r:ON_BEHALF_OF]->() RETURN r.derived AS derived, r.certainty AS certainty', { id: visit.id });
    expect(edge).toEqual({ derived: true, certainty: 'external' });
  });

  it('derives it for visits recorded before the post was known, and links the role then', async () => {
    const early = await record({ traveler: { name: 'Nadia Later', kind: 'PERSON', role: 'Foreign Minister' }, host: { name: 'Tunisia', kind: 'COUNTRY' }, date: '2023-04-02' });
    expect(early.errors).toBeUndefined();
    expect(early.data!.recordVisit.visit).toMatchObject({ representing: null, travelerPosition: null });
    const outside = await record({ traveler: { name: 'Nadia Later' }, host: { name: 'Tunisia' }, date: '2019-06-01' });
    const post = await relation({ from: { name: 'Moroccan Foreign Minister', kind: 'POSITION' }, type: 'POST_OF', to: { name: 'Morocco' } });
    expect(post.errors).toBeUndefined();
    const held = await relation({ from: { name: 'Nadia Later' }, type: 'HOLDS_POSITION', to: { id: 'position:moroccan-foreign-minister' }, properties: { since: '2021-10' } });
    expect(held.errors).toBeUndefined();
    const after = await suite.server.gql(`query($a: ID!, $b: ID!) {
      a: visit(id: $a) { representing { id } travelerPosition { id } }
      b: visit(id: $b) { representing { id } } }`, { a: early.data!.recordVisit.visit.id, b: outside.data!.recordVisit.visit.id });
    expect(after.data!.a).toEqual({ representing: { id: 'country:morocco' }, travelerPosition: { id: 'position:moroccan-foreign-minister' } });
    // A visit before the term began stays without one.
    expect(after.data!.b).toEqual({ representing: null });
  });

  it('lets a source that names the country replace the derived one', async () => {
    const again = await record({ traveler: { name: 'Abdelmadjid Tebboune' }, host: { name: 'Italy' }, date: '2022-05-26', representing: { name: 'Algerian Presidency', kind: 'ORGANIZATION' } });
    expect(again.errors).toBeUndefined();
    const edges = await rows("MATCH (:Visit {id: $id})-[r:ON_BEHALF_OF]->(x) RETURN x.id AS id, r.derived AS derived", { id: again.data!.recordVisit.visit.id });
    expect(edges).toEqual([{ id: again.data!.recordVisit.visit.representing.id, derived: null }]);
  });

  it('takes the country as given, and refuses a person as what a traveler travels for', async () => {
    const given = await record({ traveler: { name: 'Abdelmadjid Tebboune' }, host: { name: 'Qatar', kind: 'COUNTRY' }, date: '2022-02-21', representing: { name: 'Algeria' } });
    expect(given.data!.recordVisit.visit.representing).toEqual({ id: 'country:algeria' });
    const wrong = await record({ traveler: { name: 'Abdelmadjid Tebboune' }, host: { name: 'Qatar' }, date: '2022-03-21', representing: { name: 'Mark Esper' } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('several places, and a city within its country', () => {
  it('keeps the places in order, the first city as city, each new one within the host', async () => {
    const result = await record({
      traveler: { name: 'Joseph R. Biden' }, host: { name: 'United Kingdom' }, date: '2021-06-10', endDate: '2021-06-13',
      places: [{ name: 'Cornwall', kind: 'REGION' }, { name: 'Carbis Bay', kind: 'CITY' }, { name: 'London', kind: 'CITY' }],
    });
    expect(result.errors).toBeUndefined();
    const { visit } = result.data!.recordVisit;
    expect(visit.places).toEqual([
      { id: 'region:cornwall', kind: 'REGION' }, { id: 'city:carbis-bay', kind: 'CITY' }, { id: 'city:london', kind: 'CITY' },
    ]);
    expect(visit.city).toEqual({ id: 'city:carbis-bay' });
    const located = await rows(`MATCH (p:Entity)-[:LOCATED_IN]->(c:Country) WHERE p.id IN $ids RETURN p.id AS id, c.id AS country ORDER BY id`,
      { ids: ['city:carbis-bay', 'city:london', 'region:cornwall'] });
    expect(located).toEqual(['city:carbis-bay', 'city:london', 'region:cornwall'].map((id) => ({ id, country: 'country:united-kingdom' })));
  });

  it('tells homonyms apart by the country they lie in', async () => {
    const australia = await record({ traveler: { name: 'Olaf Range' }, host: { name: 'Australia', kind: 'COUNTRY' }, date: '2019-01-10', city: { name: 'Sydney', kind: 'CITY' } });
    const canada = await record({
      traveler: { name: 'Olaf Range' }, host: { name: 'Canada', kind: 'COUNTRY' }, date: '2019-02-10',
      city: { name: 'Sydney', kind: 'CITY', within: { name: 'Nova Scotia', kind: 'REGION', within: { name: 'Canada' } } },
    });
    expect(australia.errors).toBeUndefined();
    expect(canada.errors).toBeUndefined();
    const inAustralia = australia.data!.recordVisit.visit.city.id;
    const inCanada = canada.data!.recordVisit.visit.city.id;
    expect(inAustralia).toBe('city:sydney');
    expect(inCanada).toBe('city:sydney-nova-scotia');
    const again = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Australia' }, date: '2019-03-01', city: { name: 'Sydney' } });
    expect(again.data!.recordVisit.visit.city.id).toBe('city:sydney');
    // Without a kind, a name the host does not hold may still name the one place of that name
    // elsewhere (as before places had a country); two such places are ambiguous.
    const inCanadaAgain = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Canada' }, date: '2019-03-05', city: { name: 'Sydney' } });
    expect(inCanadaAgain.data!.recordVisit.visit.city.id).toBe('city:sydney-nova-scotia');
    const elsewhere = await record({ traveler: { name: 'Petra Month' }, host: { name: 'Japan' }, date: '2019-03-09', city: { name: 'Sydney' } });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMBIGUOUS_REFERENCE' });
    const city = await suite.server.gql(`{ entity(id: "city:sydney-nova-scotia") { ... on City { country { id } } } }`);
    const [path] = await rows(`MATCH (:City {id: 'city:sydney-nova-scotia'})-[:LOCATED_IN]->(r:Region)-[:LOCATED_IN]->(c:Country) RETURN r.id AS region, c.id AS country`);
    expect(path).toEqual({ region: 'region:nova-scotia', country: 'country:canada' });
    expect(city.data!.entity.country).toEqual({ id: 'country:canada' });
  });

  it('refuses a city within a country that does not exist, and writes nothing', async () => {
    const before = await graphCounts();
    const result = await record({ traveler: { name: 'Olaf Range' }, host: { name: 'Japan' }, date: '2019-04-01', city: { name: 'Atlantis City', kind: 'CITY', within: { name: 'Atlantis' } } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_REFERENCE', at: 'input.city.within' });
    expect(await graphCounts()).toEqual(before);
  });
});

describe('source ids', () => {
  const publisher = 'Office of the Historian, Bureau of Public Affairs, United States Department of State';

  it('never makes two long titles that share their first 80 characters one source', async () => {
    const dulles = await record({ traveler: { name: 'John Foster Dulles', kind: 'PERSON' }, host: { name: 'Japan' }, date: '1951-01-25', source: { title: 'Travels of the Secretary of State John Foster Dulles', publisher } });
    const kerry = await record({ traveler: { name: 'John Forbes Kerry', kind: 'PERSON' }, host: { name: 'Japan' }, date: '2013-04-14', source: { title: 'Travels of the Secretary of State John Forbes Kerry', publisher } });
    expect(dulles.errors).toBeUndefined();
    expect(kerry.errors).toBeUndefined();
    const [a] = dulles.data!.recordVisit.visit.sources;
    const [b] = kerry.data!.recordVisit.visit.sources;
    expect(a.id).not.toBe(b.id);
    const titles = await rows('MATCH (s:Source) WHERE s.id IN $ids RETURN s.title AS title ORDER BY title', { ids: [a.id, b.id] });
    expect(titles.map((t) => t.title)).toEqual(['Travels of the Secretary of State John Forbes Kerry', 'Travels of the Secretary of State John Foster Dulles']);
  });

  it('identifies a source with a url by it, and keeps two urls of one title apart', async () => {
    const url = 'https://history.state.gov/departmenthistory/travels/secretary/dulles-john-foster';
    const first = await record({ traveler: { name: 'John Foster Dulles' }, host: { name: 'Japan' }, date: '1953-01', source: { title: 'Dulles travels', url } });
    const second = await record({ traveler: { name: 'John Foster Dulles' }, host: { name: 'Chile' }, date: '1953-02', source: { title: 'Dulles travels', url } });
    expect(second.data!.recordVisit.visit.sources).toEqual(first.data!.recordVisit.visit.sources);
    // The same url said to be another title is a conflict, not an overwrite.
    const renamed = await record({ traveler: { name: 'John Foster Dulles' }, host: { name: 'Chile' }, date: '1953-03', source: { title: 'Dulles travels, another edition', url } });
    expect(renamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    const other = await record({ traveler: { name: 'John Foster Dulles' }, host: { name: 'Chile' }, date: '1954-02', source: { title: 'Dulles travels', url: `${url}?page=2` } });
    expect(other.errors).toBeUndefined();
    expect(other.data!.recordVisit.visit.sources[0].id).not.toBe(first.data!.recordVisit.visit.sources[0].id);
  });

  it('refuses a record whose source id names a different source, and writes nothing', async () => {
    const before = await graphCounts();
    const result = await record({
      traveler: { name: 'John Foster Dulles' }, host: { name: 'Japan' }, date: '1955-01',
      source: { id: 'source:aljazeera-2020-10-02-esper-algeria', title: 'Something else entirely', publisher: 'Another publisher' },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', sourceId: 'source:aljazeera-2020-10-02-esper-algeria' });
    expect(await graphCounts()).toEqual(before);
  });
});
