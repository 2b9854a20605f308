/**
 * One way to a database: the external Neo4j that NEO4J_URI names, or else the embedded one
 * this project starts itself.
 */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createDb, createDriver, waitForConnectivity, type Db } from './driver.js';
import { startLocalNeo4j, type LocalNeo4j } from './localNeo4j.js';

export interface OpenDatabase {
  db: Db;
  /** The embedded server, when this process started one. */
  local?: LocalNeo4j;
  /** Closes the driver, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

export async function openDatabase(config: Config, log: Logger): Promise<OpenDatabase> {
  let local: LocalNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    log.info({ dataDir: config.localDataDir, port: config.localBoltPort }, 'starting the embedded Neo4j');
    local = await startLocalNeo4j({
      dataDir: config.localDataDir,
      port: config.localBoltPort,
      progress: (line) => log.info(line),
    });
    uri = local.uri;
  }
  const driver = createDriver(uri, config.neo4j);
  const db = createDb(driver, uri, config.neo4j.database);
  try {
    await waitForConnectivity(driver);
  } catch (err) {
    await driver.close();
    await local?.stop();
    throw err;
  }
  log.info({ uri, embedded: Boolean(local) }, 'connected to Neo4j');
  return {
    db,
    local,
    async close() {
      await driver.close();
      await local?.stop();
    },
  };
}
