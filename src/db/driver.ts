/** The one Neo4j driver of a process, and the read/write helpers every query goes through. */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import neo4j, { Neo4jError, type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

/** What a unit of work may do with its transaction: run statements (a write's all commit together). */
export type Tx = Pick<ManagedTransaction, 'run'>;

/** How long one transaction may run before Neo4j ends it (reads, writes, bulk-import batches). */
export const TX_TIMEOUT_MS = { read: 10_000, write: 30_000, import: 120_000 } as const;

export interface TxOptions {
  /** Neo4j ends the transaction after this long (default: TX_TIMEOUT_MS for its mode). */
  timeoutMs?: number;
  /** Aborting it (the HTTP client went away) terminates the transaction in Neo4j. */
  signal?: AbortSignal;
  /** A write of derived data only (group summaries): not announced to `onWrite`. */
  derivedOnly?: boolean;
}

/**
 * A transaction Neo4j ended on purpose: it ran past its timeout, reached the memory limit, or
 * was terminated because its client left. A plain Error (not a Neo4jError), so that the driver
 * never runs the same expensive work again.
 */
export class TransactionAbortedError extends Error {
  constructor(
    readonly reason: 'TIMEOUT' | 'MEMORY' | 'CANCELLED',
    override readonly cause: unknown,
  ) {
    super(`transaction ${reason === 'TIMEOUT' ? 'timed out' : reason === 'MEMORY' ? 'reached the memory limit' : 'was cancelled'}`);
    this.name = 'TransactionAbortedError';
  }
}

const MEMORY_CODES = /MemoryPoolOutOfMemoryError|TransactionMemoryLimit|MemoryLimit/;
const TIMEOUT_CODES = /TransactionTimedOut/;
const TERMINATED_CODES = /Transaction\.Terminated|LockClientStopped/;

function aborted(error: unknown, signal: AbortSignal | undefined): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (MEMORY_CODES.test(error.code) || /memory.*threshold reached/i.test(error.message)) return new TransactionAbortedError('MEMORY', error);
  if (TIMEOUT_CODES.test(error.code)) return new TransactionAbortedError('TIMEOUT', error);
  if (TERMINATED_CODES.test(error.code)) return new TransactionAbortedError(signal?.aborted ? 'CANCELLED' : 'TIMEOUT', error);
  return error;
}

/** The driver's own "database unavailable" error, for when we know it is down without asking. */
export function unavailableError(reason: string): Neo4jError {
  return new Neo4jError(reason, neo4j.error.SERVICE_UNAVAILABLE, '', '');
}

export interface Db {
  driver: Driver;
  uri: string;
  database?: string;
  /** Runs `work`'s statements as auto-commit reads on one session (routed to a reader on a cluster), with retries. */
  read<T>(work: (tx: Tx) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Runs `work` in one write transaction: all of it commits, or none of it. */
  write<T>(work: (tx: Tx) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * Set by whoever supervises the database (the embedded server's supervisor): returns why the
   * database is known to be down, so that a request fails at once instead of waiting for the
   * driver's connection timeouts.
   */
  outage?: () => string | undefined;
  /** Called with every Cypher statement sent (and its parameters); lets tests count round trips. */
  onQuery: Set<(cypher: string, params?: Record<string, unknown>) => void>;
  /** Called after each write transaction commits (those with `derivedOnly` aside, whose statements `onQuery` does not hear either). */
  onWrite: Set<() => void>;
  close(): Promise<void>;
}

let tuned = false;
/**
 * Tunes the sockets this process opens from now on (the driver's Bolt connections among them):
 *
 * - TCP_NODELAY (Nagle's algorithm off). The Neo4j JavaScript driver does not set it: a statement
 *   whose first message the server does not answer at once then waited ~40 ms for a delayed ACK
 *   before the rest of it left the client, which made every query cost ~45 ms however small.
 * - One write per turn of the event loop. The driver cuts each message into 1,400-byte chunks and
 *   writes every chunk to the socket by itself; with NODELAY each became a system call and a
 *   packet (a 350 KB import statement about 250 of them; in a profile of the import those writes
 *   were an eighth of its Node time). The socket is corked at the first write of a turn and
 *   uncorked on the next tick, so what was written in that turn leaves in one writev, before any
 *   answer could have come (bench/RESULTS.md, "One write per message").
 *
 * No driver option does either, hence the patch. Both suit this process's other sockets (HTTP
 * clients) as well.
 */
export function tuneOutgoingSockets(): void {
  if (tuned) return;
  tuned = true;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function connectTuned(this: net.Socket, ...args: unknown[]) {
    this.setNoDelay(true);
    const socket = (connect as (...a: unknown[]) => net.Socket).apply(this, args);
    // After connect(), which puts the prototype's write back on the socket (so a second connect never wraps twice).
    coalesceWrites(this);
    return socket;
  } as typeof connect;
}

function coalesceWrites(socket: net.Socket): void {
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function writeCoalesced(this: net.Socket, ...args: unknown[]) {
    if (!corked) {
      corked = true;
      this.cork();
      process.nextTick(uncork);
    }
    return (write as (...a: unknown[]) => boolean).apply(this, args);
  } as typeof socket.write;
}

/** How long the driver (writes) and readAutoCommit (reads) keep retrying what the driver calls retriable. */
const RETRY_TIME_MS = 3_000;

export function createDriver(uri: string, config: Pick<Neo4jConfig, 'user' | 'password'>): Driver {
  tuneOutgoingSockets();
  const auth = neo4j.auth.basic(config.user, config.password);
  return neo4j.driver(uri, auth, {
    // Our numbers (years, shares, counts) are small: plain JS numbers are what GraphQL wants.
    disableLosslessIntegers: true,
    // Fail fast when the database is away, so the API can answer SERVICE_UNAVAILABLE within a
    // few seconds: a bounded budget for connecting and for the driver's own retries.
    connectionAcquisitionTimeout: 3_000,
    connectionTimeout: 2_000,
    maxTransactionRetryTime: RETRY_TIME_MS,
    userAgent: 'diplomatic-visit-graph',
  });
}

/**
 * A read's statements as auto-commit transactions on one session: one round trip each, where a
 * managed transaction adds BEGIN and a COMMIT that waits for its own answer (bench/RESULTS.md,
 * "Reads without BEGIN and COMMIT": the API's page of 20 visits 15-55 % more requests per
 * second). Reads need no atomicity across statements (Neo4j reads committed data either way).
 * Retried as executeRead retries: what the driver calls retriable (a connection lost, the
 * database briefly unavailable), after 1 s and then twice as long, within RETRY_TIME_MS; a
 * timeout, the memory limit or a cancellation (TransactionAbortedError) never.
 */
async function readAutoCommit<T>(session: Session, work: (tx: Tx) => Promise<T>, config: { timeout: number; metadata: Record<string, string> }): Promise<T> {
  const tx: Tx = { run: (query, params) => session.run(query, params, config) };
  const deadline = Date.now() + RETRY_TIME_MS;
  for (let delayMs = 1_000; ; delayMs *= 2) {
    try {
      return await work(tx);
    } catch (error) {
      const wait = delayMs * (0.8 + Math.random() * 0.4);
      if (!neo4j.isRetriableError(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * `tx.run` without the stack trace the driver captures for every statement: its Result makes an
 * Error and formats its stack at once (to give a later failure the caller's stack), which cost a
 * few per cent of a read's Node time. A failure keeps its message, code and cause; its stack
 * then shows no frames of ours.
 */
function runWithoutStackCapture(tx: Tx, query: string, params?: Record<string, unknown>): ReturnType<Tx['run']> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return tx.run(query, params);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function counted(tx: Tx, listeners: Db['onQuery']): Tx {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'run') {
        return (query: string, params?: Record<string, unknown>) => {
          for (const listener of listeners) listener(query, params);
          return runWithoutStackCapture(target, query, params);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Terminates the transactions tagged with `requestId` (their client has gone away). */
async function terminate(driver: Driver, database: string | undefined, requestId: string): Promise<void> {
  const session = driver.session({ ...(database ? { database } : {}), defaultAccessMode: neo4j.session.WRITE });
  try {
    const found = await session.run(
      'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.requestId = $requestId RETURN collect(transactionId) AS ids',
      { requestId },
    );
    const ids = (found.records[0]?.get('ids') ?? []) as string[];
    if (ids.length > 0) await session.run('TERMINATE TRANSACTIONS $ids', { ids });
  } catch {
    // Best effort: the transaction's own timeout ends it anyway.
  } finally {
    await session.close();
  }
}

export function createDb(driver: Driver, uri: string, database?: string): Db {
  const onQuery: Db['onQuery'] = new Set();
  const onWrite: Db['onWrite'] = new Set();
  const sessionConfig = database ? { database } : {};
  const db: Db = {
    driver,
    uri,
    database,
    onQuery,
    onWrite,
    read: (work, options) => run('read', work, options),
    write: (work, options) => run('write', work, options),
    close: () => driver.close(),
  };

  async function run<T>(mode: 'read' | 'write', work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const outage = db.outage?.();
    if (outage) throw unavailableError(outage);
    const { signal } = options;
    if (signal?.aborted) throw new TransactionAbortedError('CANCELLED', signal.reason);
    const requestId = randomUUID();
    const config = { timeout: options.timeoutMs ?? TX_TIMEOUT_MS[mode], metadata: { requestId } };
    const onAbort = () => void terminate(driver, database, requestId);
    signal?.addEventListener('abort', onAbort, { once: true });
    const session = driver.session({ ...sessionConfig, defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE });
    const guarded = async (tx: Tx) => {
      try {
        return await work(options.derivedOnly ? tx : counted(tx, onQuery));
      } catch (error) {
        throw aborted(error, signal);
      }
    };
    try {
      if (mode === 'read') return await readAutoCommit(session, guarded, config);
      const result = await session.executeWrite(guarded, config);
      if (!options.derivedOnly) for (const listener of onWrite) listener();
      return result;
    } catch (error) {
      throw aborted(error, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await session.close();
    }
  }
  return db;
}

/** Waits until the database answers, for a freshly started server. */
export async function waitForConnectivity(driver: Driver, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await driver.verifyConnectivity();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
