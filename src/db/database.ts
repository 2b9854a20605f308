/**
 * One way to a database: the external Neo4j that NEO4J_URI names, or else the embedded one
 * this project starts itself, under a supervisor that restarts it when it dies.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createDb, createDriver, waitForConnectivity, type Db } from './driver.js';
import { localPassword } from './localNeo4j.js';
import { readServiceAddress, removeServiceAddress, writeServiceAddress } from './serviceAddress.js';
import { StartupProblem } from './startupProblems.js';
import { superviseLocalNeo4j, type DatabaseHealth, type RestartPolicy, type SupervisedNeo4j, type WarmUp } from './supervisor.js';

export interface OpenDatabase {
  db: Db;
  /** The embedded server and its supervisor, when this process started one. */
  local?: SupervisedNeo4j;
  /** True when this process uses the embedded Neo4j of a running service. */
  attached: boolean;
  /** What the supervisor knows (always "running" for an external Neo4j: the driver finds out). */
  health(): DatabaseHealth;
  /** Closes the driver, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The service: leave the embedded Neo4j's address in the data folder while it runs. */
  advertise?: boolean;
  /** A command-line tool: use a running service's embedded Neo4j rather than start one. */
  attach?: boolean;
  /** How the embedded Neo4j is restarted when it dies (defaults: DEFAULT_RESTART_POLICY). */
  restartPolicy?: RestartPolicy;
  /** Run against the embedded Neo4j after each restart, before requests are let through again. */
  warmUp?: WarmUp;
}

export async function openDatabase(config: Config, log: Logger, options: OpenOptions = {}): Promise<OpenDatabase> {
  let local: SupervisedNeo4j | undefined;
  let uri = config.neo4j.uri;
  let attached = false;
  if (!uri) {
    const running = readServiceAddress(config.localDataDir);
    if (running && options.attach) {
      log.info({ uri: running.uri, servicePid: running.pid }, 'using the running service\'s Neo4j');
      uri = running.uri;
      attached = true;
    } else if (running) {
      throw new StartupProblem(
        `A service already runs on ${config.localDataDir} (process ${running.pid}, Neo4j at ${running.uri}): stop it first, or set NEO4J_LOCAL_DATA to another folder.`,
      );
    } else {
      log.info({ dataDir: config.localDataDir, port: config.localBoltPort }, 'starting the embedded Neo4j');
      local = await superviseLocalNeo4j(
        { dataDir: config.localDataDir, port: config.localBoltPort, progress: (line) => log.info(line) },
        log,
        options.restartPolicy,
        options.warmUp,
      );
      uri = local.uri;
    }
  }
  // The embedded server's own credentials (generated into its data folder), else the configured ones.
  const embedded = Boolean(local) || attached;
  const credentials = embedded ? { user: 'neo4j', password: localPassword(config.localDataDir) } : config.neo4j;
  const driver = createDriver(uri, credentials);
  const db = createDb(driver, uri, config.neo4j.database);
  local?.attach(db);
  try {
    await waitForConnectivity(driver, attached ? 10_000 : undefined);
  } catch (err) {
    await driver.close();
    await local?.stop();
    if (attached) throw new StartupProblem(`The service running on ${config.localDataDir} does not answer at ${uri}: wait until it is ready, or stop it and try again.`);
    throw err;
  }
  if (local && options.advertise) writeServiceAddress(config.localDataDir, { uri, pid: process.pid });
  log.info({ uri, embedded: Boolean(local), attached }, 'connected to Neo4j');
  return {
    db,
    local,
    attached,
    health: () => local?.health() ?? { state: 'running', restarts: 0 },
    async close() {
      if (local && options.advertise) removeServiceAddress(config.localDataDir);
      await driver.close();
      await local?.stop();
    },
  };
}
