/**
 * `npm run bench -- import:hsg [--runs N]`: loads the whole shipped Office of the Historian data
 * (data/hsg/) with the article's graph into an empty database, once the JVM is up, and prints the
 * time. `--runs 2` empties the database and loads again on the same server (warm). Uses
 * NEO4J_URI if set (and EMPTIES that database), else its own embedded Neo4j.
 */
import os from 'node:os';
import { formatHsgReport, importHsg } from '../src/connectors/hsg/load.js';
import type { Db } from '../src/db/driver.js';
import { emptyGraph } from '../src/db/emptyGraph.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { openBenchDatabase } from './database.js';

async function empty(db: Db): Promise<void> {
  await emptyGraph(db);
}

export async function main(args: string[]): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
  const bench = await openBenchDatabase();
  try {
    await applyMigrations(bench.db);
    for (let run = 1; run <= runs; run += 1) {
      await empty(bench.db);
      await loadSeed(bench.db);
      const started = performance.now();
      const report = await importHsg(bench.db);
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(`${run === 1 ? 'cold' : 'warm'} run ${run}: ${seconds.toFixed(1)} s, ${report.import.failed.length} failed; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n${formatHsgReport(report)}\n`);
    }
  } finally {
    await bench.close();
  }
}
