/**
 * `npx tsx bench/hsg/import.ts FILE`: what `npm run import -- FILE` does (the article's graph if
 * absent, the file, then the settle step), printing each join the settle step makes with its rule
 * and the span of the merged node's mentions, so that they can be read by hand. Writes the same graph.
 */
import { readFileSync } from 'node:fs';
import { withDatabase } from '../../src/cli/withDatabase.js';
import { DEFAULT_BATCH_SIZE, formatReport, importText } from '../../src/import/files.js';
import { ensureSeed } from '../../src/import/seed.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: tsx bench/hsg/import.ts FILE\n');
  process.exit(2);
}
const span = (first: string | null, last: string | null) => (first ? `${first.slice(0, 4)}–${(last ?? first).slice(0, 4)}` : 'undated');
const started = Date.now();
const report = await withDatabase(async (db) => {
  await ensureSeed(db);
  return importText(db, readFileSync(file, 'utf8'), {
    settlePeople: true, batchSize: DEFAULT_BATCH_SIZE,
    onSettle: (j) => console.log(`settle [${j.rule}] ${j.mergeName} (${j.merge}, ${span(j.mergeFirst, j.mergeLast)}) -> ${j.keepName} (${j.keep})`),
  });
});
console.log(formatReport(report));
console.log(`import took ${((Date.now() - started) / 1000).toFixed(0)} s`);
