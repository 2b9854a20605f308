/** The GraphQL endpoint: schema, GraphiQL, error masking, limits and the request context. */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Db } from '../db/driver.js';
import type { Logger } from '../log.js';
import type { GraphQLContext } from './context.js';
import { createMaskError } from './errors.js';
import { buildSchema } from './schema.js';

export interface YogaOptions {
  db: Db;
  log: Logger;
  apiKey: string;
}

function bearer(request: Request): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

export function createGraphQLServer({ db, log, apiKey }: YogaOptions): YogaServerInstance<Record<string, unknown>, GraphQLContext> {
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    // GraphiQL stays on in production too: the playground is part of the product.
    graphiql: { title: 'Diplomatic visit graph' },
    landingPage: false,
    maskedErrors: { maskError: createMaskError(log) },
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      error: (...args) => log.error(args.map(String).join(' ')),
    },
    context: ({ request }) => ({ db, log, authorized: bearer(request) === apiKey }),
  });
}
