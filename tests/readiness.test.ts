import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startStoppableNeo4j, type StoppableNeo4j } from './support/stoppableNeo4j.js';

describe('readiness follows the database', () => {
  let neo4j: StoppableNeo4j | undefined;
  afterAll(async () => {
    await neo4j?.close();
  });

  it('is 200 while Neo4j runs, 503 when it stops, and 200 again when it is back', async () => {
    neo4j = await startStoppableNeo4j();
    const readyz = () => fetch(`${neo4j!.server.url}/readyz`);

    expect((await readyz()).status).toBe(200);

    await neo4j.kill();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect((await down.json()).status).toBe('unavailable');
    expect((await fetch(`${neo4j.server.url}/healthz`)).status).toBe(200);

    await neo4j.restart();
    expect((await eventually(readyz, (response) => response.status === 200)).status).toBe(200);
  }, 240_000);
});
