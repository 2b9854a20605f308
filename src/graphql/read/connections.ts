/**
 * Paged list fields inside an entity (Person.visitsConnection, Source.mentionsConnection, ...):
 * the Cypher for one page, written into the root field's single statement, and the resolvers
 * that turn the projected rows into edges, cursors and pageInfo.
 *
 * Paging is by keyset, as Query.visits: each list has an order key (a date, a name) and a
 * tie-breaker (the id); a cursor is the last row's pair, and the next page starts strictly after
 * it. Rows written between two pages therefore never shift the items already there (no repeat,
 * no skip), which an offset could not promise.
 */
import type { GraphQLFieldResolver } from 'graphql';
import { intInRange } from '../limits.js';
import type { CypherBuilder } from './cypherBuilder.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { mergeSelections, type FieldSelection, type TypeSelection } from './selection.js';

/** How one paged list is found and ordered; `x` is the variable the match binds for each item. */
export interface PagedList {
  /** A MATCH (with WHERE) that binds `x` and whatever `carry` names. */
  match: (x: string) => string;
  /** Variables besides `x` that the row needs (e.g. the relationship holding a post). */
  carry?: (x: string) => string[];
  /** Whether the match may bind one item several times (several edges to it). */
  distinct: boolean;
  /** The order key, a string expression (never null). */
  key: (x: string) => string;
  /** Newest/largest first. */
  descending?: boolean;
  /** The tie-breaker, a string expression unique within the list. */
  tie: (x: string) => string;
  /** The edge's node for the selection `sub`. */
  node: (x: string, sub: TypeSelection) => string;
}

/**
 * The projected map of a connection field: `__rows` (one more than `first`, to know whether a
 * next page exists), each `{node..., __cursor: [key, tie]}`, and the total when asked.
 */
export function connection(b: CypherBuilder, field: FieldSelection, typeName: string, list: PagedList): string {
  const first = intInRange(`${typeName}.${field.name}`, 'first', field.args.first ?? 20);
  const after = field.args.after != null ? decodeCursor(field.args.after as string) : null;
  const fields = [...(field.sub?.byType.get(field.sub.typeName)?.values() ?? [])];
  const x = b.variable('x');
  const k = b.variable('k');
  const t = b.variable('t');
  const carried = list.carry?.(x) ?? [];
  const vars = [x, ...carried].join(', ');
  const entries = ['__rk: true', '__conn: true', `__first: ${b.int(first)}`, `__after: ${after ? 'true' : 'false'}`];

  if (fields.some((f) => f.name === 'totalCount')) {
    entries.push(`__total: COUNT { ${list.match(x)} ${list.distinct ? `RETURN DISTINCT ${x}` : `RETURN ${vars}`} }`);
  }
  const edgeSelections = fields.filter((f) => f.name === 'edges' && f.sub).map((f) => f.sub!);
  if (edgeSelections.length > 0 || fields.some((f) => f.name === 'pageInfo')) {
    const edgeEntries = ['__rk: true', `__cursor: [${k}, ${t}]`];
    if (edgeSelections.length > 0) {
      const edge = mergeSelections(edgeSelections);
      for (const f of edge.byType.get(edge.typeName)?.values() ?? []) {
        if (f.name === 'node') edgeEntries.push(`\`${f.responseKey}\`: ${list.node(x, f.sub!)}`);
      }
    }
    const [afterKey, afterTie] = after ? [b.param(after[0]), b.param(after[1])] : [null, null];
    const beyond = list.descending ? '<' : '>';
    const where = after ? ` WHERE ${k} ${beyond} ${afterKey} OR (${k} = ${afterKey} AND ${t} > ${afterTie})` : '';
    entries.push(
      `__rows: COLLECT { ${list.match(x)} WITH ${list.distinct ? 'DISTINCT ' : ''}${vars} ` +
        `WITH ${vars}, ${list.key(x)} AS ${k}, ${list.tie(x)} AS ${t}${where} ` +
        `ORDER BY ${k}${list.descending ? ' DESC' : ''}, ${t} LIMIT ${b.int(first + 1)} RETURN { ${edgeEntries.join(', ')} } }`,
    );
  }
  return `{ ${entries.join(', ')} }`;
}

type Parent = Record<string, unknown>;
type Rows = Parent[];

function page(parent: Parent): Rows {
  return ((parent.__rows as Rows | undefined) ?? []).slice(0, parent.__first as number);
}

/** Resolvers of a connection type: projected ones (`__conn`) are read here, others (Query.visits) as built. */
export function connectionResolvers(): Record<string, GraphQLFieldResolver<Parent, unknown>> {
  return {
    totalCount: (parent) => (parent.__conn ? Number(parent.__total ?? 0) : parent.totalCount),
    edges: (parent) => (parent.__conn ? page(parent) : parent.edges),
    pageInfo: (parent) => {
      if (!parent.__conn) return parent.pageInfo;
      const rows = page(parent);
      return {
        hasNextPage: ((parent.__rows as Rows | undefined) ?? []).length > rows.length,
        hasPreviousPage: parent.__after === true,
        startCursor: rows.length > 0 ? encodeCursor(rows[0]!.__cursor as unknown[]) : null,
        endCursor: rows.length > 0 ? encodeCursor(rows.at(-1)!.__cursor as unknown[]) : null,
      };
    },
  };
}

/** Resolvers of an edge type: the cursor from the row's order key, the node by response key. */
export function edgeResolvers(): Record<string, GraphQLFieldResolver<Parent, unknown>> {
  return {
    cursor: (parent, _args, _context, info) =>
      parent.__cursor ? encodeCursor(parent.__cursor as unknown[]) : parent[info.path.key as string] ?? parent.cursor,
    node: (parent, _args, _context, info) => (parent.__rk ? parent[info.path.key as string] : parent.node),
  };
}
