/**
 * `npm run import:hsg [-- DIR]`: loads the Office of the Historian's records of US diplomatic
 * travel (data/hsg/, or a checkout of the same repositories given as DIR) through the importer,
 * with a progress bar and the importer's report. Running it again changes nothing.
 */
import { formatHsgReport, HSG_DIR, importHsg } from '../connectors/hsg/load.js';
import { formatReport } from '../import/files.js';
import { ensureSeed } from '../import/seed.js';
import { importProgress } from './progress.js';
import { withDatabase } from './withDatabase.js';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? HSG_DIR;

const report = await withDatabase(async (db) => {
  // The article first, so that the records' names link to the nodes it has.
  await ensureSeed(db);
  const progress = importProgress();
  try {
    return await importHsg(db, dir, { onProgress: progress.onProgress });
  } finally {
    progress.stop();
  }
});

process.stdout.write(`${formatHsgReport(report)}\n${formatReport(report.import)}\n`);
if (report.import.failed.length > 0) process.exitCode = 1;
