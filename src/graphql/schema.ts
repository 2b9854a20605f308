/** schema.graphql is the one source of the API; resolvers are attached to it here. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../config.js';
import { resolvers } from './resolvers/index.js';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.graphql');

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: readFileSync(SCHEMA_FILE, 'utf8'), resolvers: resolvers as never });
}
