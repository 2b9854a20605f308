/**
 * A private embedded Neo4j that a test may kill and start again (outage tests), whatever
 * database the rest of the run uses, with a driver and the real server in front of it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb, createDriver, type Db } from '../../src/db/driver.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/localNeo4j.js';
import { startTestServer, type TestServer } from './server.js';

export interface StoppableNeo4j {
  db: Db;
  server: TestServer;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startStoppableNeo4j(prepare: (db: Db) => Promise<void> = async () => {}): Promise<StoppableNeo4j> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-stoppable-neo4j-'));
  const port = await freePort();
  const start = () => startLocalNeo4j({ dataDir, port, heapMb: 256, pageCacheMb: 64 });
  let neo4j: LocalNeo4j = await start();
  const db = createDb(createDriver(neo4j.uri, { user: neo4j.user, password: neo4j.password }), neo4j.uri);
  await prepare(db);
  const server = await startTestServer(db);
  return {
    db,
    server,
    kill: () => neo4j.kill(),
    async restart() {
      neo4j = await start();
    },
    async close() {
      await server.close();
      await db.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (e.g. the server answers again after a restart). */
export async function eventually<T>(attempt: () => Promise<T>, done: (value: T) => boolean, tries = 40): Promise<T> {
  let value = await attempt();
  for (let i = 0; i < tries && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await attempt();
  }
  return value;
}
