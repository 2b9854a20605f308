/** schema.graphql, the one source of the API, read and built once (without resolvers). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../config.js';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.graphql');

let built: GraphQLSchema | undefined;

/** The types of schema.graphql, with no resolvers attached: resolvers and input coercion start from it. */
export function typeDefinitions(): GraphQLSchema {
  built ??= buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  return built;
}
