/**
 * The page's only way to the data: POST /graphql with JSON. Every query the explorer sends is
 * here, with the shapes it reads back (a subset of schema.graphql).
 */

import type { EntityKindName } from '../../src/graph/ontology.js';

/** The kinds of entity (src/graph/ontology.ts). */
export type Kind = EntityKindName;

export interface NamedRef {
  id: string;
  kind?: Kind;
  name: string;
  nameAr?: string | null;
  labels?: string[];
}

export interface GraphNode extends NamedRef {
  kind: Kind;
  labels: string[];
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  properties: Record<string, Json>;
}

/** A drawn node's neighbours through one relationship type, too many to draw one by one. */
export interface GraphGroup {
  id: string;
  node: string;
  type: string;
  direction: 'IN' | 'OUT';
  count: number;
  kinds: Kind[];
  from?: string | null;
  to?: string | null;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups?: GraphGroup[];
  omitted?: { type: string; grouped: number; beyondLimit: number }[];
}

/** One page of a group's members. */
export interface GroupPage {
  nodes: GraphNode[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Suggestion extends NamedRef {
  kind: Kind;
  labels: string[];
  aliases: string[];
}

export interface VisitSummary extends NamedRef {
  date?: string | null;
  /** The last day of a visit of several days. */
  endDate?: string | null;
  host?: NamedRef | null;
  city?: NamedRef | null;
  traveler?: NamedRef | null;
  tour?: (NamedRef & { visits?: VisitSummary[] }) | null;
}

export interface EntityDetails extends NamedRef {
  kind: Kind;
  labels: string[];
  aliases: string[];
  summary?: string | null;
  properties: Record<string, Json>;
  date?: string | null;
  endDate?: string | null;
  purpose?: string | null;
  traveler?: NamedRef | null;
  /** The traveler's role at the time, as the source states it. */
  travelerRole?: string | null;
  representing?: NamedRef | null;
  host?: NamedRef | null;
  city?: NamedRef | null;
  places?: NamedRef[];
  notes?: { text: string; sourceId?: string | null }[];
  participantRoles?: { person: NamedRef; role?: string | null }[];
  tour?: (NamedRef & { visits: VisitSummary[] }) | null;
  visits?: VisitSummary[];
  title?: string | null;
  publisher?: string | null;
  url?: string | null;
  publishedAt?: string | null;
}

export interface TimelineEntry {
  date: string;
  role: string;
  event: VisitSummary;
}

export interface RelationshipType {
  name: string;
  from: string;
  to: string;
  meaning: string;
  structural: boolean;
  /** Its name in English and in Arabic, as the page shows it. */
  label: string;
  labelAr: string;
}

/** An error the API answered with (or the failure to reach it), shown in the page. */
export class ApiError extends Error {
  constructor(message: string, readonly operation: string) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export async function gql<T>(operation: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      // Plain application/json: GraphQL errors then come back as 200 with `errors`, which the page
      // shows, instead of an HTTP error status that the browser would also log to the console.
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ operationName: operation, query, variables }),
    });
  } catch (err) {
    throw new ApiError(`the API could not be reached (${(err as Error).message})`, operation);
  }
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(`the API answered HTTP ${response.status} without a GraphQL body`, operation);
  }
  if (body.errors && body.errors.length > 0) {
    const messages = body.errors.map((e) => {
      const where = e.path ? ` (at ${e.path.join('.')})` : '';
      const code = e.extensions?.code ? ` [${e.extensions.code}]` : '';
      return `${e.message}${where}${code}`;
    });
    throw new ApiError(messages.join('; '), operation);
  }
  if (!response.ok || !body.data) {
    throw new ApiError(`the API answered HTTP ${response.status} with no data`, operation);
  }
  return body.data;
}

const NODE_FIELDS = 'id kind name nameAr labels';
const REF = 'id kind name nameAr';

export async function search(text: string, first = 8): Promise<Suggestion[]> {
  const data = await gql<{ search: Suggestion[] }>(
    'ExplorerSearch',
    `query ExplorerSearch($text: String!, $first: Int) {
      search(text: $text, first: $first) { ${NODE_FIELDS} aliases }
    }`,
    { text, first },
  );
  return data.search;
}

export async function neighborhood(id: string, depth: number, types: string[] | null, limit: number): Promise<Graph> {
  const data = await gql<{ neighborhood: Graph }>(
    'ExplorerNeighborhood',
    `query ExplorerNeighborhood($id: ID!, $depth: Int, $types: [String!], $limit: Int) {
      neighborhood(id: $id, depth: $depth, types: $types, limit: $limit) {
        nodes { ${NODE_FIELDS} }
        edges { id type source target properties }
        groups { id node type direction count kinds from to }
        omitted { type grouped beyondLimit }
      }
    }`,
    { id, depth, types, limit },
  );
  return data.neighborhood;
}

export async function groupPage(id: string, after: string | null, first = 20): Promise<GroupPage> {
  const data = await gql<{ neighborhoodGroup: { totalCount: number; edges: { node: GraphNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(
    'ExplorerGroup',
    `query ExplorerGroup($id: ID!, $first: Int, $after: String) {
      neighborhoodGroup(id: $id, first: $first, after: $after) {
        totalCount edges { node { ${NODE_FIELDS} } } pageInfo { hasNextPage endCursor }
      }
    }`,
    { id, first, after },
  );
  const page = data.neighborhoodGroup;
  return { nodes: page.edges.map((e) => e.node), totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor };
}

export async function path(from: string, to: string, maxHops: number): Promise<Graph> {
  const data = await gql<{ path: Graph }>(
    'ExplorerPath',
    `query ExplorerPath($from: ID!, $to: ID!, $maxHops: Int) {
      path(from: $from, to: $to, maxHops: $maxHops) {
        nodes { ${NODE_FIELDS} }
        edges { id type source target properties }
      }
    }`,
    { from, to, maxHops },
  );
  return data.path;
}

// Kept small: the server prices queries by depth (graphql-armor's cost limit).
const NAMES = 'id name nameAr';
const VISIT_SUMMARY = `id kind name nameAr labels
  ... on Visit { endDate host { ${NAMES} } city { ${NAMES} } tour { ${NAMES} } }`;

export async function entity(id: string): Promise<EntityDetails | null> {
  const data = await gql<{ entity: EntityDetails | null }>(
    'ExplorerEntity',
    `query ExplorerEntity($id: ID!) {
      entity(id: $id) {
        id kind name nameAr aliases summary labels properties
        ... on Visit {
          date endDate purpose traveler { ${REF} } travelerRole representing { ${REF} } host { ${REF} } city { ${REF} }
          places { ${REF} } notes { text sourceId }
          tour { ${REF} visits { id name nameAr date host { ${REF} } city { ${REF} } } }
        }
        ... on Meeting { date endDate participantRoles { person { ${REF} } role } }
        ... on Event { date endDate }
        ... on Agreement { date }
        ... on Statement { date }
        ... on Tour { visits { id name nameAr date host { ${REF} } city { ${REF} } } }
        ... on Source { title publisher url publishedAt }
      }
    }`,
    { id },
  );
  return data.entity;
}

/** Just the names of an entity (for sources named in provenance). */
export async function entityName(id: string): Promise<NamedRef | null> {
  const data = await gql<{ entity: NamedRef | null }>(
    'ExplorerEntityName',
    `query ExplorerEntityName($id: ID!) { entity(id: $id) { ${REF} } }`,
    { id },
  );
  return data.entity;
}

export async function timeline(id: string): Promise<TimelineEntry[]> {
  const data = await gql<{ timeline: TimelineEntry[] }>(
    'ExplorerTimeline',
    `query ExplorerTimeline($id: ID!) {
      timeline(id: $id, first: 100) { date role event { ${VISIT_SUMMARY} } }
    }`,
    { id },
  );
  return data.timeline;
}

/** Visits made by a person (`traveler`) or to a country (`host`), in date order (the first 100). */
export async function visits(filter: { traveler?: string; host?: string }): Promise<VisitSummary[]> {
  const data = await gql<{ visits: { edges: { node: VisitSummary }[] } }>(
    'ExplorerVisits',
    `query ExplorerVisits($filter: VisitFilter) {
      visits(filter: $filter, first: 100) {
        edges { node { id kind name nameAr labels date endDate host { ${NAMES} } city { ${NAMES} } tour { ${NAMES} } } }
      }
    }`,
    { filter },
  );
  return data.visits.edges.map((e) => e.node);
}

export async function relationshipTypes(): Promise<RelationshipType[]> {
  const data = await gql<{ relationshipTypes: RelationshipType[] }>(
    'ExplorerRelationshipTypes',
    `query ExplorerRelationshipTypes { relationshipTypes { name from to meaning structural label labelAr } }`,
  );
  return data.relationshipTypes;
}
