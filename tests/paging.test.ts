/**
 * Lists that grow with the data come in pages: the plain list fields are bounded by `first`,
 * and their *Connection twins page through everything with `first`/`after`, a `totalCount` and
 * keyset cursors that stay right while others write. Against the real database, on the
 * article's graph plus a traveller with many recorded visits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const TRAVELER = 'Pagina Viaggio';
const HOSTS = ['Tunisia', 'Morocco', 'Algeria'];
const VISITS = 25;

/** One recorded visit of the test traveller, a day apart from the others. */
function day(i: number): string {
  return new Date(Date.UTC(2001, 0, 1) + i * 86_400_000 * 9).toISOString().slice(0, 10);
}

async function recordVisit(i: number, host = HOSTS[i % HOSTS.length]!) {
  const response = await suite.server.gqlAuth(
    `mutation ($input: VisitInput!) { recordVisit(input: $input) { visit { id } } }`,
    { input: { traveler: { name: TRAVELER, kind: 'PERSON' }, host: { name: host }, date: day(i), meetings: [{ with: [{ name: `Pagina Host ${i}`, kind: 'PERSON' }] }] } },
  );
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data!.recordVisit.visit.id as string;
}

async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await suite.server.gql<T>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

let travelerId: string;
const recorded: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < VISITS; i += 1) recorded.push(await recordVisit(i));
  const found = await data(`{ search(text: "${TRAVELER}", kinds: [PERSON], first: 1) { id } }`);
  travelerId = found.search[0].id;
}, 240_000);

const PAGE = `query ($id: ID!, $first: Int, $after: String) {
  entity(id: $id) { ... on Person {
    visitsConnection(first: $first, after: $after) {
      totalCount
      edges { cursor node { id date } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  } }
}`;

/** Every page of the traveller's visits, `first` at a time. */
async function allPages(first: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const { entity }: any = await data(PAGE, { id: travelerId, first, after });
    const page: any = entity.visitsConnection;
    pages += 1;
    totals.push(page.totalCount);
    ids.push(...page.edges.map((e: any) => e.node.id));
    expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.pageInfo.hasNextPage) break;
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
    after = page.pageInfo.endCursor;
  }
  return { ids, pages, totals };
}

describe('connections inside an entity', () => {
  it('pages through a person\'s visits in date order, each once, with the right total', async () => {
    const { ids, pages, totals } = await allPages(10);
    expect(pages).toBe(Math.ceil(VISITS / 10));
    expect(totals.every((t) => t === VISITS)).toBe(true);
    expect(ids).toEqual(recorded); // recorded in date order, one per day
  });

  it('keeps its cursors stable while visits are written between pages', async () => {
    const first = await data(PAGE, { id: travelerId, first: 10, after: null });
    const seen = first.entity.visitsConnection.edges.map((e: any) => e.node.id);
    // Concurrent writers: visits dated before the cursor (page one is already read) and after it.
    const early = recordVisit(-1, 'Libya');
    const late = recordVisit(VISITS + 5, 'Libya');
    const [earlyId, lateId] = await Promise.all([early, late]);
    let after = first.entity.visitsConnection.pageInfo.endCursor;
    let total = 0;
    for (;;) {
      const { entity }: any = await data(PAGE, { id: travelerId, first: 10, after });
      const page: any = entity.visitsConnection;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Nothing already there repeated or skipped; the later visit comes at the end, the earlier one
    // (before the cursor) is not on the pages read after it, but it is counted.
    expect(seen).toEqual([...recorded, lateId]);
    expect(seen).not.toContain(earlyId);
    expect(total).toBe(VISITS + 2);
  });

  it('pages a country\'s visits received, the people met and the meetings, with totals that match the plain lists', async () => {
    const { entity } = await data(`{
      entity(id: "country:tunisia") { ... on Country {
        all: visitsReceived(first: 100) { id }
        page: visitsReceivedConnection(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } }
        made: visitsMadeConnection(first: 1) { totalCount }
      } }
    }`);
    expect(entity.page.totalCount).toBe(entity.all.length);
    expect(entity.page.edges.map((e: any) => e.node.id)).toEqual(entity.all.slice(0, 5).map((v: any) => v.id));
    expect(entity.page.pageInfo.hasNextPage).toBe(entity.all.length > 5);

    const person = await data(`query ($id: ID!) { entity(id: $id) { ... on Person {
      met(first: 100) { id }
      metConnection(first: 7) { totalCount edges { node { id name } } }
      meetings(first: 3) { id }
      meetingsConnection(first: 3) { totalCount edges { node { id } } }
    } } }`, { id: travelerId });
    expect(person.entity.metConnection.totalCount).toBe(person.entity.met.length);
    expect(person.entity.metConnection.totalCount).toBeGreaterThan(0);
    expect(person.entity.metConnection.edges.map((e: any) => e.node.id)).toEqual(person.entity.met.slice(0, 7).map((p: any) => p.id));
    expect(person.entity.meetings.map((m: any) => m.id)).toEqual(person.entity.meetingsConnection.edges.map((e: any) => e.node.id));
    expect(person.entity.meetingsConnection.totalCount).toBeGreaterThanOrEqual(VISITS);
  });

  it('pages a source\'s mentions and the facts it is cited for, and a post\'s holders', async () => {
    const { entity: source } = await data(`{ entity(id: "source:aljazeera-2020-10-02-esper-algeria") { ... on Source {
      mentions(first: 100) { id }
      mentionsConnection(first: 4) { totalCount edges { cursor node { id } } pageInfo { endCursor hasNextPage } }
      factsConnection(first: 50) { totalCount edges { node { id ... on Visit { date } } } }
    } } }`);
    expect(source.mentionsConnection.totalCount).toBe(source.mentions.length);
    expect(source.mentionsConnection.edges.map((e: any) => e.node.id)).toEqual(source.mentions.slice(0, 4).map((m: any) => m.id));
    expect(source.factsConnection.totalCount).toBeGreaterThan(0);
    expect(source.factsConnection.edges.map((e: any) => e.node.id)).toContain('visit:mark-esper-algeria-2020-10-01');

    const { entity: post } = await data(`{ entity(id: "position:us-secretary-of-defense") { ... on Position {
      holders(first: 50) { person { id } since }
      holdersConnection(first: 1) { totalCount edges { node { person { id } since } } pageInfo { hasNextPage endCursor } }
    } } }`);
    expect(post.holdersConnection.totalCount).toBe(post.holders.length);
    expect(post.holdersConnection.edges[0].node).toEqual(post.holders[0]);
    const second = await data(`query ($after: String) { entity(id: "position:us-secretary-of-defense") { ... on Position {
      holdersConnection(first: 50, after: $after) { edges { node { person { id } } } }
    } } }`, { after: post.holdersConnection.pageInfo.endCursor });
    expect(second.entity.holdersConnection.edges.map((e: any) => e.node.person.id)).toEqual(post.holders.slice(1).map((h: any) => h.person.id));
  });

  it('bounds the plain lists by `first` (100 unless asked)', async () => {
    const { entity } = await data(`query ($id: ID!) { entity(id: $id) { ... on Person {
      two: visits(first: 2) { id } all: visits { id }
    } } }`, { id: travelerId });
    expect(entity.two.map((v: any) => v.id)).toEqual(entity.all.slice(0, 2).map((v: any) => v.id));
    expect(entity.all.length).toBeLessThanOrEqual(100);
    expect(entity.all.length).toBe(VISITS + 2);
  });

  it('answers a whole query with paged lists in one statement', async () => {
    const statements: string[] = [];
    const listener = (cypher: string) => statements.push(cypher);
    suite.db.onQuery.add(listener);
    try {
      await data(`query ($id: ID!) { entity(id: $id) { ... on Person {
        visitsConnection(first: 3) { totalCount edges { node { id host { ... on Country { visitsReceivedConnection(first: 2) { totalCount } } } } } }
        metConnection(first: 2) { edges { node { id } } }
      } } }`, { id: travelerId });
    } finally {
      suite.db.onQuery.delete(listener);
    }
    expect(statements).toHaveLength(1);
  });
});

describe('limits of the pages', () => {
  it('refuses a page larger than 100, a list larger than 500 and a cursor it did not give, with BAD_USER_INPUT', async () => {
    const tooLarge = await suite.server.gql(`{ entity(id: "country:algeria") { ... on Country { visitsReceivedConnection(first: 101) { totalCount } } } }`);
    expect(tooLarge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooLarge.errors?.[0]?.message).toMatch(/"first" must be an integer from 0 to 100/);
    const viaVariable = await suite.server.gql(`query ($n: Int) { entity(id: "country:algeria") { ... on Country { visitsReceived(first: $n) { id } } } }`, { n: 501 });
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await suite.server.gql(`{ entity(id: "country:algeria") { ... on Country { visitsReceivedConnection(after: "not-a-cursor") { totalCount } } } }`);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badCursor.errors?.[0]?.message).toMatch(/cursor taken from a previous page/);
  });
});

describe('a country\'s visits within a date range', () => {
  const RANGE = { from: '2001-02', to: '2001-06' };
  /** The test traveller's visits to Tunisia (every third one) that fall within RANGE, in date order. */
  const inRange = () => recorded.filter((_, i) => i % 3 === 0 && day(i) >= '2001-02-01' && day(i) <= '2001-06-30');
  const RANGE_PAGE = `query ($first: Int, $after: String, $from: PartialDate, $to: PartialDate) { entity(id: "country:tunisia") { ... on Country {
    all: visitsReceived(first: 500) { id }
    range: visitsReceivedConnection(first: $first, after: $after, from: $from, to: $to) {
      totalCount edges { node { id date } } pageInfo { hasNextPage endCursor }
    }
  } } }`;

  it('keeps the visits whose dates overlap the range, counted and paged', async () => {
    const expected = inRange();
    expect(expected.length).toBeGreaterThan(2);
    const { entity } = await data(RANGE_PAGE, { first: 100, ...RANGE });
    expect(entity.range.edges.map((e: any) => e.node.id)).toEqual(expected);
    expect(entity.range.totalCount).toBe(expected.length);
    // Tunisia received other visits, outside the range (the article's among them).
    expect(entity.all.length).toBeGreaterThan(expected.length);

    const first = await data(RANGE_PAGE, { first: 2, ...RANGE });
    expect(first.entity.range.pageInfo.hasNextPage).toBe(true);
    const rest = await data(RANGE_PAGE, { first: 100, after: first.entity.range.pageInfo.endCursor, ...RANGE });
    expect([...first.entity.range.edges, ...rest.entity.range.edges].map((e: any) => e.node.id)).toEqual(expected);

    // A year stands for all of it; one side of the range may be left open.
    const year = await data(RANGE_PAGE, { first: 100, from: '2001', to: '2001' });
    expect(year.entity.range.edges.map((e: any) => e.node.id)).toEqual(recorded.filter((_, i) => i % 3 === 0 && day(i) <= '2001-12-31'));
    const until = await data(RANGE_PAGE, { first: 100, to: '2001-06' });
    expect(until.entity.range.edges.map((e: any) => e.node.id).filter((id: string) => recorded.includes(id))).toEqual(
      recorded.filter((_, i) => i % 3 === 0 && day(i) <= '2001-06-30'),
    );
  });

  it('refuses a range that ends before it begins, with BAD_USER_INPUT', async () => {
    const response = await suite.server.gql(RANGE_PAGE, { first: 5, from: '2002', to: '2001' });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/"from" \(2002\) is after "to" \(2001\)/);
  });
});
