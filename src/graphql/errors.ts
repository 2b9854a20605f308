/** The typed errors clients see (extensions.code), and what internal errors become. */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { TransactionAbortedError } from '../db/driver.js';
import { DatabaseBusyError } from '../db/gate.js';
import { causes } from '../db/retry.js';
import { DomainError } from '../graph/errors.js';
import type { Logger } from '../log.js';

export function badInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Writes need the header "Authorization: Bearer <API_KEY>".', {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
  });
}

/** Seconds a client is asked to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export function serviceUnavailable(): GraphQLError {
  return new GraphQLError('The graph database is unavailable right now; try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } } },
  });
}

/** Seconds a client is asked to wait when every turn at the database was taken for too long. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** The request waited its whole budget for a turn at the database (src/db/gate.ts). */
export function serviceBusy(): GraphQLError {
  return new GraphQLError('The service is too busy to answer right now; try again shortly.', {
    extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'BUSY', http: { status: 503, headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) } } },
  });
}

/** What a query that Neo4j had to stop (too long, too much memory, client gone) becomes. */
export function queryTooExpensive(reason: TransactionAbortedError['reason']): GraphQLError {
  const why = reason === 'MEMORY' ? 'needed more memory than one query may use' : reason === 'TIMEOUT' ? 'ran longer than a query may run' : 'was cancelled';
  return new GraphQLError(`The query ${why}; ask for fewer or shallower lists.`, {
    extensions: { code: 'QUERY_TOO_EXPENSIVE', reason },
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** True for the driver's "cannot reach the database" failures, however they are wrapped. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    if (e instanceof Neo4jError && (UNAVAILABLE_CODES.has(e.code) || /acquisition timed out|connect ECONNREFUSED/i.test(e.message))) return true;
  }
  return false;
}

/**
 * Yoga's error mask: typed errors pass through; database outages become SERVICE_UNAVAILABLE;
 * anything else is logged with its cause and reaches the client as a plain internal error.
 */
export function createMaskError(log: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof GraphQLError && original.extensions?.code) {
      // The client's mistake, not ours: worth a line at info, never an error.
      if (original.extensions.code === 'BAD_USER_INPUT') log.info({ code: 'BAD_USER_INPUT', message: original.message }, 'refused input');
      return error as Error;
    }
    if (error instanceof GraphQLError && !error.originalError) return error; // validation/parse errors
    if (original instanceof DomainError) {
      log.info({ code: 'BAD_USER_INPUT', reason: original.reason, message: original.message }, 'refused input');
      // Input the domain refuses (ambiguous or unknown reference, invalid date, type outside the
      // vocabulary): the client's to fix. extensions.reason says which; details such as the
      // candidates of an ambiguous reference or the allowed relationship types come along.
      return new GraphQLError(original.message, {
        nodes: (error as GraphQLError).nodes,
        path: (error as GraphQLError).path,
        extensions: { code: 'BAD_USER_INPUT', reason: original.reason, ...original.details },
      });
    }
    if (original instanceof TransactionAbortedError) {
      // A client that went away stopped its own query: routine (a load test's end alone makes
      // dozens), so a line at info; a timeout or the memory limit is worth a warning.
      if (original.reason === 'CANCELLED') log.info({ reason: original.reason }, 'query stopped: its client went away');
      else log.warn({ reason: original.reason, cause: (original.cause as Error)?.message }, 'query stopped by the database');
      const stopped = queryTooExpensive(original.reason);
      return new GraphQLError(stopped.message, {
        nodes: (error as GraphQLError).nodes,
        path: (error as GraphQLError).path,
        extensions: stopped.extensions,
      });
    }
    if (original instanceof DatabaseBusyError) {
      log.warn({ waitedMs: original.waitedMs }, 'no database turn within the wait budget');
      const busy = serviceBusy();
      return new GraphQLError(busy.message, { nodes: (error as GraphQLError).nodes, path: (error as GraphQLError).path, extensions: busy.extensions });
    }
    if (isDatabaseUnavailable(original)) {
      log.warn({ err: original }, 'database unavailable');
      const unavailable = serviceUnavailable();
      return new GraphQLError(unavailable.message, {
        nodes: (error as GraphQLError).nodes,
        path: (error as GraphQLError).path,
        extensions: unavailable.extensions,
      });
    }
    log.error({ err: original }, 'internal error');
    return new GraphQLError(message, {
      nodes: (error as GraphQLError).nodes,
      path: (error as GraphQLError).path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  };
}
