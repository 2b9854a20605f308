/** The executable schema: schema.graphql's types (typeDefs.ts) with the resolvers attached. */
import { addResolversToSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from './resolvers/index.js';
import { readResolvers } from './resolvers/read.js';
import { typeDefinitions } from './typeDefs.js';

export { SCHEMA_FILE } from './typeDefs.js';

export function buildSchema(): GraphQLSchema {
  const types = typeDefinitions();
  // The read types' field resolvers are derived from the types themselves.
  return addResolversToSchema({ schema: types, resolvers: { ...readResolvers(types), ...resolvers } });
}
