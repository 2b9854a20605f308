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
  const { dense, listedUpTo, key } = refreshSettings(options);
  const marks = writeMarks.get(db.onWrite);
  const announcedBefore = marks?.announced ?? 0;
  const counted = await db.write(async (tx) => {
    const params = { dense: neo4j.int(dense), listedUpTo: neo4j.int(listedUpTo), all: options.all ?? false, types: null };
    const result = await tx.run(cypher('write/refresh-group-summaries'), params);
    return Number(result.records[0]?.get('summarised') ?? 0);
  }, { timeoutMs: TX_TIMEOUT_MS.import, derivedOnly: true });
  if (marks) marks.summarised.set(key, Math.max(marks.summarised.get(key) ?? -1, announcedBefore));
  return counted;
}

/** A refresh's threshold and list size, defaults applied, and the key its marks are kept under. */
function refreshSettings(options: { dense?: number; listedUpTo?: number }): { dense: number; listedUpTo: number; key: string } {
  const dense = options.dense ?? DENSE_DEGREE;
  const listedUpTo = options.listedUpTo ?? LISTED_BUCKET_SIZE;
  return { dense, listedUpTo, key: `${dense}/${listedUpTo}` };
}

/**
 * Per database a keeper follows: the writes announced so far, and for each setting of the
 * refresh, how many of them had been announced when the last refresh that finished began. A
 * refresh that began after the last write (an import's own, at its end) leaves the keeper
 * nothing to do: each refresh reads every node's degree, a second or so at 100,000 visits.
 */
interface WriteMarks {
  announced: number;
  summarised: Map<string, number>;
}

// Keyed by the listeners' set, which the request-scoped copies of a Db share with it.
const writeMarks = new WeakMap<Db['onWrite'], WriteMarks>();

function followWrites(db: Db): WriteMarks {
  let marks = writeMarks.get(db.onWrite);
  if (!marks) {
    const created: WriteMarks = { announced: 0, summarised: new Map() };
    db.onWrite.add(() => {
      created.announced += 1;
    });
    writeMarks.set(db.onWrite, created);
    marks = created;
  }
  return marks;
}

export interface SummaryKeeper {
  /** Resolves once no refresh is due or running (the writes so far are summarised). */
  settled(): Promise<void>;
  /** How many refreshes this keeper has started (those found already done by another not counted). */
  readonly refreshes: number;
  stop(): void;
}

/**
 * Refreshes the summaries `delayMs` after the last of a burst of writes, one refresh at a time;
 * writes during a refresh call for another after it. A failed refresh is reported and left to
 * the next write: a stale summary is never read for counts (see the module comment).
 */
export function keepGroupSummaries(db: Db, options: { delayMs?: number; dense?: number; onError?: (error: unknown) => void } = {}): SummaryKeeper {
  const delayMs = options.delayMs ?? 5_000;
  const marks = followWrites(db);
  const { key } = refreshSettings({ dense: options.dense });
  let refreshes = 0;
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
    if ((marks.summarised.get(key) ?? -1) >= marks.announced) return;
    refreshes += 1;
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
    get refreshes() {
      return refreshes;
    },
    stop() {
      stopped = true;
      db.onWrite.delete(onWrite);
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
