/**
 * `npm run import:hsg [-- DIR]`: loads the Office of the Historian's records of US diplomatic
 * travel (data/hsg/, or a checkout of the same repositories given as DIR) through the importer,
 * with a progress bar and the importer's report. Running it again changes nothing.
 */
import cliProgress from 'cli-progress';
import { formatHsgReport, HSG_DIR, importHsg } from '../connectors/hsg/load.js';
import { formatReport } from '../graph/import.js';
import { ensureSeed } from '../graph/seed/load.js';
import { withDatabase } from './withDatabase.js';

const dir = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? HSG_DIR;

const report = await withDatabase(async (db) => {
  // The article first, so that the records' names link to the nodes it has.
  await ensureSeed(db);
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: 'importing [{bar}] {percentage}% | {value}/{total} records | {duration}s', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  try {
    return await importHsg(db, dir, {
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
});

process.stdout.write(`${formatHsgReport(report)}\n${formatReport(report.import)}\n`);
if (report.import.failed.length > 0) process.exitCode = 1;
