/**
 * The read side's statements: each root field of Query as one Cypher statement built from its
 * selection set (project.ts), run as one auto-commit read. Static parts live in cypher/read/.
 */
import neo4j from 'neo4j-driver';
import type { Tx } from '../../db/driver.js';
import { cypher } from '../../db/cypher.js';
import { normalizeName } from '../../graph/normalize.js';
import { ENTITY_LABELS } from '../../graph/ontology.js';
import { luceneQuery } from '../../graph/lucene.js';
import { badInput } from '../errors.js';
import { MAX_LIST_ARGUMENT, MAX_SEARCH_TEXT, intInRange } from '../limits.js';
import { CypherBuilder } from './cypherBuilder.js';
import { dateRange, entity, objectMap, overlapConditions, relationshipTypes } from './project.js';
import { connection } from './connections.js';
import { MemoTable } from './memo.js';
import { asks, mergeSelections, type FieldSelection, type TypeSelection } from './selection.js';

export type Row = Record<string, unknown>;

/** A statement and its parameters. */
export interface Statement {
  text: string;
  params: Record<string, unknown>;
}

async function rows(tx: Tx, statement: Statement, column = 'result'): Promise<Row[]> {
  const result = await tx.run(statement.text, statement.params);
  return result.records.map((record) => record.get(column) as Row);
}

// ── entities by id ──────────────────────────────────────────────────────────────────────────

const entityStatements = new MemoTable<TypeSelection, Statement>();

/** The statement reading one entity; the same selection, id and label give the same (shared) statement. */
export function entityByIdStatement(id: string, selection: TypeSelection, label?: string): Statement {
  const variant = `${label ?? ''}|${id}`;
  return entityStatements.get(selection, variant) ?? entityStatements.set(selection, variant, buildEntityByIdStatement(id, selection, label));
}

function buildEntityByIdStatement(id: string, selection: TypeSelection, label?: string): Statement {
  const b = new CypherBuilder();
  const where = label ? ` WHERE n:${checkedLabel(label)}` : '';
  return { text: `MATCH (n:Entity {id: ${b.param(id)}})${where} RETURN ${entity(b, 'n', selection)} AS result`, params: b.params };
}

function checkedLabel(label: string): string {
  if (!ENTITY_LABELS.includes(label)) throw new Error(`not an entity label: ${label}`);
  return label;
}

/**
 * Projects the entities with the given ids, with a request's selection, inside the caller's
 * transaction: one statement for all of them. For a resolver of another root field (such as
 * the recordVisit mutation, which projects the visit it has just written in its own write
 * transaction):
 *
 *   const [visit] = await fetchEntitiesById(tx, [visitId], subSelection(info, ['visit'])!, 'Visit');
 *
 * `selection` comes from selection.ts (`selectionOf(info)`, `subSelection(info, path)` or
 * `selectionFromText(...)`); `typeName` restricts the match to one entity type (a label) and may
 * be omitted (any entity). The result is in the order of `ids`, with null where none matched.
 * The objects are ready for the read resolvers (keys are response keys).
 */
export async function fetchEntitiesById(
  tx: Tx,
  ids: readonly string[],
  selection: TypeSelection,
  typeName?: string,
): Promise<(Row | null)[]> {
  const b = new CypherBuilder();
  const where = typeName && typeName !== 'Entity' ? ` WHERE n:${checkedLabel(typeName)}` : '';
  const text = `UNWIND ${b.param([...ids])} AS id MATCH (n:Entity {id: id})${where} RETURN id, ${entity(b, 'n', selection)} AS result`;
  const result = await tx.run(text, b.params);
  const byId = new Map(result.records.map((r) => [r.get('id') as string, r.get('result') as Row]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function readEntity(tx: Tx, id: string, selection: TypeSelection, label?: string): Promise<Row | null> {
  return (await rows(tx, entityByIdStatement(id, selection, label)))[0] ?? null;
}

// ── search ──────────────────────────────────────────────────────────────────────────────────

export function searchStatement(args: { text: string; kinds?: readonly string[] | null; first?: number | null }, selection: TypeSelection): Statement | null {
  const first = intInRange('Query.search', 'first', args.first ?? 10);
  if ((args.kinds?.length ?? 0) > MAX_LIST_ARGUMENT) throw badInput(`"kinds" takes at most ${MAX_LIST_ARGUMENT} items; got ${args.kinds!.length}.`, { argument: 'kinds' });
  if (args.text.length > MAX_SEARCH_TEXT) throw badInput(`"text" is at most ${MAX_SEARCH_TEXT} characters.`, { argument: 'text' });
  const key = normalizeName(args.text);
  if (!key) return null;
  const b = new CypherBuilder();
  const text = `${cypher('read/search')}\nRETURN ${entity(b, 'n', selection)} AS result`;
  const params = {
    ...b.params,
    lucene: luceneQuery(key),
    key,
    kinds: args.kinds && args.kinds.length > 0 ? [...args.kinds] : null,
    first: intParam(first),
    candidates: intParam(Math.min(1000, Math.max(100, first * 10))),
  };
  return { text, params };
}

function intParam(value: number): unknown {
  return neo4j.int(value);
}

export async function search(tx: Tx, statement: Statement | null): Promise<Row[]> {
  return statement ? rows(tx, statement) : [];
}

// ── drawable graphs ─────────────────────────────────────────────────────────────────────────

export interface Graph {
  nodes: Row[];
  edges: Row[];
  groups: Row[];
  omitted: Row[];
}
const EMPTY: Graph = { nodes: [], edges: [], groups: [], omitted: [] };

/** Per relationship type: neighbours in groups and neighbours past the limit. */
function omitted(groups: Row[], cut: Row[]): Row[] {
  const byType = new Map<string, { type: string; grouped: number; beyondLimit: number }>();
  const entry = (type: string) => byType.get(type) ?? byType.set(type, { type, grouped: 0, beyondLimit: 0 }).get(type)!;
  for (const g of groups) entry(g.type as string).grouped += Number(g.count);
  for (const c of cut) entry(c.type as string).beyondLimit += Number(c.count);
  return [...byType.values()].sort((a, b) => b.grouped + b.beyondLimit - (a.grouped + a.beyondLimit) || a.type.localeCompare(b.type));
}

/** Relationship types that only say where a fact was read (a source's edges): ranked last in a neighbourhood. */
export const BOOKKEEPING_TYPES = ['MENTIONS', 'PUBLISHED_BY', 'CREDITS_PHOTO_TO'];

/** The line of read/neighborhood that stands for its levels, and the line of a level for what it adds from the second on. */
const LEVELS_LINE = '// levels: parts/neighborhood-level';
const LATER_LEVELS_LINE = '// from the second level: UNION parts/neighborhood-walk-events';
const neighborhoodTexts = new Map<number, string>();

/**
 * Query.neighborhood's statement for a depth: read/neighborhood with one level part per level,
 * the second and later with the walk's branches for edges that name a drawn visit or meeting. The
 * parts are what make the statement slow to plan (seconds on a busy machine, paid again whenever
 * Neo4j replans it), so a depth-1 ask does not carry the parts of depth 3.
 */
function neighborhoodText(depth: number): string {
  let text = neighborhoodTexts.get(depth);
  if (text === undefined) {
    const statement = cypher('read/neighborhood');
    const level = cypher('parts/neighborhood-level');
    if (!statement.includes(LEVELS_LINE) || !level.includes(LATER_LEVELS_LINE)) throw new Error('read/neighborhood or parts/neighborhood-level lost the line its levels are built at');
    const levels = Array.from({ length: depth }, (_, i) => level.replace(LATER_LEVELS_LINE, () => (i === 0 ? '' : `UNION\n${cypher('parts/neighborhood-walk-events')}`)));
    text = statement.replace(LEVELS_LINE, () => levels.join('\n'));
    neighborhoodTexts.set(depth, text);
  }
  return text;
}

export function neighborhoodStatement(args: {
  id: string;
  depth?: number | null;
  types?: readonly string[] | null;
  limit?: number | null;
  groupOver?: number | null;
}): Statement {
  const depth = intInRange('Query.neighborhood', 'depth', args.depth ?? 1);
  return {
    text: neighborhoodText(depth),
    params: {
      id: args.id,
      limit: intParam(intInRange('Query.neighborhood', 'limit', args.limit ?? 200)),
      groupOver: intParam(intInRange('Query.neighborhood', 'groupOver', args.groupOver ?? 25)),
      types: relationshipTypes('types', args.types),
      bookkeeping: BOOKKEEPING_TYPES,
    },
  };
}

// ── neighbourhood groups ────────────────────────────────────────────────────────────────────

interface GroupKey {
  node: string;
  type: string;
  direction: 'OUT' | 'IN';
}

/** `group:OUT:MENTIONS:source:x`: what GraphGroup.id names (the direction and type first, as ids hold colons). */
export function groupId(key: GroupKey): string {
  return `group:${key.direction}:${key.type}:${key.node}`;
}

export function parseGroupId(id: string): GroupKey {
  const match = /^group:(OUT|IN):([A-Z_]+):(.+)$/.exec(id);
  if (!match) throw badInput('"id" must be the id of a neighbourhood group (GraphGroup.id).', { argument: 'id' });
  const [type] = relationshipTypes('id', [match[2]!])!;
  return { direction: match[1] as 'OUT' | 'IN', type: type!, node: match[3]! };
}

/** One page of a group's members, as a projected connection (connections.ts). */
export function neighborhoodGroupStatement(args: { id: string; first?: number | null; after?: string | null }, selection: TypeSelection): Statement {
  const key = parseGroupId(args.id);
  const b = new CypherBuilder();
  const field: FieldSelection = { responseKey: 'result', name: 'neighborhoodGroup', args: { ...args }, sub: selection };
  const type = b.param(key.type);
  const arrow = key.direction === 'OUT' ? (x: string, r: string) => `(s)-[${r}]->(${x})` : (x: string, r: string) => `(s)<-[${r}]-(${x})`;
  const page = connection(b, field, 'Query', {
    match: (x) => {
      const r = b.variable('r');
      return `MATCH ${arrow(x, r)} WHERE type(${r}) = ${type}`;
    },
    distinct: true,
    key: (x) => `coalesce(${x}.dateStart, ${x}.date, '')`,
    tie: (x) => `${x}.id`,
    node: (x, sub) => entity(b, x, sub),
  });
  return { text: `MATCH (s:Entity {id: ${b.param(key.node)}}) RETURN ${page} AS result`, params: b.params };
}

export async function neighborhoodGroup(tx: Tx, statement: Statement): Promise<Row> {
  return (await rows(tx, statement))[0] ?? { __conn: true, __rows: [], __first: 0, __total: 0 };
}

/** Relationship types a path avoids unless asked for: they join everything through a source. */
export const PATH_EXCLUDED_TYPES = ['MENTIONS', 'PUBLISHED_BY', 'CREDITS_PHOTO_TO'];

export function pathStatement(args: { from: string; to: string; maxHops?: number | null; types?: readonly string[] | null }): Statement {
  const maxHops = intInRange('Query.path', 'maxHops', args.maxHops ?? 4);
  const types = relationshipTypes('types', args.types);
  if (args.from === args.to) {
    return {
      text: 'MATCH (n:Entity {id: $id}) RETURN [{id: n.id, kind: n.kind, name: n.name, nameAr: n.nameAr, labels: labels(n)}] AS nodes, [] AS edges',
      params: { id: args.from },
    };
  }
  return {
    text: cypher('read/path'),
    params: { from: args.from, to: args.to, maxHops: intParam(maxHops), types, excluded: PATH_EXCLUDED_TYPES },
  };
}

export async function graph(tx: Tx, statement: Statement): Promise<Graph> {
  const result = await tx.run(statement.text, statement.params);
  const record = result.records[0];
  if (!record) return EMPTY;
  // A group's kinds are a set: in name order, whether they were counted now or summarised earlier.
  const groups = record.has('groups')
    ? (record.get('groups') as Row[]).map((g) => ({ ...g, kinds: [...(g.kinds as string[])].sort(), id: groupId(g as unknown as GroupKey) }))
    : [];
  const cut = record.has('cut') ? (record.get('cut') as Row[]) : [];
  return { nodes: record.get('nodes') as Row[], edges: record.get('edges') as Row[], groups, omitted: omitted(groups, cut) };
}

const EDGE_ORDER = ['source', 'type', 'target', 'id'] as const;

/**
 * A neighbourhood, its edges in a fixed order (source, type, target, id). They are put in order
 * here, not in the statement: Neo4j counts every row of a sort at the size of all it carries,
 * and at 100,000 visits a busy traveller's depth 2 ran past a transaction's memory that way.
 */
export async function neighborhood(tx: Tx, statement: Statement): Promise<Graph> {
  const found = await graph(tx, statement);
  found.edges.sort((a, b) => {
    for (const field of EDGE_ORDER) {
      const x = a[field] as string;
      const y = b[field] as string;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
  return found;
}

// ── visits ──────────────────────────────────────────────────────────────────────────────────

export interface VisitFilterArgs {
  traveler?: string | null;
  host?: string | null;
  from?: string | null;
  to?: string | null;
  topic?: string | null;
}

export { decodeCursor, encodeCursor } from './cursor.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export interface VisitsPlan {
  statement: Statement | null;
  first: number;
  after: boolean;
  /** Response keys of the edge cursors to fill in from each row's `__cursor`. */
  cursorKeys: string[];
}

/**
 * The match and conditions of Query.visits' filter, shaped for the planner: only the filters
 * given become conditions (no `$x IS NULL OR ...`), and the match starts from the most selective
 * anchor: the host's HOST_COUNTRY edges, else the traveler's TRAVELER edges, else every visit
 * through the index on Visit.dateStart (which then also gives the page its order).
 * Every visit has a dateStart: write-visits.cypher, the one writer of :Visit, sets it from the
 * required date.
 */
export function visitFilter(b: CypherBuilder, filter: VisitFilterArgs): { match: string; where: string[]; anchored: boolean } {
  const { from, to } = dateRange(filter.from, filter.to, 'filter.', 'filter');
  const topic = filter.topic?.trim() ? filter.topic.trim() : null;
  const where: string[] = [];
  let match = 'MATCH (n:Visit)';
  // The hint pins the anchor to a seek. Plans are cached: one made while the graph was small was
  // seen to start from the date index and test every visit's host, and, with a plain
  // `USING INDEX`, to satisfy the hint by scanning the whole id index. (Generated variables end in
  // a digit, so `anchor` cannot clash with one.)
  if (filter.host != null) {
    match = `MATCH (anchor:Entity {id: ${b.param(filter.host)}})<-[:HOST_COUNTRY]-(n:Visit) USING INDEX SEEK anchor:Entity(id)`;
    if (filter.traveler != null) where.push(`EXISTS { (n)-[:TRAVELER]->(:Entity {id: ${b.param(filter.traveler)}}) }`);
  } else if (filter.traveler != null) {
    match = `MATCH (anchor:Entity {id: ${b.param(filter.traveler)}})<-[:TRAVELER]-(n:Visit) USING INDEX SEEK anchor:Entity(id)`;
  }
  where.push(...overlapConditions('n', from && b.param(from), to && b.param(to)));
  if (topic) {
    const t = b.variable('topic');
    where.push(
      `EXISTS { (n)-[:INCLUDES*0..1]->()-[:DISCUSSED]->(${t}:Topic) WHERE ${t}.id = ${b.param(topic)} OR any(k IN coalesce(${t}.nameKeys, []) WHERE k CONTAINS ${b.param(normalizeName(topic))}) }`,
    );
  }
  return { match, where, anchored: match !== 'MATCH (n:Visit)' };
}

const whereClause = (conditions: readonly string[]) => (conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '');

type VisitsArgs = { filter?: VisitFilterArgs | null; first?: number | null; after?: string | null };
const visitsPlans = new MemoTable<TypeSelection, VisitsPlan>();

/** The plan of one page of Query.visits; the same selection and arguments give the same (shared) plan. */
export function visitsStatement(args: VisitsArgs, selection: TypeSelection): VisitsPlan {
  const variant = JSON.stringify(args);
  return visitsPlans.get(selection, variant) ?? visitsPlans.set(selection, variant, buildVisitsStatement(args, selection));
}

function buildVisitsStatement(args: VisitsArgs, selection: TypeSelection): VisitsPlan {
  const first = intInRange('Query.visits', 'first', args.first ?? 20);
  const after = args.after != null ? decodeCursor(args.after) : null;
  const b = new CypherBuilder();
  const filter = visitFilter(b, args.filter ?? {});
  const fields: FieldSelection[] = [...(selection.byType.get('VisitConnection')?.values() ?? [])];
  const wantsTotal = fields.some((f) => f.name === 'totalCount');
  const edgeSelections = fields.filter((f) => f.name === 'edges' && f.sub).map((f) => f.sub!);
  const wantsPage = edgeSelections.length > 0 || fields.some((f) => f.name === 'pageInfo');
  const edgeSelection: TypeSelection | undefined = edgeSelections.length > 0 ? mergeSelections(edgeSelections) : undefined;

  const parts: string[] = [];
  const columns: string[] = [];
  if (wantsTotal) {
    // Unfiltered, this is the label's count from the count store.
    parts.push(`CALL () { ${filter.match}${whereClause(filter.where)} RETURN count(n) AS total }`);
    columns.push('total');
  }
  const cursorKeys: string[] = [];
  if (wantsPage) {
    const nodeBuilders: Record<string, (f: FieldSelection) => string> = {
      node: (f) => entity(b, 'n', f.sub!),
      cursor: (f) => {
        cursorKeys.push(f.responseKey);
        return 'null';
      },
    };
    const row = edgeSelection ? objectMap(edgeSelection, nodeBuilders) : '{ __rk: true }';
    const rowWithCursor = `${row.slice(0, -1)}, __cursor: [n.dateStart, n.id] }`;
    const where = [...filter.where];
    // Unanchored, the page is read from Visit.dateStart's index in its order and stops after its
    // rows. The hint keeps it so under a plan cached while the graph had only a few visits.
    const match = filter.anchored ? filter.match : `${filter.match} USING INDEX ${after ? 'SEEK ' : ''}n:Visit(dateStart)`;
    if (after) {
      const [afterDate, afterId] = [b.param(after[0]), b.param(after[1])];
      // The first condition alone is a range the index can seek; the second is the exact keyset.
      where.push(`n.dateStart >= ${afterDate}`, `(n.dateStart > ${afterDate} OR n.id > ${afterId})`);
    } else if (!filter.anchored) {
      where.push('n.dateStart IS NOT NULL');
    }
    parts.push(
      `CALL () { ${match}${whereClause(where)} WITH n ORDER BY n.dateStart, n.id LIMIT ${b.int(first + 1)} RETURN collect(${rowWithCursor}) AS rows }`,
    );
    columns.push('rows');
  }
  if (parts.length === 0) return { statement: null, first, after: Boolean(after), cursorKeys };
  return { statement: { text: `${parts.join('\n')}\nRETURN ${columns.join(', ')}`, params: b.params }, first, after: Boolean(after), cursorKeys };
}

export async function visits(tx: Tx, plan: VisitsPlan): Promise<Row> {
  let total = 0;
  let rowList: Row[] = [];
  if (plan.statement) {
    const result = await tx.run(plan.statement.text, plan.statement.params);
    const record = result.records[0];
    if (record?.has('total')) total = record.get('total') as number;
    if (record?.has('rows')) rowList = record.get('rows') as Row[];
  }
  const page = rowList.slice(0, plan.first);
  const edges = page.map((row) => {
    const cursor = encodeCursor(row.__cursor as unknown[]);
    const edge: Row = { ...row };
    for (const key of plan.cursorKeys) edge[key] = cursor;
    edge.cursor ??= cursor;
    return edge;
  });
  return {
    edges,
    totalCount: total,
    pageInfo: {
      hasNextPage: rowList.length > plan.first,
      hasPreviousPage: plan.after,
      startCursor: edges.length > 0 ? encodeCursor(page[0]!.__cursor as unknown[]) : null,
      endCursor: edges.length > 0 ? encodeCursor(page[page.length - 1]!.__cursor as unknown[]) : null,
    },
  };
}

// ── timeline ────────────────────────────────────────────────────────────────────────────────

export function timelineStatement(args: { id: string; first?: number | null }, selection: TypeSelection): Statement {
  const first = intInRange('Query.timeline', 'first', args.first ?? 100);
  const b = new CypherBuilder();
  const map = objectMap(selection, {
    date: () => 'e.date',
    role: () => 'head(roles)',
    event: (f) => entity(b, 'e', f.sub!),
  });
  const params = { ...b.params, id: args.id, first: intParam(first) };
  return { text: `${cypher('read/timeline')}\nRETURN ${map} AS result`, params };
}

export async function timeline(tx: Tx, statement: Statement): Promise<Row[]> {
  return rows(tx, statement);
}

export { asks };
