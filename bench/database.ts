/** The benchmarks' database: NEO4J_URI if set, else a fresh embedded Neo4j in a temporary folder. */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { neo4jConfig } from '../src/config.js';
import { createDb, createDriver, waitForConnectivity, type Db } from '../src/db/driver.js';
import { freePort, startLocalNeo4j } from '../src/db/localNeo4j.js';

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100/s)
  } catch {
    return undefined;
  }
}

export interface BenchDatabase {
  db: Db;
  uri: string;
  /** The embedded server's process id, for measuring its CPU; undefined for an external one. */
  serverPid?: number;
  close(): Promise<void>;
}

/**
 * `keepIn`: an embedded Neo4j's folder to use and keep (a graph loaded by one run is measured
 * again by the next) instead of a temporary one removed at the end.
 */
export async function openBenchDatabase(options: { keepIn?: string } = {}): Promise<BenchDatabase> {
  const configured = neo4jConfig();
  const external = configured.uri;
  const dataDir = external ? undefined : options.keepIn ?? await mkdtemp(path.join(os.tmpdir(), 'dvg-bench-neo4j-'));
  if (dataDir) process.stderr.write('[bench] starting an embedded Neo4j ...\n');
  const local = dataDir ? await startLocalNeo4j({ dataDir, port: await freePort(), heapMb: 1024, pageCacheMb: 512 }) : undefined;
  const uri = external ?? local!.uri;
  const credentials = local ? { user: local.user, password: local.password } : { user: configured.user, password: configured.password };
  const db = createDb(createDriver(uri, credentials), uri);
  await waitForConnectivity(db.driver);
  return {
    db,
    uri,
    serverPid: local?.pid,
    async close() {
      await db.close();
      await local?.stop();
      if (dataDir && !options.keepIn) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
