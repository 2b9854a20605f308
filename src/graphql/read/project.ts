/**
 * Selection set → one Cypher map projection, as the Neo4j GraphQL library does it: every field
 * asked for becomes a key of the projected map, nested lists become COLLECT { } subqueries, so a
 * whole root field, however deep, is one statement and one database round trip. Nested
 * resolvers then only read the projected values (resolvers/read.ts).
 *
 * Every projected map carries `__rk: true` (its keys are response keys, aliases included), and
 * an entity map of an interface type (Entity) `__kind` and `__labels`, from which
 * Entity.__resolveType picks the type.
 * All values from the request are parameters; relationship types are checked against the
 * ontology and then compared with `type(r) IN $types`, never spliced into a pattern.
 */
import { badInput } from '../errors.js';
import { MAX_LIST_ARGUMENT, intInRange } from '../limits.js';
import { EVENT_SUBLABELS, RELATIONSHIP_TYPES, kindOfLabel } from '../../graph/ontology.js';
import { endOf, startOf } from '../../graph/partialDate.js';
import { listCap } from './listSizes.js';
import { connection, type PagedList } from './connections.js';
import type { FieldSelection, TypeSelection } from './selection.js';
import type { CypherBuilder } from './cypherBuilder.js';

// ── argument checks ─────────────────────────────────────────────────────────────────────────

/** Relationship types from a request: each must be in the ontology (Query.relationshipTypes). */
export function relationshipTypes(name: string, value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  const list = value as string[];
  if (list.length > MAX_LIST_ARGUMENT) throw badInput(`"${name}" takes at most ${MAX_LIST_ARGUMENT} items; got ${list.length}.`, { argument: name, max: MAX_LIST_ARGUMENT });
  const unknown = list.filter((t) => !Object.hasOwn(RELATIONSHIP_TYPES, t));
  if (unknown.length > 0) {
    throw badInput(
      `"${name}" has unknown relationship type(s) ${unknown.map((t) => `"${t}"`).join(', ')}; ` +
        `allowed: ${Object.keys(RELATIONSHIP_TYPES).join(', ')} (see Query.relationshipTypes).`,
      { argument: name },
    );
  }
  return [...new Set(list)];
}

// ── type conditions ─────────────────────────────────────────────────────────────────────────

/** The Cypher test that node `v` resolves to GraphQL type `typeName` (as entityTypeOf does). */
function typeCondition(v: string, typeName: string): string {
  if ((EVENT_SUBLABELS as string[]).includes(typeName)) return `${v}:${typeName}`;
  const kind = kindOfLabel(typeName);
  if (!kind) throw new Error(`no type condition for ${typeName}`);
  return `(${v}.kind = '${kind}' AND ${EVENT_SUBLABELS.map((label) => `NOT ${v}:${label}`).join(' AND ')})`;
}

// ── date ranges ─────────────────────────────────────────────────────────────────────────────

/**
 * A range of partial dates as the first and last day it covers (BAD_USER_INPUT when `from` is
 * after `to`); `label` names the arguments in the message (`filter.` for Query.visits).
 */
export function dateRange(from: string | null | undefined, to: string | null | undefined, label = '', argument = 'from'): { from: string | null; to: string | null } {
  const start = from ? startOf(from) : null;
  const end = to ? endOf(to) : null;
  if (start && end && start > end) throw badInput(`"${label}from" (${from}) is after "${label}to" (${to}).`, { argument });
  return { from: start, to: end };
}

/**
 * Conditions that the dated event `v` overlaps a range given as parameters (null: open on that
 * side): it ends on or after the range's start and begins on or before its end (an event without
 * an end ends when it begins).
 */
export function overlapConditions(v: string, fromParam: string | null, toParam: string | null): string[] {
  const conditions: string[] = [];
  if (fromParam) conditions.push(`coalesce(${v}.dateEnd, ${v}.dateStart) >= ${fromParam}`);
  if (toParam) conditions.push(`${v}.dateStart <= ${toParam}`);
  return conditions;
}

// ── field builders ──────────────────────────────────────────────────────────────────────────

type Build = (b: CypherBuilder, v: string, field: FieldSelection) => string;

const DATE_ORDER = (x: string) => `coalesce(${x}.dateStart, ${x}.date), ${x}.id`;

/** A list of entities: `match` binds `x`; ordered by `order`; distinct when asked; at most `limit`. */
function many(b: CypherBuilder, match: (x: string) => string, order: (x: string) => string, sub: TypeSelection | undefined, distinct = true, limit?: number): string {
  const x = b.variable('x');
  return `COLLECT { ${match(x)} WITH ${distinct ? 'DISTINCT ' : ''}${x} ORDER BY ${order(x)}${limit !== undefined ? ` LIMIT ${b.int(limit)}` : ''} RETURN ${entity(b, x, sub!)} }`;
}

/** The `first` of a list field that grows with the data (bounded default, ARGUMENT_RANGES). */
function firstOf(typeName: string, field: FieldSelection, fallback = 100): number {
  return intInRange(`${typeName}.${field.name}`, 'first', field.args.first ?? fallback);
}

/** Keyset order of dated events: the start date, then the id. */
const BY_DATE = { key: (x: string) => `coalesce(${x}.dateStart, ${x}.date, '')`, tie: (x: string) => `${x}.id` };

/** A paged list of entities bound by `match` (distinct), in the order of `order`. */
function pagedEntities(
  b: CypherBuilder,
  field: FieldSelection,
  typeName: string,
  match: (x: string) => string,
  order: Pick<PagedList, 'key' | 'tie'> = BY_DATE,
): string {
  return connection(b, field, typeName, { match, distinct: true, ...order, node: (x, sub) => entity(b, x, sub) });
}

/**
 * The one entity the model allows at the end of `match` (a visit's traveler and host: the
 * writers give a visit exactly one of each and refuse an id that would give it another), or
 * null: no sort per row.
 */
function single(b: CypherBuilder, match: (x: string) => string, sub: TypeSelection | undefined): string {
  const x = b.variable('x');
  return `head(COLLECT { ${match(x)} RETURN ${entity(b, x, sub!)} LIMIT 1 })`;
}

/** One entity or null: the first `x` that `match` binds (by id, for determinism). */
function one(b: CypherBuilder, match: (x: string) => string, sub: TypeSelection | undefined): string {
  const x = b.variable('x');
  return `head(COLLECT { ${match(x)} WITH ${x} ORDER BY ${x}.id LIMIT 1 RETURN ${entity(b, x, sub!)} })`;
}

/** A map of the selected fields of an object type; `builders` give each field's expression. */
export function objectMap(selection: TypeSelection | undefined, builders: Record<string, (field: FieldSelection) => string>): string {
  const entries: string[] = ['__rk: true'];
  for (const field of selection?.byType.get(selection.typeName)?.values() ?? []) {
    const build = builders[field.name];
    if (!build) throw new Error(`no Cypher for ${selection!.typeName}.${field.name}`);
    entries.push(`\`${field.responseKey}\`: ${build(field)}`);
  }
  return `{ ${entries.join(', ')} }`;
}

/** Provenance of a relationship or an event node `h`: source, sources, paragraphs, certainty. */
function provenance(b: CypherBuilder, h: string, sub: TypeSelection | undefined): string {
  return objectMap(sub, {
    sourceId: () => `${h}.source`,
    source: (f) => one(b, (x) => `MATCH (${x}:Entity {id: ${h}.source})`, f.sub),
    sources: (f) => {
      const x = b.variable('x');
      const sid = b.variable('sid');
      return `COLLECT { UNWIND coalesce(${h}.sources, CASE WHEN ${h}.source IS NULL THEN [] ELSE [${h}.source] END)[..${listCap('Provenance', 'sources')}] AS ${sid} MATCH (${x}:Entity {id: ${sid}}) RETURN ${entity(b, x, f.sub!)} }`;
    },
    paragraphs: () => `coalesce(${h}.paragraphs, [])`,
    certainty: () => `${h}.certainty`,
  });
}

const relations: Build = (b, v, field) => {
  const types = relationshipTypes('types', field.args.types);
  const first = intInRange('*.relations', 'first', field.args.first ?? 100);
  const direction = (field.args.direction as string | undefined) ?? 'BOTH';
  const r = b.variable('r');
  const o = b.variable('o');
  const f = b.variable('f');
  const t = b.variable('t');
  const pattern =
    direction === 'OUT' ? `(${v})-[${r}]->(${o})` : direction === 'IN' ? `(${v})<-[${r}]-(${o})` : `(${v})-[${r}]-(${o})`;
  const where = types ? ` WHERE type(${r}) IN ${b.param(types)}` : '';
  const map = objectMap(field.sub, {
    id: () => `elementId(${r})`,
    type: () => `type(${r})`,
    direction: () => `CASE WHEN ${f} = ${v} THEN 'OUT' ELSE 'IN' END`,
    from: (s) => entity(b, f, s.sub!),
    to: (s) => entity(b, t, s.sub!),
    other: (s) => entity(b, o, s.sub!),
    properties: () => `properties(${r})`,
    provenance: (s) => provenance(b, r, s.sub),
  });
  return `COLLECT { MATCH ${pattern}${where} WITH ${r}, ${o}, startNode(${r}) AS ${f}, endNode(${r}) AS ${t} ORDER BY type(${r}), ${o}.id, elementId(${r}) LIMIT ${b.int(first)} RETURN ${map} }`;
};

const prop = (name: string): Build => (_b, v) => `${v}.${name}`;
const list = (name: string): Build => (_b, v) => `coalesce(${v}.${name}, [])`;

/** A bounded list of events in date order (`first`, ARGUMENT_RANGES) for `typeName`'s field. */
const visitsOf = (typeName: string, pattern: (x: string, v: string) => string): Build => (b, v, field) =>
  many(b, (x) => `MATCH ${pattern(x, v)}`, DATE_ORDER, field.sub, true, firstOf(typeName, field));
/** The same events as a connection. */
const visitsPaged = (typeName: string, pattern: (x: string, v: string) => string): Build => (b, v, field) =>
  pagedEntities(b, field, typeName, (x) => `MATCH ${pattern(x, v)}`);

const TRAVELED = (x: string, v: string) => `(${x}:Visit)-[:TRAVELER]->(${v})`;
const MEETINGS_OF = (x: string, v: string) => `(${v})-[:PRINCIPAL|ATTENDED]-(${x}:Meeting)`;
const MET = (x: string, v: string) => `MATCH (${v})-[:MET]-(${x}:Person) WHERE ${x} <> ${v}`;
const RECEIVED = (x: string, v: string) => `(${x}:Visit)-[:HOST_COUNTRY]->(${v})`;
const MADE = (x: string, v: string) => `(${x}:Visit)-[:ON_BEHALF_OF]->(${v})`;
const IN_CITY = (x: string, v: string) => `(${x}:Visit)-[:IN_CITY]->(${v})`;
const HOLDERS = (h: string, p: string, v: string) => `MATCH (${p}:Person)-[${h}:HOLDS_POSITION]->(${v})`;
// The holder with the latest start first; an unknown start ('') last.
const HOLDER_ORDER = (h: string, p: string) => `coalesce(${h}.since, '') DESC, ${p}.id`;

/** A post held (PositionHeld) or its holder (PositionHolder), over a HOLDS_POSITION `h`. */
function heldMap(b: CypherBuilder, h: string, person: string, position: string, sub: TypeSelection | undefined): string {
  return objectMap(sub, {
    position: (f) => entity(b, position, f.sub!),
    person: (f) => entity(b, person, f.sub!),
    of: (f) => one(b, (x) => `MATCH (${position})-[:POST_OF]->(${x})`, f.sub),
    since: () => `${h}.since`,
    until: () => `${h}.until`,
    provenance: (f) => provenance(b, h, f.sub),
  });
}

function armsTrades(b: CypherBuilder, v: string, field: FieldSelection, role: 'buyer' | 'supplier'): string {
  const a = b.variable('a');
  const other = b.variable('c');
  const [buyer, supplier] = role === 'buyer' ? [v, other] : [other, v];
  const map = objectMap(field.sub, {
    buyer: (f) => entity(b, buyer, f.sub!),
    supplier: (f) => entity(b, supplier, f.sub!),
    share: () => `${a}.share`,
    provenance: (f) => provenance(b, a, f.sub),
  });
  return `COLLECT { MATCH (${buyer}:Country)-[${a}:BUYS_ARMS_FROM]->(${supplier}:Country) WITH ${a}, ${other} ORDER BY ${a}.share DESC, ${other}.name, ${other}.id LIMIT ${listCap('Country', 'armsSuppliers')} RETURN ${map} }`;
}

const eventProvenance: Build = (b, v, field) => provenance(b, v, field.sub);
const sourcesOf: Build = (b, v, field) => {
  const x = b.variable('x');
  const sid = b.variable('sid');
  return `COLLECT { UNWIND coalesce(${v}.sources, CASE WHEN ${v}.source IS NULL THEN [] ELSE [${v}.source] END)[..${listCap('Visit', 'sources')}] AS ${sid} MATCH (${x}:Entity {id: ${sid}}) RETURN ${entity(b, x, field.sub!)} }`;
};
/** What each source said of an event: notes[i] by noteSources[i] ('' when no source was named). */
const notesOf: Build = (b, v, field) => {
  const i = b.variable('i');
  const map = objectMap(field.sub, {
    text: () => `${v}.notes[${i}]`,
    sourceId: () => `CASE WHEN ${v}.noteSources[${i}] = '' THEN null ELSE ${v}.noteSources[${i}] END`,
    source: (f) => one(b, (x) => `MATCH (${x}:Entity {id: ${v}.noteSources[${i}]})`, f.sub),
  });
  return `[${i} IN range(0, size(coalesce(${v}.notes, [])) - 1)[..${listCap('Visit', 'notes')}] | ${map}]`;
};
/** People with the role each held at a meeting, from the edge `pattern(edge, person)` joins them by. */
function participations(b: CypherBuilder, field: FieldSelection, pattern: (edge: string, person: string) => string, cap: number): string {
  const p = b.variable('p');
  const x = b.variable('x');
  const map = objectMap(field.sub, {
    person: (f) => entity(b, x, f.sub!),
    role: () => `${p}.role`,
    position: (f) => one(b, (y) => `MATCH (${y}:Entity {id: ${p}.position}) WHERE ${y}:Position`, f.sub),
  });
  return `COLLECT { MATCH ${pattern(p, x)} WITH ${p}, ${x} ORDER BY ${x}.name, ${x}.id LIMIT ${b.int(cap)} RETURN ${map} }`;
}

const topicsOf: Build = (b, v, field) => many(b, (x) => `MATCH (${v})-[:DISCUSSED]->(${x}:Topic)`, (x) => `${x}.name, ${x}.id`, field.sub, true, listCap('Visit', 'topics'));
const byName = (x: string) => `${x}.name, ${x}.id`;

/** Fields every entity has. */
const ENTITY_FIELDS: Record<string, Build> = {
  id: prop('id'),
  kind: prop('kind'),
  name: prop('name'),
  nameAr: prop('nameAr'),
  summary: prop('summary'),
  aliases: list('aliases'),
  labels: (_b, v) => `labels(${v})`,
  // Internal keys (nameKeys) and the fields shown on their own are dropped by the resolver.
  properties: (_b, v) => `properties(${v})`,
  relations,
};

/** Fields of each entity type beyond the common ones. */
const TYPE_FIELDS: Record<string, Record<string, Build>> = {
  Person: {
    positions: (b, v, field) => {
      const h = b.variable('h');
      const p = b.variable('p');
      return `COLLECT { MATCH (${v})-[${h}:HOLDS_POSITION]->(${p}:Position) WITH ${h}, ${p} ORDER BY coalesce(${h}.since, '') DESC, ${p}.id LIMIT ${listCap('Person', 'positions')} RETURN ${heldMap(b, h, v, p, field.sub)} }`;
    },
    visits: visitsOf('Person', TRAVELED),
    visitsConnection: visitsPaged('Person', TRAVELED),
    meetings: visitsOf('Person', MEETINGS_OF),
    meetingsConnection: visitsPaged('Person', MEETINGS_OF),
    met: (b, v, field) => many(b, (x) => MET(x, v), byName, field.sub, true, firstOf('Person', field)),
    metConnection: (b, v, field) =>
      pagedEntities(b, field, 'Person', (x) => MET(x, v), { key: (x) => `coalesce(${x}.name, '')`, tie: (x) => `${x}.id` }),
  },
  Country: {
    visitsReceived: visitsOf('Country', RECEIVED),
    // The country's own HOST_COUNTRY edges are the anchor; the range is tested on those visits only.
    visitsReceivedConnection: (b, v, field) => {
      const range = dateRange(field.args.from as string | null, field.args.to as string | null);
      const [from, to] = [range.from && b.param(range.from), range.to && b.param(range.to)];
      return pagedEntities(b, field, 'Country', (x) => {
        const conditions = overlapConditions(x, from, to);
        return `MATCH ${RECEIVED(x, v)}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
      });
    },
    visitsMade: visitsOf('Country', MADE),
    visitsMadeConnection: visitsPaged('Country', MADE),
    armsSuppliers: (b, v, field) => armsTrades(b, v, field, 'buyer'),
    armsCustomers: (b, v, field) => armsTrades(b, v, field, 'supplier'),
    cities: (b, v, field) => many(b, (x) => `MATCH (${x}:City)-[:LOCATED_IN]->(${v})`, byName, field.sub, true, listCap('Country', 'cities')),
  },
  City: {
    // Directly, or through the region it lies in.
    country: (b, v, field) => one(b, (x) => `MATCH (${v})-[:LOCATED_IN*1..3]->(${x}:Country)`, field.sub),
    visits: visitsOf('City', IN_CITY),
    visitsConnection: visitsPaged('City', IN_CITY),
  },
  Position: {
    holders: (b, v, field) => {
      const h = b.variable('h');
      const p = b.variable('p');
      return `COLLECT { ${HOLDERS(h, p, v)} WITH ${h}, ${p} ORDER BY ${HOLDER_ORDER(h, p)} LIMIT ${b.int(firstOf('Position', field))} RETURN ${heldMap(b, h, p, v, field.sub)} }`;
    },
    holdersConnection: (b, v, field) => {
      const h = b.variable('h');
      return connection(b, field, 'Position', {
        match: (p) => HOLDERS(h, p, v),
        carry: () => [h],
        distinct: false,
        key: () => `coalesce(${h}.since, '')`,
        descending: true,
        // One person may hold the post twice: the term's start tells the rows apart.
        tie: (p) => `${p}.id + '|' + coalesce(${h}.until, '')`,
        node: (p, sub) => heldMap(b, h, p, v, sub),
      });
    },
  },
  Event: { date: prop('date'), endDate: prop('endDate') },
  Agreement: {
    date: prop('date'),
    parties: (b, v, field) => many(b, (x) => `MATCH (${x})-[:SIGNED]->(${v})`, byName, field.sub, true, listCap('Agreement', 'parties')),
  },
  Topic: {
    discussedIn: (b, v, field) => many(b, (x) => `MATCH (${x})-[:DISCUSSED]->(${v})`, DATE_ORDER, field.sub, true, listCap('Topic', 'discussedIn')),
  },
  Statement: {
    date: prop('date'),
    issuer: (b, v, field) => one(b, (x) => `MATCH (${v})-[:ISSUED_BY]->(${x})`, field.sub),
    about: (b, v, field) => many(b, (x) => `MATCH (${v})-[:ABOUT]->(${x})`, (x) => `${x}.id`, field.sub, true, listCap('Statement', 'about')),
  },
  Source: {
    title: (_b, v) => `coalesce(${v}.title, ${v}.name)`,
    publisher: (_b, v) => `coalesce(${v}.publisher, head(COLLECT { MATCH (${v})-[:PUBLISHED_BY]->(o) RETURN o.name ORDER BY o.name LIMIT 1 }))`,
    language: prop('language'),
    url: prop('url'),
    publishedAt: prop('publishedAt'),
    photoCredits: list('photoCredits'),
    mentions: (b, v, field) => {
      const first = intInRange('*.mentions', 'first', field.args.first ?? 500);
      return many(b, (x) => `MATCH (${v})-[:MENTIONS]->(${x})`, (x) => `${x}.id`, field.sub, true, first);
    },
    mentionsConnection: (b, v, field) =>
      pagedEntities(b, field, 'Source', (x) => `MATCH (${v})-[:MENTIONS]->(${x})`, { key: () => "''", tie: (x) => `${x}.id` }),
    // The events that cite the source (their `sources`, or the one `source` of an older record).
    factsConnection: (b, v, field) =>
      pagedEntities(b, field, 'Source', (x) => `MATCH (${x}:Event) WHERE ${v}.id IN coalesce(${x}.sources, [${x}.source])`),
  },
  Visit: {
    date: prop('date'),
    endDate: prop('endDate'),
    dateCertainty: prop('dateCertainty'),
    purpose: prop('purpose'),
    notes: notesOf,
    traveler: (b, v, field) => single(b, (x) => `MATCH (${v})-[:TRAVELER]->(${x})`, field.sub),
    travelerRole: (_b, v) => `head(COLLECT { MATCH (${v})-[t:TRAVELER]->() RETURN t.role ORDER BY t.role LIMIT 1 })`,
    travelerPosition: (b, v, field) => {
      const t = b.variable('t');
      return one(b, (x) => `MATCH (${v})-[${t}:TRAVELER]->() MATCH (${x}:Entity {id: ${t}.position}) WHERE ${x}:Position`, field.sub);
    },
    host: (b, v, field) => single(b, (x) => `MATCH (${v})-[:HOST_COUNTRY]->(${x})`, field.sub),
    representing: (b, v, field) => one(b, (x) => `MATCH (${v})-[:ON_BEHALF_OF]->(${x})`, field.sub),
    // The first city in the order the sources give (a visit with places keeps them in `places`).
    city: (b, v, field) => {
      const x = b.variable('x');
      const k = b.variable('k');
      const rank = `coalesce(head([${k} IN range(0, size(coalesce(${v}.places, [])) - 1) WHERE ${v}.places[${k}] = ${x}.id]), 0)`;
      return `head(COLLECT { MATCH (${v})-[:IN_CITY]->(${x}) WITH ${x} ORDER BY ${rank}, ${x}.id LIMIT 1 RETURN ${entity(b, x, field.sub!)} })`;
    },
    places: (b, v, field) => {
      const x = b.variable('x');
      const pid = b.variable('pid');
      // Listed in order where the visit keeps it, else its one city.
      const cap = listCap('Visit', 'places');
      return `CASE WHEN ${v}.places IS NULL THEN COLLECT { MATCH (${v})-[:IN_CITY]->(${x}) WITH ${x} ORDER BY ${x}.id LIMIT ${cap} RETURN ${entity(b, x, field.sub!)} }
        ELSE COLLECT { UNWIND ${v}.places[..${cap}] AS ${pid} MATCH (${x}:Entity {id: ${pid}}) RETURN ${entity(b, x, field.sub!)} } END`;
    },
    tour: (b, v, field) => one(b, (x) => `MATCH (${v})-[:PART_OF_TOUR]->(${x}:Tour)`, field.sub),
    previousStop: (b, v, field) => one(b, (x) => `MATCH (${x}:Visit)-[:NEXT_STOP]->(${v})`, field.sub),
    nextStop: (b, v, field) => one(b, (x) => `MATCH (${v})-[:NEXT_STOP]->(${x}:Visit)`, field.sub),
    precededBy: (b, v, field) => one(b, (x) => `MATCH (${v})-[:PRECEDED_BY]->(${x}:Visit)`, field.sub),
    precedentPosition: (b, v, field) => {
      const pb = b.variable('pb');
      return one(b, (x) => `MATCH (${v})-[${pb}:PRECEDED_BY]->() MATCH (${x}:Entity {id: ${pb}.position})`, field.sub);
    },
    meetings: (b, v, field) => many(b, (x) => `MATCH (${v})-[:INCLUDES]->(${x}:Meeting)`, DATE_ORDER, field.sub, true, listCap('Visit', 'meetings')),
    events: (b, v, field) =>
      many(b, (x) => `MATCH (${v})-[:INCLUDES]->(${x}:Event) WHERE NOT ${x}:Meeting AND NOT ${x}:Visit`, DATE_ORDER, field.sub, true, listCap('Visit', 'events')),
    topics: topicsOf,
    sources: sourcesOf,
    provenance: eventProvenance,
  },
  Meeting: {
    date: prop('date'),
    endDate: prop('endDate'),
    participants: (b, v, field) => many(b, (x) => `MATCH (${v})-[:PRINCIPAL]->(${x})`, byName, field.sub, true, listCap('Meeting', 'participants')),
    participantRoles: (b, v, field) => participations(b, field, (p, x) => `(${v})-[${p}:PRINCIPAL]->(${x})`, listCap('Meeting', 'participantRoles')),
    attendees: (b, v, field) => many(b, (x) => `MATCH (${x})-[:ATTENDED]->(${v})`, byName, field.sub, true, listCap('Meeting', 'attendees')),
    attendeeRoles: (b, v, field) => participations(b, field, (p, x) => `(${x})-[${p}:ATTENDED]->(${v})`, listCap('Meeting', 'attendeeRoles')),
    topics: topicsOf,
    visit: (b, v, field) => one(b, (x) => `MATCH (${x}:Visit)-[:INCLUDES]->(${v})`, field.sub),
    city: (b, v, field) => one(b, (x) => `MATCH (${v})-[:IN_CITY]->(${x}:City)`, field.sub),
    place: (b, v, field) => one(b, (x) => `MATCH (${v})-[:HELD_AT]->(${x}:Place)`, field.sub),
    sources: sourcesOf,
    provenance: eventProvenance,
  },
  Tour: {
    visits: (b, v, field) => {
      const po = b.variable('po');
      return many(
        b,
        (x) => `MATCH (${x}:Visit)-[${po}:PART_OF_TOUR]->(${v})`,
        (x) => `${po}.order, ${DATE_ORDER(x)}`,
        field.sub,
        false,
        listCap('Tour', 'visits'),
      );
    },
    // Whoever made the tour's stops.
    traveler: (b, v, field) => one(b, (x) => `MATCH (${v})<-[:PART_OF_TOUR]-(:Visit)-[:TRAVELER]->(${x})`, field.sub),
  },
};
function builderFor(typeName: string, fieldName: string): Build {
  const build = TYPE_FIELDS[typeName]?.[fieldName] ?? ENTITY_FIELDS[fieldName];
  if (!build) throw new Error(`no Cypher for ${typeName}.${fieldName}`);
  return build;
}

// ── signatures: which concrete types can share one expression for a response key ───────────

const builderIds = new Map<Build, number>();
function builderId(build: Build): number {
  let id = builderIds.get(build);
  if (id === undefined) {
    id = builderIds.size;
    builderIds.set(build, id);
  }
  return id;
}

const signatures = new WeakMap<TypeSelection, string>();
function selectionSignature(selection: TypeSelection | undefined): string {
  if (!selection) return '';
  let signature = signatures.get(selection);
  if (signature === undefined) {
    const parts: string[] = [];
    for (const [typeName, fields] of selection.byType) {
      const inner = [...fields.values()].map((f) => `${f.responseKey}=${f.name}${JSON.stringify(f.args)}{${selectionSignature(f.sub)}}`);
      parts.push(`${typeName}:${inner.join(',')}`);
    }
    signature = parts.join(';');
    signatures.set(selection, signature);
  }
  return signature;
}

/** Whether the selection is of an interface (several concrete types, or one that is not the declared type). */
function isAbstract(selection: TypeSelection): boolean {
  return selection.byType.size !== 1 || !selection.byType.has(selection.typeName);
}

// ── entities ────────────────────────────────────────────────────────────────────────────────

/**
 * The map projection of entity node `v` for `selection` (an entity type or the Entity
 * interface). Fields asked only through a fragment on some types are computed only for nodes
 * of those types (CASE on the node's labels and kind).
 */
export function entity(b: CypherBuilder, v: string, selection: TypeSelection): string {
  // Only a value of an interface type needs its node's kind and labels (Entity.__resolveType).
  const entries: string[] = isAbstract(selection) ? ['__rk: true', `__kind: ${v}.kind`, `__labels: labels(${v})`] : ['__rk: true'];
  const allTypes = [...selection.byType.keys()];
  // responseKey → [signature → {types, field, build}]
  const byKey = new Map<string, Map<string, { types: string[]; field: FieldSelection; build: Build }>>();
  for (const [typeName, fields] of selection.byType) {
    for (const field of fields.values()) {
      const build = builderFor(typeName, field.name);
      const signature = `${builderId(build)}|${JSON.stringify(field.args)}|${selectionSignature(field.sub)}`;
      const groups = byKey.get(field.responseKey) ?? new Map();
      const group = groups.get(signature);
      if (group) group.types.push(typeName);
      else groups.set(signature, { types: [typeName], field, build });
      byKey.set(field.responseKey, groups);
    }
  }
  for (const [responseKey, groups] of byKey) {
    const list = [...groups.values()];
    let expression: string;
    if (list.length === 1 && (list[0]!.types.length === allTypes.length || ENTITY_FIELDS[list[0]!.field.name] === list[0]!.build)) {
      expression = list[0]!.build(b, v, list[0]!.field);
    } else {
      const branches = list.map(
        (g) => `WHEN ${g.types.map((t) => typeCondition(v, t)).join(' OR ')} THEN ${g.build(b, v, g.field)}`,
      );
      expression = `CASE ${branches.join(' ')} END`;
    }
    entries.push(`\`${responseKey}\`: ${expression}`);
  }
  return `${v} { ${entries.join(', ')} }`;
}
