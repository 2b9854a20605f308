/** The GraphQL endpoint: schema, GraphiQL, error masking, limits and the request context. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from 'graphql-yoga';
import { PROJECT_ROOT, databaseGateConfig } from '../config.js';
import { corsFor, hashingInlineScripts, useCsrfPrevention, useVariableListCap } from '../http/edge.js';
import type { Db } from '../db/driver.js';
import { createGate, throughGate, type Gate } from '../db/gate.js';
import type { Logger } from '../log.js';
import type { GraphQLContext } from './context.js';
import { useBodySizeLimit } from './bodyLimit.js';
import { useProjectedCompletion } from './completeProjected.js';
import { useListCost } from './cost.js';
import { createMaskError } from './errors.js';
import { LIMITS, validationErrorsPlugin, refusedAs } from './limits.js';
import { buildSchema } from './schema.js';

export interface YogaOptions {
  db: Db;
  log: Logger;
  apiKey: string;
  /** Origins other than the service's own that may call the API from a browser (CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  /** The API's turns at the database (default: a gate of DB_MAX_CONCURRENT and DB_QUEUE_WAIT_MS). */
  gate?: Gate;
}

/** Shorter keys are refused at start: they can be guessed. */
export const MIN_API_KEY_LENGTH = 16;

/** Compares the given key with the API key in constant time (digests of equal length). */
function keyMatches(given: string | undefined, apiKey: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(apiKey));
}

/** The database as one request sees it: its reads stop in Neo4j when the client goes away. */
function cancelledWith(db: Db, signal: AbortSignal): Db {
  return { ...db, read: (work, options) => db.read(work, { signal, ...options }) };
}

function bearer(request: Request): string | undefined {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

export const EXAMPLES_FILE = path.join(PROJECT_ROOT, 'examples', 'playground.graphql');

/** GraphQL Armor's protections, with the limits of LIMITS (src/graphql/limits.ts). */
function armorPlugins() {
  const armor = new EnvelopArmor({
    // refusedAs: each refusal is a coded error naming the limit (src/graphql/limits.ts).
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...refusedAs('depth', LIMITS.maxDepth) },
    costLimit: { maxCost: LIMITS.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true, ...refusedAs('cost', LIMITS.maxCost) },
    maxAliases: { n: LIMITS.maxAliases, ...refusedAs('aliases', LIMITS.maxAliases) },
    maxTokens: { n: LIMITS.maxTokens, ...refusedAs('tokens', LIMITS.maxTokens) },
    maxDirectives: { n: LIMITS.maxDirectives, ...refusedAs('directives', LIMITS.maxDirectives) },
    blockFieldSuggestion: { enabled: true },
  });
  return [...armor.protect().plugins, validationErrorsPlugin()];
}

export function createGraphQLServer({ db, log, apiKey, corsOrigins = [], gate = createGate(databaseGateConfig()) }: YogaOptions): YogaServerInstance<Record<string, unknown>, GraphQLContext> {
  if (apiKey.length < MIN_API_KEY_LENGTH) throw new Error(`the API key must have at least ${MIN_API_KEY_LENGTH} characters`);
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema: buildSchema(),
    graphqlEndpoint: '/graphql',
    // GraphiQL stays on in production too: the playground is part of the product. Its assets are
    // served from this process (@graphql-yoga/render-graphiql), not a CDN; its first tab holds
    // the ready-made queries of examples/playground.graphql.
    graphiql: () => {
      const examples = readFileSync(EXAMPLES_FILE, 'utf8');
      // Yoga's GraphiQL page puts `query` (untyped in GraphiQLOptions) into the editor, else
      // its own welcome text: defaultQuery and defaultTabs only reach the stored tab state.
      const options: GraphiQLOptions & { query: string } = { title: 'Diplomatic visit graph', defaultQuery: examples, defaultTabs: [{ query: examples }], query: examples };
      return options;
    },
    renderGraphiQL: hashingInlineScripts(renderGraphiQL),
    // Same origin by default; CORS_ORIGINS lists others, which never get credentials.
    cors: corsFor(corsOrigins),
    plugins: [useCsrfPrevention(), useVariableListCap(), ...armorPlugins(), useListCost(), useBodySizeLimit(), useProjectedCompletion()],
    // useBodySizeLimit does the same check without a counting stream on every request.
    maxRequestBodySize: false,
    landingPage: false,
    maskedErrors: { maskError: createMaskError(log) },
    logging: {
      debug: (...args) => log.debug(args.map(String).join(' ')),
      info: (...args) => log.info(args.map(String).join(' ')),
      warn: (...args) => log.warn(args.map(String).join(' ')),
      // An error of a GraphQL operation was already logged once, by the error mask, with its cause.
      error: (...args) => {
        const text = args.map(String).join(' ');
        if (/GraphQL request:\d+:\d+/.test(text)) log.debug(text);
        else log.error(text);
      },
    },
    // One gate for all requests: a few transactions run at full speed, the rest wait their turn.
    context: ({ request }) => ({ db: throughGate(cancelledWith(db, request.signal), gate), log, authorized: keyMatches(bearer(request), apiKey) }),
  });
}
