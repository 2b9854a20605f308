import type { MutationResolvers } from '../generated/types.js';

export const Mutation: MutationResolvers = {};
