/** All resolvers, by type. Each root field costs one Cypher round trip (see src/graphql/read/). */
import type { Resolvers } from '../generated/types.js';
import { scalarResolvers } from '../scalars.js';
import { Entity } from './entity.js';
import { Query } from './query.js';
import { readResolvers } from './read.js';
import { Mutation } from './mutation.js';
import { proposalEnums, proposalMutations, proposalQueries } from './proposals.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...readResolvers,
  Certainty: { STATED: 'stated', ATTRIBUTED: 'attributed', EXTERNAL: 'external' },
  ...proposalEnums,
  Entity,
  Query: { ...Query, ...proposalQueries },
  Mutation: { ...Mutation, ...proposalMutations },
} as Resolvers;
