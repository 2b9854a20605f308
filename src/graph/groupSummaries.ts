/**
 * Group summaries: a dense node's relationships counted in buckets (type, direction: how many
 * neighbours, their kinds, their first and last dates), stored in a GroupSummary beside the node
 * with the degree they were counted at. Query.neighborhood reads a summary instead of walking
 * the node's relationships while the node's degree is that degree (Neo4j keeps degrees, so the
 * check costs nothing), and walks them as before otherwise: a count is never stale. The refresh
 * follows every write within seconds (keepGroupSummaries) and ends every import; it recounts a
 * node whose degree moved. A group's dates or kinds can therefore lag when a neighbour's own date
 * or kind is edited without a relationship of the node being added or removed, until the node's
 * degree next moves or `refreshGroupSummaries(db, { all: true })` runs (`npm run summaries`).
 */
import neo4j from 'neo4j-driver';
import { cypher } from '../db/cypher.js';
import { TX_TIMEOUT_MS, type Db } from '../db/driver.js';

/** Nodes with more relationships than this are summarised; walking fewer costs less than a summary's upkeep. */
export const DENSE_DEGREE = 1000;

/**
 * A summary lists the edges of its buckets of at most this many neighbours (schema.graphql's
 * default `groupOver`): the ones a default neighbourhood draws one by one, read by id rather than
 * found by walking the node's thousands.
 */
export const LISTED_BUCKET_SIZE = 25;

/**
 * Summarises the dense nodes that have no summary or whose degree moved since (every dense node
 * with `all`), and drops summaries of nodes gone or no longer dense; returns how many it counted.
 */
export async function refreshGroupSummaries(db: Db, options: { all?: boolean; dense?: number; listedUpTo?: number } = {}): Promise<number> {
  return db.write(async (tx) => {
    const params = { dense: neo4j.int(options.dense ?? DENSE_DEGREE), listedUpTo: neo4j.int(options.listedUpTo ?? LISTED_BUCKET_SIZE), all: options.all ?? false, types: null };
    const result = await tx.run(cypher('write/refresh-group-summaries'), params);
    return Number(result.records[0]?.get('summarised') ?? 0);
  }, { timeoutMs: TX_TIMEOUT_MS.import, derivedOnly: true });
}

export interface SummaryKeeper {
  /** Resolves once no refresh is due or running (the writes so far are summarised). */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * Refreshes the summaries `delayMs` after the last of a burst of writes, one refresh at a time;
 * writes during a refresh call for another after it. A failed refresh is reported and left to
 * the next write: a stale summary is never read for counts (see the module comment).
 */
export function keepGroupSummaries(db: Db, options: { delayMs?: number; dense?: number; onError?: (error: unknown) => void } = {}): SummaryKeeper {
  const delayMs = options.delayMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let due = false;
  let stopped = false;

  const start = () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      due = true;
      return;
    }
    due = false;
    running = refreshGroupSummaries(db, { dense: options.dense })
      .then(() => undefined, (error: unknown) => options.onError?.(error))
      .finally(() => {
        running = undefined;
        if (due && !stopped) schedule();
      });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(start, delayMs);
    timer.unref();
  };
  const onWrite = () => {
    if (!stopped) schedule();
  };
  db.onWrite.add(onWrite);

  return {
    async settled() {
      while (timer || running || due) {
        if (timer) {
          clearTimeout(timer);
          start();
        }
        await running;
      }
    },
    stop() {
      stopped = true;
      db.onWrite.delete(onWrite);
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
