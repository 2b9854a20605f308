/**
 * A bound on how many of the API's transactions run in Neo4j at once; the others wait here, in
 * Node, first come first served.
 *
 * Why: Neo4j gives every open transaction a share of the CPUs. With 64 clients on 2 CPUs each
 * statement took 10 to 35 times longer than alone, so the heavier reads ran into the 10 s read
 * timeout and the clients' own timeouts although the machine did the same work in total. A few at a time
 * each finish at full speed, and a request's latency becomes its wait in the queue plus its own
 * run time. First come first served means a write waits behind as many requests as a read does;
 * at most half the slots hold writes at once, so that writes queued on one another's locks cannot
 * stop the reads.
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
  /** Of those, how many may be writes (default: half, at least one). */
  maxWrites?: number;
}

export type TurnKind = 'read' | 'write';

export interface Gate {
  /** Runs `work` once a slot is free (at once if one is); leaves the queue when `signal` aborts. */
  run<T>(work: () => Promise<T>, signal?: AbortSignal, kind?: TurnKind): Promise<T>;
  /** Transactions running now (writes among them), and requests waiting for a slot. */
  load(): { running: number; writes: number; waiting: number };
  readonly options: Readonly<Required<GateOptions>>;
}

interface Waiter {
  kind: TurnKind;
  admit(): void;
}

export function createGate(given: GateOptions): Gate {
  if (!Number.isInteger(given.maxConcurrent) || given.maxConcurrent < 1) throw new Error(`maxConcurrent must be a positive integer, got ${given.maxConcurrent}`);
  // Writes to the same entities wait for each other's locks in Neo4j, holding their slots while
  // they wait: without a share of their own, a burst of them could take every slot from the reads.
  const options = { ...given, maxWrites: Math.min(given.maxConcurrent, given.maxWrites ?? Math.max(1, Math.floor(given.maxConcurrent / 2))) };
  let running = 0;
  let writes = 0;
  // A Set keeps insertion order: iteration is first come first served, and a waiter that gives
  // up leaves in O(1).
  const queue = new Set<Waiter>();

  const admissible = (kind: TurnKind) => running < options.maxConcurrent && (kind === 'read' || writes < options.maxWrites);
  const take = (kind: TurnKind) => {
    running += 1;
    if (kind === 'write') writes += 1;
  };

  /** Gives free slots to the earliest waiters that may have one (a write only within its share). */
  function dispatch(): void {
    for (const waiter of queue) {
      if (running >= options.maxConcurrent) return;
      if (!admissible(waiter.kind)) continue;
      queue.delete(waiter);
      take(waiter.kind);
      waiter.admit();
    }
  }

  function release(kind: TurnKind): void {
    running -= 1;
    if (kind === 'write') writes -= 1;
    dispatch();
  }

  function acquire(kind: TurnKind, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new TransactionAbortedError('CANCELLED', signal.reason));
    // Straight in only when nobody who could use the slot is waiting (a waiting write beyond its
    // share does not hold a read back).
    if (admissible(kind) && ![...queue].some((w) => admissible(w.kind))) {
      take(kind);
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
        kind,
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
    options,
    load: () => ({ running, writes, waiting: queue.size }),
    async run(work, signal, kind = 'read') {
      await acquire(kind, signal);
      try {
        return await work();
      } finally {
        release(kind);
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
    write: (work, options) => gate.run(() => db.write(work, options), options?.signal, 'write'),
  };
}
