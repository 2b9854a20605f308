/**
 * `npm run import -- FILE [--strict] [--batch N]`: records the visits and relations of a JSON
 * array or NDJSON file (format: src/graph/importFile.ts) through the same writers as the mutations.
 * Uses NEO4J_URI if set, else the embedded Neo4j; applies the schema and, where absent, the
 * article's graph first, so that the file's names link to it. A progress bar shows on a
 * terminal; the report at the end lists what was created, enriched and left unchanged, and each
 * failed record with its line number. Exit code 1 when any record failed.
 * `--check` only reads and checks the file (no database, nothing written), listing every problem.
 * `--trusted` is for our own data files (data/articles/): they may write the visit model's
 * structural relations and state entities with authority; never give it to a file from outside.
 */
import { checkImportText, DEFAULT_BATCH_SIZE, formatCheckReport, formatReport, importText } from '../import/files.js';
import { ensureSeed } from '../import/seed.js';
import { importProgress } from './progress.js';
import { readInputFile } from './readInput.js';
import { withDatabase } from './withDatabase.js';

const USAGE = 'usage: npm run import -- FILE [--strict] [--trusted] [--batch N] | npm run import -- --check [--trusted] FILE\n';
const args = process.argv.slice(2);
const strict = args.includes('--strict');
// A trusted file (our own article data) may write structural relations; see ImportOptions.trusted.
const trusted = args.includes('--trusted');
const batchAt = args.indexOf('--batch');
const batchSize = batchAt >= 0 ? Number(args[batchAt + 1]) : DEFAULT_BATCH_SIZE;
const file = args.find((a, i) => !a.startsWith('--') && (batchAt < 0 || i !== batchAt + 1));
if (!file || !Number.isInteger(batchSize) || batchSize < 1) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const text = await readInputFile(file);

if (args.includes('--check')) {
  const checked = await checkImportText(text, { trusted });
  process.stdout.write(`${formatCheckReport(checked)}\n`);
  process.exit(checked.problems.length > 0 ? 1 : 0);
}

const report = await withDatabase(async (db) => {
  await ensureSeed(db);
  const progress = importProgress();
  try {
    return await importText(db, text, { strict, trusted, settlePeople: true, batchSize, onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
});

process.stdout.write(`${formatReport(report)}\n`);
if (report.failed.length > 0) process.exitCode = 1;
