/** Start-up in order: database, migrations, the article's graph, the HTTP server. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { openDatabase, type OpenDatabase } from './db/database.js';
import { createGate } from './db/gate.js';
import { applyMigrations } from './db/migrations.js';
import type { RestartPolicy } from './db/supervisor.js';
import { applyRepairs } from './graph/repairs.js';
import { ensureSeed } from './import/seed.js';
import { startDatasetLoads } from './datasets.js';
import type { Logger } from './log.js';
import type { Statement } from './graphql/read/queries.js';
import { warmUpReads, warmUpWrites } from './warmUp.js';

export interface RunningService {
  url: string;
  server: http.Server;
  database: OpenDatabase;
  /** The explorer's first statements, planned in the background at start (see warmUpReads); [] if that failed. */
  readsWarmed: Promise<Statement[]>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** How the embedded Neo4j is restarted when it dies (defaults: DEFAULT_RESTART_POLICY). */
  restartPolicy?: RestartPolicy;
}

export async function startService(config: Config, log: Logger, options: ServiceOptions = {}): Promise<RunningService> {
  let warmReadsWhenBack = () => {};
  const database = await openDatabase(config, log, {
    advertise: true,
    restartPolicy: options.restartPolicy,
    // After a restart the writes are warmed before requests are let through again; the reads in the background once they are.
    warmUp: async (driver) => {
      await warmUpWrites(driver, config.neo4j.database);
      warmReadsWhenBack();
    },
  });
  warmReadsWhenBack = () => void database.local?.whenRunning().then(() => warmReads(database, log, 'after a restart'), () => {});
  try {
    const migrations = await applyMigrations(database.db);
    log.info(migrations, 'schema migrations applied');
    log.info(await applyRepairs(database.db), 'stored data brought up to date');
    if (config.seedOnStart && config.seedDatasets.includes('article')) log.info(await ensureSeed(database.db), 'article graph');
  } catch (err) {
    await database.close();
    throw err;
  }

  // The larger datasets load in the background: the service answers reads meanwhile.
  const loads = startDatasetLoads(database.db, log, config.seedOnStart ? config.seedDatasets : []);
  const server = createApp({ db: database.db, log, apiKey: config.apiKey, health: database.health, corsOrigins: config.corsOrigins, loading: loads.state, gate: createGate(config.databaseGate) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  const readsWarmed = warmReadsInBackground(database, log, loads.settled);

  let stopping: Promise<void> | undefined;
  return {
    url,
    server,
    database,
    readsWarmed,
    stop() {
      stopping ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await database.close();
      })();
      return stopping;
    },
  };
}

/**
 * The explorer's first statements, planned while nobody waits: at start, and again once the
 * datasets of a first start have loaded (Neo4j plans a statement again when the data it was
 * planned for has grown that much), as after each restart of the embedded Neo4j.
 */
async function warmReadsInBackground(database: OpenDatabase, log: Logger, loadsSettled: () => Promise<{ hsg?: unknown }>): Promise<Statement[]> {
  const statements = await warmReads(database, log, 'at start');
  if ((await loadsSettled()).hsg) await warmReads(database, log, 'after the datasets loaded');
  return statements;
}

/** The explorer's first statements planned once (warmUpReads), logged; a failure costs only the first user's wait: logged, not thrown. */
async function warmReads(database: OpenDatabase, log: Logger, when: string): Promise<Statement[]> {
  const started = performance.now();
  try {
    const statements = await warmUpReads(database.db);
    log.info({ ms: Math.round(performance.now() - started), statements: statements.length, when }, 'read plans warmed');
    return statements;
  } catch (err) {
    log.warn({ err, when }, 'read plans not warmed: the first neighbourhood will be planned when asked');
    return [];
  }
}
