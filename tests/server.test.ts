import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { connectTestDb } from './support/db.js';
import { startTestServer, type TestServer } from './support/server.js';

describe('the HTTP server', () => {
  let db: Db;
  let server: TestServer;
  beforeAll(async () => {
    db = connectTestDb();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server.close();
    await db.close();
  });

  it('answers a GraphQL query at /graphql', async () => {
    expect(await server.gql('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  });

  it('opens GraphiQL on a browser GET of /graphql', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toMatch(/graphiql/i);
  });

  it('reports the process up at /healthz and the database reachable at /readyz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('rejects a malformed query with a GraphQL error, not a crash', async () => {
    const response = await server.gql('{ nosuchfield }');
    expect(response.errors?.[0]?.message).toMatch(/nosuchfield/);
  });
});
