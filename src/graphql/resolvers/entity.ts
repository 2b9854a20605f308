/** Which GraphQL type an entity node is: its event sub-label first, else its kind. */
import type { EntityResolvers } from '../generated/types.js';

const KIND_TYPE: Record<string, string> = {
  PERSON: 'Person', COUNTRY: 'Country', CITY: 'City', REGION: 'Region',
  ORGANIZATION: 'Organization', POSITION: 'Position', PLACE: 'Place', EVENT: 'Event',
  AGREEMENT: 'Agreement', TOPIC: 'Topic', STATEMENT: 'Statement', SOURCE: 'Source',
};
const EVENT_TYPES = ['Visit', 'Meeting', 'Tour'];

export function graphqlTypeOf(entity: { kind?: string | null; labels?: readonly string[] | null }): string {
  const sublabel = EVENT_TYPES.find((label) => entity.labels?.includes(label));
  return sublabel ?? KIND_TYPE[entity.kind ?? ''] ?? 'Event';
}

export const Entity: EntityResolvers = {
  // Projected maps (src/graphql/read/project.ts) carry the node's kind and labels under
  // __kind/__labels, whatever the query aliases; other objects under kind/labels.
  __resolveType: (entity) => {
    const e = entity as { __kind?: string; __labels?: string[]; kind?: string | null; labels?: string[] | null };
    return graphqlTypeOf({ kind: e.__kind ?? e.kind, labels: e.__labels ?? e.labels }) as never;
  },
};
