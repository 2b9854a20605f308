/** The one Neo4j driver of a process, and the read/write helpers every query goes through. */
import net from 'node:net';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { Neo4jConfig } from '../config.js';

export type Tx = ManagedTransaction;

export interface Db {
  driver: Driver;
  uri: string;
  database?: string;
  /** Runs `work` in a read transaction (routed to a reader on a cluster), with retries. */
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` in one write transaction: all of it commits, or none of it. */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Called with every Cypher statement sent (and its parameters); lets tests count round trips. */
  onQuery: Set<(cypher: string, params?: Record<string, unknown>) => void>;
  close(): Promise<void>;
}

let noDelay = false;
/**
 * Turns Nagle's algorithm off (TCP_NODELAY) on the sockets this process opens from now on. The
 * Neo4j JavaScript driver does not: a statement whose first message the server does not answer
 * at once then waits ~40 ms for a delayed ACK before the rest of it leaves the client, which
 * made every query cost ~45 ms however small. No driver option exists, hence the patch; it only
 * ever sets NODELAY, which suits this process's other sockets (HTTP) as well.
 */
export function enableTcpNoDelay(): void {
  if (noDelay) return;
  noDelay = true;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function connectWithNoDelay(this: net.Socket, ...args: unknown[]) {
    this.setNoDelay(true);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
}

export function createDriver(uri: string, config: Pick<Neo4jConfig, 'user' | 'password'>): Driver {
  enableTcpNoDelay();
  // The embedded server has auth off (loopback only) and accepts any credentials.
  const auth = neo4j.auth.basic(config.user, config.password);
  return neo4j.driver(uri, auth, {
    // Our numbers (years, shares, counts) are small: plain JS numbers are what GraphQL wants.
    disableLosslessIntegers: true,
    // Fail fast when the database is away, so the API can answer SERVICE_UNAVAILABLE.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 5_000,
    userAgent: 'diplomatic-visit-graph',
  });
}

function counted(tx: Tx, listeners: Db['onQuery']): Tx {
  if (listeners.size === 0) return tx;
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === 'run') {
        return (query: string, params?: Record<string, unknown>) => {
          for (const listener of listeners) listener(query, params);
          return target.run(query, params);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export function createDb(driver: Driver, uri: string, database?: string): Db {
  const onQuery: Db['onQuery'] = new Set();
  const sessionConfig = database ? { database } : {};
  return {
    driver,
    uri,
    database,
    onQuery,
    async read(work) {
      const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
      try {
        return await session.executeRead((tx) => work(counted(tx, onQuery)));
      } finally {
        await session.close();
      }
    },
    async write(work) {
      const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.WRITE });
      try {
        return await session.executeWrite((tx) => work(counted(tx, onQuery)));
      } finally {
        await session.close();
      }
    },
    close: () => driver.close(),
  };
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
