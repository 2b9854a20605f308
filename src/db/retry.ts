/**
 * Write transactions tried again after a lost race, and the one walk along an error's causes
 * that this and the API's error mask share.
 */
import { Neo4jError } from 'neo4j-driver';
import type { Db, Tx, TxOptions } from './driver.js';

/** An error and what it wraps (driver errors wrap as `originalError`, ours as `cause`), at most `depth` deep. */
export function* causes(error: unknown, depth = 5): Generator<unknown> {
  for (let e: unknown = error, i = 0; e && i < depth; i += 1) {
    yield e;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
}

const RETRIED = ['Neo.ClientError.Schema.ConstraintValidationFailed', 'Neo.TransientError.Transaction.DeadlockDetected'];

/** Only a lost race is worth another go; an unreachable database has had the driver's retries. */
function retriable(error: unknown): boolean {
  for (const e of causes(error)) if (e instanceof Neo4jError && RETRIED.includes(e.code)) return true;
  return false;
}

/** How long writeRetrying keeps trying again after lost races, all attempts together. */
export const WRITE_RETRY_BUDGET_MS = 5_000;

/**
 * One write transaction (db.write), tried again when a concurrent writer created the same new
 * entity first (constraint violation: the next attempt finds it by name) or on a deadlock,
 * within WRITE_RETRY_BUDGET_MS. Anything else (an unreachable database included: the driver
 * has already retried that within its own bounded budget) fails at once.
 */
export async function writeRetrying<T>(db: Db, work: (tx: Tx) => Promise<T>, options: TxOptions = {}, attempts = 8): Promise<T> {
  const deadline = Date.now() + WRITE_RETRY_BUDGET_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.write(work, options);
    } catch (error) {
      if (attempt >= attempts || Date.now() > deadline || !retriable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50 * attempt));
    }
  }
}
