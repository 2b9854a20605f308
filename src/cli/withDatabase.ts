/** What every command-line tool does around its work: the configured database, schema applied. */
import { loadConfig, logLevel } from '../config.js';
import { openDatabase, type OpenDatabase } from '../db/database.js';
import { StartupProblem } from '../db/startupProblems.js';
import type { Db } from '../db/driver.js';
import { applyMigrations } from '../db/migrations.js';
import { applyRepairs } from '../graph/repairs.js';
import { createLogger, type Logger } from '../log.js';

export async function withDatabase<T>(work: (db: Db, log: Logger) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(logLevel(process.env, 'warn'), config.logFormat);
  let database: OpenDatabase;
  try {
    // A running `npm start` leaves its Neo4j's address in the data folder: use that database.
    database = await openDatabase(config, log, { attach: true });
  } catch (err) {
    if (!(err instanceof StartupProblem)) throw err;
    log.debug({ detail: err.detail }, 'start-up problem details');
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  if (database.attached) process.stderr.write(`Using the database of the service running on ${config.localDataDir} (${database.db.uri}).\n`);
  const stop = () => {
    database.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await applyMigrations(database.db);
    await applyRepairs(database.db);
    return await work(database.db, log);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await database.close();
  }
}

export async function graphCounts(db: Db): Promise<{ nodes: number; relationships: number }> {
  return db.read(async (tx) => {
    const result = await tx.run('CALL () { MATCH (n) WHERE NOT n:GroupSummary RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships');
    return result.records[0]!.toObject() as { nodes: number; relationships: number };
  });
}
