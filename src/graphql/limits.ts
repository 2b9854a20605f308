/**
 * How the API refuses a request that goes beyond a limit: a typed error (extensions.code) whose
 * message names the limit and says what to change, never a "Syntax Error" for a well-formed query.
 *
 * - Limits on the whole request (depth, cost, aliases, tokens, directives; GraphQL Armor checks
 *   them before anything runs) give GRAPHQL_VALIDATION_FAILED with `extensions.limit`
 *   ({ name, max, found }).
 * - Other invalid queries (unknown fields, wrong types) give GRAPHQL_VALIDATION_FAILED.
 * - Arguments out of range give BAD_USER_INPUT, also when the same query is over a request limit
 *   too: the argument is what the client has to fix first.
 */
import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from './errors.js';

/**
 * Limits on what one request may ask (GraphQL Armor), checked before anything runs. README.md
 * ("Limits and errors") lists them with the ranges below; tests/limits.test.ts keeps the two equal.
 */
export const LIMITS = {
  /** Nesting of fields (introspection exempt): visits → edges → node → meetings → participants → relations → other → … */
  maxDepth: 12,
  /** Armor's cost: 2 per object field, 1 per scalar, times 1.5 per level of depth. */
  maxCost: 10_000,
  maxAliases: 30,
  /** Lexer tokens of the whole document (examples/playground.graphql uses about 400). */
  maxTokens: 3000,
  maxDirectives: 50,
} as const;

/** The most items a list argument (`types`, `kinds`) may have: the vocabularies are smaller. */
export const MAX_LIST_ARGUMENT = 100;

/** The longest text `search` takes, in characters. */
export const MAX_SEARCH_TEXT = 200;

export type RequestLimit = 'depth' | 'cost' | 'aliases' | 'tokens' | 'directives';

/** What each request limit counts and what a client can change to stay within it. */
const REQUEST_LIMITS: Record<RequestLimit, { what: string; advice: string }> = {
  depth: {
    what: 'nests fields {found} levels deep; the depth limit is {max} levels (introspection exempt)',
    advice: 'Ask for fewer nested levels, or fetch the deeper part with a second query from the ids of the first.',
  },
  cost: {
    what: 'costs {found}; the cost limit is {max} (2 per object field, 1 per scalar, ×1.5 per level of nesting, times the page size `first` of a list)',
    advice: 'Ask for smaller pages (`first`), fewer fields or fewer levels, or split it into several queries.',
  },
  aliases: {
    what: 'uses {found} aliases; the aliases limit is {max}',
    advice: 'Use fewer aliased fields, or send several queries.',
  },
  tokens: {
    what: 'is longer than the token limit of {max} tokens',
    advice: 'Send a shorter document, for example only the operation you run.',
  },
  directives: {
    what: 'uses {found} directives; the directives limit is {max}',
    advice: 'Use fewer directives.',
  },
};

/** The coded error for a request over `limit` (max allowed, found when known). */
export function limitExceeded(limit: RequestLimit, max: number, found?: number): GraphQLError {
  const { what, advice } = REQUEST_LIMITS[limit];
  const sentence = what.replace('{max}', max.toLocaleString('en-US')).replace('{found}', found === undefined ? '?' : found.toLocaleString('en-US'));
  return new GraphQLError(`This query ${sentence}. ${advice}`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: { name: limit, max, ...(found === undefined ? {} : { found }) }, http: { status: 400 } },
  });
}

/**
 * Options for one GraphQL Armor protection: instead of throwing its own "Syntax Error: …", it
 * hands the refusal to `limitExceeded`. Validation rules report it with the other validation
 * errors; the token count (checked while parsing, without a validation context) throws it.
 */
export function refusedAs(limit: RequestLimit, max: number) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, armorError: GraphQLError) => {
        const found = /found (\d+)/.exec(armorError.message)?.[1];
        const error = limitExceeded(limit, max, found === undefined ? undefined : Number(found));
        if (!context) throw error;
        context.reportError(error);
      },
    ],
  };
}

// ── argument ranges ──────────────────────────────────────────────────────────────────────────

type Range = readonly [min: number, max: number];

/**
 * The allowed range of each integer argument, by `Type.field` (`*` for a field every entity type
 * has). Resolvers check values from variables with the same table (`argumentRange`).
 */
export const ARGUMENT_RANGES: Record<string, Record<string, Range>> = {
  'Query.search': { first: [1, 100] },
  'Query.timeline': { first: [1, 100] },
  'Query.visits': { first: [0, 100] },
  'Query.neighborhood': { depth: [1, 3], limit: [1, 1000], groupOver: [1, 1000] },
  'Query.neighborhoodGroup': { first: [0, 100] },
  'Query.path': { maxHops: [1, 6] },
  '*.relations': { first: [1, 100] },
  '*.mentions': { first: [1, 1000] },
  // Lists that grow with the data: a bounded plain list, or pages of a connection.
  'Person.visits': { first: [0, 500] },
  'Person.meetings': { first: [0, 500] },
  'Person.met': { first: [0, 500] },
  'Country.visitsReceived': { first: [0, 500] },
  'Country.visitsMade': { first: [0, 500] },
  'City.visits': { first: [0, 500] },
  'Position.holders': { first: [0, 500] },
  '*.visitsConnection': { first: [0, 100] },
  '*.visitsReceivedConnection': { first: [0, 100] },
  '*.visitsMadeConnection': { first: [0, 100] },
  '*.meetingsConnection': { first: [0, 100] },
  '*.metConnection': { first: [0, 100] },
  '*.holdersConnection': { first: [0, 100] },
  '*.mentionsConnection': { first: [0, 100] },
  '*.factsConnection': { first: [0, 100] },
};

export function argumentRange(field: string, argument: string): Range {
  const [, name] = field.split('.');
  const range = ARGUMENT_RANGES[field]?.[argument] ?? ARGUMENT_RANGES[`*.${name}`]?.[argument];
  if (!range) throw new Error(`no range for ${field}(${argument})`);
  return range;
}

/** `"first" must be an integer from 1 to 100; got 500.` as BAD_USER_INPUT. */
export function outOfRange(argument: string, value: unknown, [min, max]: Range): GraphQLError {
  return badInput(`"${argument}" must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}.`, { argument, min, max });
}

/** The value of an integer argument, checked against its range in ARGUMENT_RANGES (BAD_USER_INPUT outside). */
export function intInRange(field: string, name: string, value: unknown): number {
  const range = argumentRange(field, name);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) throw outOfRange(name, value, range);
  return value;
}

/** Validation rule: integer literals outside ARGUMENT_RANGES are refused before any limit is counted. */
function argumentRangesRule(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const parent = context.getParentType();
      if (!parent || !node.arguments) return;
      const ranges = ARGUMENT_RANGES[`${parent.name}.${node.name.value}`] ?? ARGUMENT_RANGES[`*.${node.name.value}`];
      if (!ranges) return;
      for (const argument of node.arguments) {
        const range = ranges[argument.name.value];
        if (!range || argument.value.kind !== Kind.INT) continue;
        const value = Number(argument.value.value);
        if (value < range[0] || value > range[1]) {
          const error = outOfRange(argument.name.value, value, range);
          context.reportError(new GraphQLError(error.message, { nodes: argument, extensions: error.extensions }));
        }
      }
    },
  };
}

/** A validation error as clients should see it: with extensions.code (GRAPHQL_VALIDATION_FAILED unless it has one). */
function coded(error: Error): Error {
  if (!(error instanceof GraphQLError) || error.extensions?.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

/**
 * Adds the argument-range rule and gives every validation error a code. When an argument is out
 * of range, the answer holds those errors alone: a request limit the same query is over would
 * otherwise hide what the client has to fix.
 */
export function validationErrorsPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(argumentRangesRule);
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        const badInputs = result.filter((e) => e instanceof GraphQLError && e.extensions?.code === 'BAD_USER_INPUT');
        setResult((badInputs.length > 0 ? badInputs : result).map(coded));
      };
    },
  };
}
