/** Which GraphQL type an entity node is: the most specific type the ontology gives it. */
import { entityTypeOf } from '../../graph/ontology.js';
import type { EntityResolvers } from '../generated/types.js';

export const Entity: EntityResolvers = {
  // Projected maps (src/graphql/read/project.ts) carry the node's kind and labels under
  // __kind/__labels, whatever the query aliases; other objects under kind/labels.
  __resolveType: (entity) => {
    const e = entity as { __kind?: string; __labels?: string[]; kind?: string | null; labels?: string[] | null };
    return entityTypeOf({ kind: e.__kind ?? e.kind, labels: e.__labels ?? e.labels });
  },
};
