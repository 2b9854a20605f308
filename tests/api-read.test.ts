/** The read API against the real database with the article's graph: one test per root field. */
import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_TYPES } from '../src/graph/ontology.js';
import { articleDocument } from './support/article.js';
import { useSeededServer } from './support/server.js';

/** The article data file (data/articles/), read through the importer. */
const doc = articleDocument();

const ESPER = 'person:mark-esper';
const ALGERIA = 'country:algeria';
const ALGERIA_VISIT = 'visit:mark-esper-algeria-2020-10-01';
const TOUR = 'tour:esper-maghreb-2020';

const suite = useSeededServer();


/** Runs a query and fails on any GraphQL error. */
async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await suite.server.gql<T>(query, variables);
  expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  return response.data as T;
}

/** Straight from the database, for comparing with the API. */
async function cypherRows(text: string, params: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
  const session = suite.db.driver.session();
  try {
    return (await session.run(text, params)).records.map((r) => r.toObject());
  } finally {
    await session.close();
  }
}

describe('Query.entity', () => {
  it('answers a person with typed fields, relations and provenance', async () => {
    const { entity } = await data(`query ($id: ID!) {
      entity(id: $id) {
        __typename id kind name nameAr aliases labels properties
        ... on Person {
          visits { id date host { id } }
          met { id }
          positions { position { id } of { id } since provenance { sourceId paragraphs certainty } }
        }
        metRelations: relations(types: ["MET"], direction: OUT) {
          type direction other { id } from { id } to { id } properties provenance { sourceId paragraphs certainty source { id } }
        }
      }
    }`, { id: ESPER });
    const record = doc.entities.find((e) => e.id === ESPER)!;
    expect(entity).toMatchObject({ __typename: 'Person', id: ESPER, kind: 'PERSON', name: record.name, nameAr: record.nameAr });
    expect(entity.aliases).toEqual(record.aliases);
    expect(entity.labels).toEqual(expect.arrayContaining(['Entity', 'Person']));
    expect(entity.properties).not.toHaveProperty('nameKeys');

    const visitsInSeed = doc.visits.filter((v) => v.traveler.id === ESPER);
    expect(entity.visits.map((v: any) => v.id).sort()).toEqual(visitsInSeed.map((v) => v.id).sort());
    const dates = entity.visits.map((v: any) => v.date);
    expect([...dates].sort()).toEqual(dates);

    expect(entity.met.map((p: any) => p.id)).toContain('person:abdelmadjid-tebboune');
    expect(entity.positions.length).toBeGreaterThan(0);
    expect(entity.positions[0].provenance.paragraphs.length).toBeGreaterThan(0);

    expect(entity.metRelations.length).toBeGreaterThan(0);
    for (const relation of entity.metRelations) {
      expect(relation).toMatchObject({ type: 'MET', direction: 'OUT', from: { id: ESPER } });
      expect(relation.to.id).toBe(relation.other.id);
      expect(relation.provenance.sourceId).toBe(doc.source.id);
      expect(relation.provenance.source.id).toBe(doc.source.id);
      expect(['STATED', 'ATTRIBUTED', 'EXTERNAL']).toContain(relation.provenance.certainty);
      expect(relation.properties.paragraphs).toEqual(relation.provenance.paragraphs);
    }
  });

  it('answers fragments on several types, and aliases of one field with different arguments', async () => {
    const { a, b } = await data(`
      fragment Arms on Country { armsSuppliers { supplier { id name } buyer { id } share provenance { paragraphs } } }
      query ($a: ID!, $b: ID!) {
        a: entity(id: $a) { id ...Arms ... on Person { visits { id } } out: relations(direction: OUT, first: 1) { direction } in: relations(direction: IN, first: 2) { direction } }
        b: entity(id: $b) { id ...Arms ... on Person { visits { id } } }
      }`, { a: ALGERIA, b: ESPER });
    expect(a.armsSuppliers.length).toBeGreaterThan(0);
    expect(a.armsSuppliers[0]).toMatchObject({ supplier: { id: 'country:russia' }, buyer: { id: ALGERIA }, share: 0.9 });
    expect(a).not.toHaveProperty('visits');
    expect(a.out).toEqual([{ direction: 'OUT' }]);
    expect(a.in).toEqual([{ direction: 'IN' }, { direction: 'IN' }]);
    expect(b).not.toHaveProperty('armsSuppliers');
    expect(b.visits.length).toBeGreaterThan(0);
  });

  it('answers every entity of the article with its own type', async () => {
    const ids = [doc.source.id, ...doc.entities.map((e) => e.id)];
    for (const id of ids) {
      const { entity } = await data('query ($id: ID!) { entity(id: $id) { __typename id name labels } }', { id });
      expect(entity?.id, id).toBe(id);
      expect(entity.labels).toContain(entity.__typename);
    }
  });

  it('gives null for an unknown id', async () => {
    expect(await data('{ entity(id: "person:nobody") { id } }')).toEqual({ entity: null });
  });
});

describe('Query.visit', () => {
  it('answers a visit with traveler, host, city, tour, meetings, precedent and sources', async () => {
    const { visit } = await data(`query ($id: ID!) {
      visit(id: $id) {
        id date dateCertainty purpose
        traveler { id } host { id } city { id }
        tour { id visits { id } }
        previousStop { id } nextStop { id }
        precededBy { id traveler { id } } precedentPosition { id }
        meetings { id date participants { id } attendees { id } topics { id } visit { id } }
        events { id }
        topics { id }
        sources { id title publisher }
        provenance { sourceId paragraphs certainty }
      }
    }`, { id: ALGERIA_VISIT });
    const record = doc.visits.find((v) => v.id === ALGERIA_VISIT)!;
    expect(visit).toMatchObject({ id: ALGERIA_VISIT, date: record.date, traveler: { id: ESPER }, host: { id: ALGERIA }, tour: { id: TOUR } });
    expect(visit.city?.id).toBe(record.city?.id);
    expect(visit.previousStop?.id).toBeTruthy();
    expect(visit.nextStop?.id).toBeTruthy();
    expect(visit.precededBy).toMatchObject({ traveler: { id: 'person:donald-rumsfeld' } });
    expect(visit.meetings.length).toBe(record.meetings?.length ?? 0);
    const meeting = visit.meetings[0];
    expect(meeting.participants.map((p: any) => p.id)).toEqual(expect.arrayContaining([ESPER, 'person:abdelmadjid-tebboune']));
    expect(meeting.attendees.length).toBe(record.meetings![0]!.attendees?.length ?? 0);
    expect(meeting.visit.id).toBe(ALGERIA_VISIT);
    expect(meeting.topics.length).toBeGreaterThan(0);
    expect(visit.sources.map((s: any) => s.id)).toContain(doc.source.id);
    expect(visit.provenance.paragraphs.length).toBeGreaterThan(0);
    expect(visit.dateCertainty).toBe(record.dateCertainty ? record.dateCertainty.toUpperCase() : null);
  });

  it('gives null for an unknown id and for an entity that is not a visit', async () => {
    expect(await data('{ a: visit(id: "visit:none") { id } b: visit(id: "person:mark-esper") { id } }')).toEqual({ a: null, b: null });
  });
});

describe('Query.search', () => {
  it('finds an entity by an Arabic alias, with the exact alias first', async () => {
    const { search } = await data('{ search(text: "تبون") { id } }');
    expect(search[0].id).toBe('person:abdelmadjid-tebboune');
  });

  it('is case- and diacritic-insensitive, and ranks an exact alias before partial hits', async () => {
    const { a, b } = await data('{ a: search(text: "SAID CHENGRIHA") { id } b: search(text: "esper", first: 5) { id } }');
    expect(a[0].id).toBe('person:said-chanegriha');
    expect(b[0].id).toBe(ESPER);
    expect(b.length).toBeGreaterThan(1);
  });

  it('filters by kind and honours first', async () => {
    const { search } = await data('{ search(text: "الجزائر", kinds: [CITY], first: 3) { __typename id kind } }');
    expect(search.length).toBeGreaterThan(0);
    expect(search.length).toBeLessThanOrEqual(3);
    for (const hit of search) expect(hit.kind).toBe('CITY');
    expect(search[0].id).toBe('city:algiers');
  });

  it('survives Lucene syntax in the text', async () => {
    const { search } = await data('{ search(text: "esper AND (tebboune OR \\"x*\\") ~ ^ [") { id } }');
    expect(Array.isArray(search)).toBe(true);
  });
});

describe('Query.neighborhood', () => {
  it('returns the nodes around an entity, with edges only among them', async () => {
    const { neighborhood } = await data(`{ neighborhood(id: "${ESPER}", depth: 2, limit: 40) { nodes { id kind name nameAr labels } edges { id type source target properties } } }`);
    const ids = new Set(neighborhood.nodes.map((n: any) => n.id));
    expect(neighborhood.nodes[0].id).toBe(ESPER);
    expect(ids.size).toBe(neighborhood.nodes.length);
    expect(neighborhood.nodes.length).toBeLessThanOrEqual(40);
    for (const edge of neighborhood.edges) {
      expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
      expect(Object.hasOwn(RELATIONSHIP_TYPES, edge.type)).toBe(true);
    }
    const provenanced = neighborhood.edges.filter((e: any) => e.type === 'MET');
    expect(provenanced.length).toBeGreaterThan(0);
    expect(provenanced[0].properties).toMatchObject({ source: doc.source.id });
  });

  it('is deterministic and keeps the nearest nodes first (after the bookkeeping of sources)', async () => {
    const query = `{ neighborhood(id: "${ALGERIA}", depth: 3, limit: 25) { nodes { id } edges { id } } }`;
    const first = await data(query);
    const second = await data(query);
    expect(second).toEqual(first);
    const oneHop = await data(`{ neighborhood(id: "${ALGERIA}", depth: 1, limit: 1000) { nodes { id kind } } }`);
    // A source one hop away ranks after nodes farther away through substantive relations.
    const direct = oneHop.neighborhood.nodes.filter((n: any) => n.kind !== 'SOURCE').map((n: any) => n.id);
    const prefix = first.neighborhood.nodes.slice(0, Math.min(25, direct.length)).map((n: any) => n.id);
    expect(prefix).toEqual(direct.slice(0, prefix.length));
  });

  it('keeps only the relationship types asked for', async () => {
    const { neighborhood } = await data(`{ neighborhood(id: "${ESPER}", types: ["MET"]) { nodes { id } edges { type } } }`);
    expect(neighborhood.edges.length).toBeGreaterThan(0);
    for (const edge of neighborhood.edges) expect(edge.type).toBe('MET');
    const met = await cypherRows('MATCH (:Entity {id: $id})-[:MET]-(p) RETURN count(DISTINCT p) AS n', { id: ESPER });
    expect(neighborhood.nodes.length).toBe(met[0]!.n + 1);
  });

  it('gives an empty graph for an unknown id', async () => {
    expect(await data('{ neighborhood(id: "person:nobody") { nodes { id } edges { id } } }')).toEqual({ neighborhood: { nodes: [], edges: [] } });
  });
});

describe('Query.path', () => {
  it('connects Rumsfeld to Russia through facts, not through the article', async () => {
    const { path } = await data('{ path(from: "person:donald-rumsfeld", to: "country:russia") { nodes { id labels } edges { type source target properties } } }');
    expect(path.nodes[0].id).toBe('person:donald-rumsfeld');
    expect(path.nodes.at(-1).id).toBe('country:russia');
    expect(path.edges.length).toBe(path.nodes.length - 1);
    for (const edge of path.edges) expect(['MENTIONS', 'PUBLISHED_BY', 'CREDITS_PHOTO_TO']).not.toContain(edge.type);
    for (const edge of path.edges) expect(edge.properties).toHaveProperty('source');
  });

  it('honours maxHops and types, and is empty for unknown ids', async () => {
    const tooShort = await data('{ path(from: "person:donald-rumsfeld", to: "country:russia", maxHops: 1) { nodes { id } edges { id } } }');
    expect(tooShort.path).toEqual({ nodes: [], edges: [] });
    const onlyMet = await data('{ path(from: "person:mark-esper", to: "person:abdelmadjid-tebboune", types: ["MET"]) { edges { type } } }');
    expect(onlyMet.path.edges).toEqual([{ type: 'MET' }]);
    const unknown = await data('{ path(from: "person:nobody", to: "country:russia") { nodes { id } edges { id } } }');
    expect(unknown.path).toEqual({ nodes: [], edges: [] });
    const same = await data('{ path(from: "country:russia", to: "country:russia") { nodes { id } edges { id } } }');
    expect(same.path).toEqual({ nodes: [{ id: 'country:russia' }], edges: [] });
  });
});

describe('Query.visits', () => {
  it('lists visits in date order with totalCount, nested travelers, hosts and meetings', async () => {
    const { visits } = await data(`{ visits(first: 100) { totalCount edges { cursor node { id date traveler { id } host { id } meetings { id participants { id } } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);
    const count = await cypherRows('MATCH (v:Visit) RETURN count(v) AS n');
    expect(visits.totalCount).toBe(count[0]!.n);
    expect(visits.edges.length).toBe(count[0]!.n);
    const dates = visits.edges.map((e: any) => e.node.date);
    expect([...dates].sort()).toEqual(dates);
    expect(visits.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false, startCursor: visits.edges[0].cursor, endCursor: visits.edges.at(-1).cursor });
    for (const edge of visits.edges) expect(edge.node.traveler.id && edge.node.host.id).toBeTruthy();
  });

  it('pages one by one through every visit exactly once', async () => {
    const all = await cypherRows('MATCH (v:Visit) RETURN v.id AS id');
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < all.length + 2; page += 1) {
      const { visits }: any = await data('query ($after: String) { visits(first: 1, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }', { after });
      expect(visits.totalCount).toBe(all.length);
      seen.push(...visits.edges.map((e: any) => e.node.id));
      if (!visits.pageInfo.hasNextPage) break;
      after = visits.pageInfo.endCursor;
    }
    expect(seen.length).toBe(all.length);
    expect(new Set(seen)).toEqual(new Set(all.map((r) => r.id)));
  });

  it('filters by traveler, host, date range and topic', async () => {
    const byTraveler = await data(`{ visits(filter: { traveler: "${ESPER}" }) { totalCount edges { node { traveler { id } } } } }`);
    expect(byTraveler.visits.totalCount).toBe(doc.visits.filter((v) => v.traveler.id === ESPER).length);
    const byHost = await data(`{ visits(filter: { host: "${ALGERIA}" }) { edges { node { id host { id } } } } }`);
    expect(byHost.visits.edges.map((e: any) => e.node.host.id)).toEqual([ALGERIA, ALGERIA]);
    const byDate = await data('{ visits(filter: { from: "2006", to: "2006-02" }) { edges { node { id } } } }');
    expect(byDate.visits.edges.map((e: any) => e.node.id)).toEqual(['visit:donald-rumsfeld-algeria-2006-02']);
    const byTopic = await data('{ visits(filter: { topic: "libyan" }) { edges { node { id } } } }');
    expect(byTopic.visits.edges.map((e: any) => e.node.id)).toContain(ALGERIA_VISIT);
    const none = await data(`{ visits(filter: { traveler: "person:nobody" }) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`);
    expect(none.visits).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('Query.timeline', () => {
  it("lists an entity's dated events oldest first, with its role", async () => {
    const { timeline } = await data(`{ timeline(id: "${ESPER}") { date role event { id __typename } } }`);
    expect(timeline.length).toBeGreaterThan(0);
    const visitEntries = timeline.filter((t: any) => t.event.__typename === 'Visit');
    expect(visitEntries.map((t: any) => t.event.id).sort()).toEqual(doc.visits.filter((v) => v.traveler.id === ESPER).map((v) => v.id).sort());
    for (const entry of visitEntries) expect(entry.role).toBe('TRAVELER');
    const dates = timeline.map((t: any) => t.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it('is empty for an unknown id', async () => {
    expect(await data('{ timeline(id: "person:nobody") { date } }')).toEqual({ timeline: [] });
  });
});

describe('Query.relationshipTypes', () => {
  it('lists the vocabulary', async () => {
    const { relationshipTypes } = await data('{ relationshipTypes { name from to meaning structural writtenBy label labelAr } }');
    expect(relationshipTypes.map((t: any) => t.name)).toEqual(Object.keys(RELATIONSHIP_TYPES));
    expect(relationshipTypes.find((t: any) => t.name === 'BUYS_ARMS_FROM')).toMatchObject({ from: 'Country', to: 'Country', structural: false, writtenBy: ['relation'], label: 'buys arms from', labelAr: 'يشتري السلاح من' });
    expect(relationshipTypes.find((t: any) => t.name === 'HELD_AT')).toMatchObject({ structural: false, writtenBy: ['visit-edges', 'relation'], labelAr: 'أقيم في' });
  });
});

describe('more types', () => {
  it('answers tours, sources, statements, agreements, topics, positions and cities', async () => {
    const result = await data(`{
      tour: entity(id: "${TOUR}") { ... on Tour { traveler { id } visits { id date } } }
      source: entity(id: "${doc.source.id}") { ... on Source { title publisher language publishedAt photoCredits mentions(first: 5) { id } } }
      statements: search(text: "statement", kinds: [STATEMENT], first: 20) { ... on Statement { id date issuer { id } about { id } } }
      agreements: search(text: "treaty", kinds: [AGREEMENT]) { ... on Agreement { id date parties { id } } }
      topics: search(text: "counter terrorism", kinds: [TOPIC]) { ... on Topic { id discussedIn { id } } }
      post: entity(id: "position:us-secretary-of-defense") { ... on Position { holders { person { id } since until } } }
      city: entity(id: "city:algiers") { ... on City { country { id } visits { id } } }
      country: entity(id: "${ALGERIA}") { ... on Country { cities { id } visitsReceived { id } armsCustomers { buyer { id } } } }
    }`);
    const tourVisits = doc.visits.filter((v) => v.tour === TOUR);
    expect(result.tour.traveler.id).toBe(ESPER);
    expect(result.tour.visits.map((v: any) => v.id)).toEqual([...tourVisits].sort((a, b) => a.date.localeCompare(b.date)).map((v) => v.id));
    expect(result.source).toMatchObject({ language: 'ar', publishedAt: '2020-10-02' });
    expect(result.source.mentions.length).toBe(5);
    expect(result.source.photoCredits.length).toBeGreaterThan(0);
    expect(result.statements.some((s: any) => s.issuer)).toBe(true);
    expect(result.agreements[0].parties.length).toBeGreaterThan(0);
    expect(result.topics[0].discussedIn.length).toBeGreaterThan(0);
    expect(result.post.holders.map((h: any) => h.person.id)).toEqual(expect.arrayContaining([ESPER, 'person:donald-rumsfeld']));
    expect(result.city).toMatchObject({ country: { id: ALGERIA } });
    expect(result.city.visits.map((v: any) => v.id)).toContain(ALGERIA_VISIT);
    expect(result.country.cities.map((c: any) => c.id)).toContain('city:algiers');
    expect(result.country.visitsReceived.length).toBe(2);
    expect(result.country.armsCustomers).toEqual([]);
  });
});

describe('round trips', () => {
  // Nested lists are priced by their size (src/graphql/cost.ts): the shapes below stay under the limit.
  it('costs one database round trip per root field, for a query nested three levels deep', async () => {
    const statements: string[] = [];
    const listener = (cypher: string) => statements.push(cypher);
    suite.db.onQuery.add(listener);
    try {
      const result = await data(`{
        visits(first: 10) {
          totalCount
          edges { node { id meetings { id participants { id relations(first: 5, types: ["MET", "HOLDS_POSITION"]) { type other { id } provenance { source { id } } } } } } }
        }
      }`);
      expect(statements.length).toBe(1);
      const participants = result.visits.edges.flatMap((e: any) => e.node.meetings.flatMap((m: any) => m.participants));
      expect(participants.length).toBeGreaterThan(0);
      expect(participants.some((p: any) => p.relations.length > 0)).toBe(true);

      statements.length = 0;
      await data(`{
        a: entity(id: "${ESPER}") { ... on Person { visits { meetings { participants { id } } } } }
        b: visit(id: "${ALGERIA_VISIT}") { meetings { participants { relations { other { id } } } } }
        c: search(text: "esper") { id relations { other { relations { type } } } }
        relationshipTypes { name }
      }`);
      expect(statements.length).toBe(3);
    } finally {
      suite.db.onQuery.delete(listener);
    }
  });
});
