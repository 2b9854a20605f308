import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, createDriver, type Db } from '../src/db/driver.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../src/db/localNeo4j.js';
import { startTestServer, type TestServer } from './support/server.js';

// This file needs a database it may stop: its own embedded Neo4j, whatever the run uses.
describe('readiness follows the database', () => {
  let neo4j: LocalNeo4j | undefined;
  let db: Db | undefined;
  let server: TestServer | undefined;
  let dataDir = '';
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await neo4j?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is 200 while Neo4j runs, 503 when it stops, and 200 again when it is back', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-readiness-'));
    const port = await freePort();
    neo4j = await startLocalNeo4j({ dataDir, port, heapMb: 256, pageCacheMb: 64 });
    db = createDb(createDriver(neo4j.uri, { user: 'neo4j', password: '' }), neo4j.uri);
    server = await startTestServer(db);
    const readyz = () => fetch(`${server!.url}/readyz`);

    expect((await readyz()).status).toBe(200);

    await neo4j.kill();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect((await down.json()).status).toBe('unavailable');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    neo4j = await startLocalNeo4j({ dataDir, port, heapMb: 256, pageCacheMb: 64 });
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 200; attempt += 1) {
      status = (await readyz()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
  }, 240_000);
});
