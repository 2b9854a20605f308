/**
 * One way to a database: the external Neo4j that NEO4J_URI names, or else the embedded one
 * this project starts itself.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createDb, createDriver, waitForConnectivity, type Db } from './driver.js';
import { startLocalNeo4j, type LocalNeo4j } from './localNeo4j.js';
import { readServiceAddress, removeServiceAddress, writeServiceAddress } from './serviceAddress.js';
import { StartupProblem } from './startupProblems.js';

export interface OpenDatabase {
  db: Db;
  /** The embedded server, when this process started one. */
  local?: LocalNeo4j;
  /** True when this process uses the embedded Neo4j of a running service. */
  attached: boolean;
  /** Closes the driver, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The service: leave the embedded Neo4j's address in the data folder while it runs. */
  advertise?: boolean;
  /** A command-line tool: use a running service's embedded Neo4j rather than start one. */
  attach?: boolean;
}

export async function openDatabase(config: Config, log: Logger, options: OpenOptions = {}): Promise<OpenDatabase> {
  let local: LocalNeo4j | undefined;
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
      local = await startLocalNeo4j({
        dataDir: config.localDataDir,
        port: config.localBoltPort,
        progress: (line) => log.info(line),
      });
      uri = local.uri;
    }
  }
  const driver = createDriver(uri, config.neo4j);
  const db = createDb(driver, uri, config.neo4j.database);
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
    async close() {
      if (local && options.advertise) removeServiceAddress(config.localDataDir);
      await driver.close();
      await local?.stop();
    },
  };
}
