/**
 * `npm run summaries`: counts every dense node's groups again (Query.neighborhood reads them).
 * The service and imports keep them by themselves; this is for after edits that change a
 * neighbour's dates without adding or removing a relationship (src/graph/groupSummaries.ts).
 */
import { DENSE_DEGREE, refreshGroupSummaries } from '../graph/groupSummaries.js';
import { withDatabase } from './withDatabase.js';

await withDatabase(async (db) => {
  const started = performance.now();
  const counted = await refreshGroupSummaries(db, { all: true });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Counted the groups of ${counted} node(s) with more than ${DENSE_DEGREE} relationships in ${seconds} s.\n`);
});
