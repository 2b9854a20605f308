/**
 * A bound on how many of the API's transactions run in Neo4j at once; the others wait here, in
 * Node, first come first served.
 *
 * Why: Neo4j gives every open transaction a share of the CPUs. With 64 clients on 2 CPUs each
 * statement took 10 to 35 times longer than alone, so the heavier reads ran into the 10 s read
 * timeout and the clients' own timeouts although the machine did the same work in total. A few at a time
 * each finish at full speed, and a request's latency becomes its wait in the queue plus its own
 * run time. First come first served means a write waits behind as many requests as a read does.
 */
import { TransactionAbortedError, type Db } from './driver.js';

/** A request waited longer than the gate's budget for a free slot: the service is saturated. */
export class DatabaseBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`no database slot became free within ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

export interface GateOptions {
  /** Transactions that may run at once. */
  maxConcurrent: number;
  /** How long a request may wait for a slot before it gets DatabaseBusyError. */
  maxWaitMs: number;
}

export interface Gate {
  /** Runs `work` once a slot is free (at once if one is); leaves the queue when `signal` aborts. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Transactions running now, and requests waiting for a slot. */
  load(): { running: number; waiting: number };
  readonly options: Readonly<GateOptions>;
}

interface Waiter {
  admit(): void;
}

export function createGate(options: GateOptions): Gate {
  if (!Number.isInteger(options.maxConcurrent) || options.maxConcurrent < 1) throw new Error(`maxConcurrent must be a positive integer, got ${options.maxConcurrent}`);
  let running = 0;
  // A Set keeps insertion order: iteration is FIFO, and a waiter that gives up leaves in O(1).
  const queue = new Set<Waiter>();

  function release(): void {
    const next = queue.values().next();
    if (next.done) {
      running -= 1;
      return;
    }
    // The slot passes straight to the next waiter, so a newcomer cannot take it first.
    queue.delete(next.value);
    next.value.admit();
  }

  function acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new TransactionAbortedError('CANCELLED', signal.reason));
    if (running < options.maxConcurrent && queue.size === 0) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const leave = (error: Error) => {
        queue.delete(waiter);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      };
      const onAbort = () => leave(new TransactionAbortedError('CANCELLED', signal?.reason));
      const timer = setTimeout(() => leave(new DatabaseBusyError(Date.now() - started)), options.maxWaitMs);
      const waiter: Waiter = {
        admit() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.add(waiter);
    });
  }

  return {
    options: { ...options },
    load: () => ({ running, waiting: queue.size }),
    async run(work, signal) {
      await acquire(signal);
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

/**
 * `db` with every read and write taking its turn through `gate`. A read's signal (its client
 * went away) takes it out of the queue as well as stopping it in Neo4j.
 */
export function throughGate(db: Db, gate: Gate): Db {
  return {
    ...db,
    read: (work, options) => gate.run(() => db.read(work, options), options?.signal),
    write: (work, options) => gate.run(() => db.write(work, options), options?.signal),
  };
}
