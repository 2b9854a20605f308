/** The real HTTP server on a free port, over a given database, and a small GraphQL client. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type AppOptions } from '../../src/app.js';
import type { Db } from '../../src/db/driver.js';
import { loadSeed } from '../../src/import/seed.js';
import { createLogger } from '../../src/log.js';
import { connectTestDb, freshDatabase } from './db.js';

export const TEST_API_KEY = 'test-api-key-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestServer {
  url: string;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** The same, with the API key. */
  gqlAuth<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** `loading` is what /readyz reports as still loading, as `npm start` passes it (see src/datasets.ts). */
export type TestServerOptions = Pick<AppOptions, 'loading' | 'groupSummaries'>;

export async function startTestServer(db: Db, options: TestServerOptions = {}): Promise<TestServer> {
  const server = createApp({ db, log: createLogger('silent'), apiKey: TEST_API_KEY, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const gql: TestServer['gql'] = async (query, variables, headers) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as never;
  };
  return {
    url,
    gql,
    gqlAuth: (query, variables) => gql(query, variables, { authorization: `Bearer ${TEST_API_KEY}` }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** What most test files start from: the article's graph on an emptied database, served for real. */
export async function openSeededServer(options: TestServerOptions = {}): Promise<{ db: Db; server: TestServer }> {
  const db = connectTestDb();
  await freshDatabase(db);
  await loadSeed(db);
  return { db, server: await startTestServer(db, options) };
}

export async function closeServerAndDb(server: TestServer | undefined, db: Db | undefined): Promise<void> {
  await server?.close();
  await db?.close();
}

/**
 * For a test file (or describe block): opens the seeded server before its tests and closes it
 * after them. `db` and `server` of the returned object are set by the time the tests run.
 */
export function useSeededServer(options: TestServerOptions = {}): { db: Db; server: TestServer } {
  const opened = {} as { db: Db; server: TestServer };
  beforeAll(async () => {
    Object.assign(opened, await openSeededServer(options));
  });
  afterAll(async () => {
    await closeServerAndDb(opened.server, opened.db);
  });
  return opened;
}
