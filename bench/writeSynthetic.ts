/** Writing a synthetic graph (bench/synthetic.ts) through the domain writers, as the benchmarks and the explorer's scale test load it. */
import { TX_TIMEOUT_MS, type Db } from '../src/db/driver.js';
import { refreshGroupSummaries } from '../src/graph/groupSummaries.js';
import { upsertEntities } from '../src/graph/writeEntities.js';
import { writeRelations } from '../src/graph/writeRelations.js';
import { writeVisits } from '../src/graph/writeVisits.js';
import type { SyntheticGraph } from './synthetic.js';

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Entities, then relations, then visits in batches of 250, each batch one transaction with the
 * bulk import's timeout (on a shared, loaded machine a batch may take longer than a request's
 * write). `onVisits` hears how many visits are written so far, after each batch.
 */
export async function writeSyntheticGraph(db: Db, graph: SyntheticGraph, onVisits?: (written: number) => void): Promise<void> {
  const bulk = { timeoutMs: TX_TIMEOUT_MS.import };
  for (const batch of chunks(graph.entities, 2000)) await db.write((tx) => upsertEntities(tx, batch, 'replace'), bulk);
  for (const batch of chunks(graph.relations, 1000)) await db.write((tx) => writeRelations(tx, batch, { allowStructural: true }), bulk);
  let written = 0;
  for (const batch of chunks(graph.visits, 250)) {
    await db.write((tx) => writeVisits(tx, batch), bulk);
    written += batch.length;
    onVisits?.(written);
  }
  // As an import ends: the dense nodes' group summaries.
  await refreshGroupSummaries(db);
}
