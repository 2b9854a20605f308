import type { QueryResolvers } from '../generated/types.js';

export const Query: QueryResolvers = {};
