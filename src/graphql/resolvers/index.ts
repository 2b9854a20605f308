/**
 * All resolvers written by hand, by type; the read types' own are derived from the schema
 * (schema.ts). Each root field costs one Cypher round trip (see src/graphql/read/).
 */
import type { Resolvers } from '../generated/types.js';
import { enumResolvers } from '../enums.js';
import { scalarResolvers } from '../scalars.js';
import { Entity } from './entity.js';
import { Query } from './query.js';
import { Mutation } from './mutation.js';
import { proposalEnums, proposalMutations, proposalQueries } from './proposals.js';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...enumResolvers,
  ...proposalEnums,
  Entity,
  Query: { ...Query, ...proposalQueries },
  Mutation: { ...Mutation, ...proposalMutations },
} as Resolvers;
