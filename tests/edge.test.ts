/**
 * The service's edge: CORS only for listed origins and never with credentials, CSRF prevention,
 * security headers, compression, the API key's rules, list arguments and variables capped,
 * bad input logged at info and internal errors once, and the embedded Neo4j's authentication.
 */
import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDriver } from '../src/db/driver.js';
import { localPassword, PASSWORD_FILE } from '../src/db/localNeo4j.js';
import { HTTP_LIMITS } from '../src/http/edge.js';
import { testNeo4j } from './support/db.js';
import { TEST_API_KEY, useSeededServer } from './support/server.js';

const ctx = useSeededServer();
const opened: http.Server[] = [];
afterAll(async () => {
  for (const server of opened) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

async function listen(server: http.Server): Promise<string> {
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, body: string, headers: Record<string, string>) => fetch(`${url}/graphql`, { method: 'POST', headers, body });

describe('CORS', () => {
  it('gives an unlisted origin no CORS headers at all, and a listed one its origin without credentials', async () => {
    const evil = await post(ctx.server.url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('access-control-allow-credentials')).toBeNull();

    const url = await listen(createApp({ db: ctx.db, log: pino({ level: 'silent' }), apiKey: TEST_API_KEY, corsOrigins: ['https://good.example'] }));
    const preflight = await fetch(`${url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://good.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://good.example');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const stillEvil = await post(url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(stillEvil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CSRF prevention', () => {
  it('refuses a form-style POST with 415 and a GraphQL error body, and writes nothing', async () => {
    const visits = () => ctx.db.read(async (tx) => (await tx.run('MATCH (v:Visit) RETURN count(v) AS n')).records[0]!.get('n') as number);
    const before = await visits();
    const mutation = 'mutation { recordVisit(input: { traveler: { name: "Csrf Person", kind: PERSON }, host: { name: "Algeria" }, date: "2011-01-01" }) { visit { id } } }';
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post(ctx.server.url, JSON.stringify({ query: mutation }), { 'content-type': type, authorization: `Bearer ${TEST_API_KEY}` });
      expect(response.status, type).toBe(415);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(await visits()).toBe(before);
  });

  it('answers a GET query only with the x-graphql-csrf header', async () => {
    const url = `${ctx.server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const bare = await fetch(url);
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('CSRF_PREVENTED');
    const withHeader = await fetch(url, { headers: { 'x-graphql-csrf': '1' } });
    expect(await withHeader.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('headers and compression', () => {
  it('sends nosniff, a content security policy and frame-ancestors on the page, GraphiQL and the API', async () => {
    for (const [pathname, accept] of [['/', 'text/html'], ['/graphql', 'text/html'], ['/healthz', '*/*']] as const) {
      const response = await fetch(`${ctx.server.url}${pathname}`, { headers: { accept } });
      expect(response.headers.get('x-content-type-options'), pathname).toBe('nosniff');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, pathname).toMatch(/frame-ancestors 'none'/);
      expect(policy, pathname).toMatch(/script-src 'self'/);
      expect(policy, pathname).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    }
  });

  it('compresses GraphiQL (8.9 MB) to a fraction of its size', async () => {
    const { encoding, bytes } = await new Promise<{ encoding: string | undefined; bytes: number }>((resolve, reject) => {
      http.get(`${ctx.server.url}/graphql`, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes }));
      }).on('error', reject);
    });
    expect(encoding).toBe('gzip');
    expect(bytes).toBeLessThan(3_000_000);
  });
});

describe('the API key and the HTTP server', () => {
  it('refuses keys shorter than 16 characters, and a wrong key of the right length', async () => {
    expect(() => loadConfig({ API_KEY: 'short-key' })).toThrow(/16 characters/);
    expect(() => createApp({ db: ctx.db, log: pino({ level: 'silent' }), apiKey: 'short-key' })).toThrow(/16 characters/);
    const wrong = 'x'.repeat(TEST_API_KEY.length);
    const response = await ctx.server.gql('mutation { recordVisit(input: { traveler: { id: "person:mark-esper" }, host: { name: "Algeria" }, date: "2020-10-01" }) { visit { id } } }', {}, { authorization: `Bearer ${wrong}` });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sets header and request timeouts and a connection cap', async () => {
    const server = createApp({ db: ctx.db, log: pino({ level: 'silent' }), apiKey: TEST_API_KEY });
    opened.push(server);
    expect(server.headersTimeout).toBe(HTTP_LIMITS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(HTTP_LIMITS.requestTimeoutMs);
    expect(server.maxConnections).toBe(HTTP_LIMITS.maxConnections);
  });
});

describe('list arguments', () => {
  it('refuses 101 kinds or types, and a million-item list in variables at once', async () => {
    const kinds = await ctx.server.gql('query ($k: [EntityKind!]) { search(text: "x", kinds: $k) { id } }', { k: Array.from({ length: 101 }, () => 'PERSON') });
    expect(kinds.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const types = await ctx.server.gql('query ($t: [String!]) { neighborhood(id: "country:algeria", types: $t) { nodes { id } } }', { t: Array.from({ length: 101 }, () => 'MET') });
    expect(types.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const started = Date.now();
    const huge = await ctx.server.gql('query ($k: [EntityKind!]) { search(text: "x", kinds: $k) { id } }', { k: Array.from({ length: 1_000_000 }, () => 'PERSON') });
    expect(huge.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe('logs', () => {
  it('logs refused input at info, never at error', async () => {
    const logged: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    const url = await listen(createApp({ db: ctx.db, log: pino({ level: 'info' }, sink), apiKey: TEST_API_KEY }));
    await post(url, JSON.stringify({ query: '{ search(text: "x", first: 1000) { id } }' }), { 'content-type': 'application/json' });
    await post(url, JSON.stringify({ query: 'mutation { recordVisit(input: { traveler: { name: "Nobody Known" }, host: { name: "Algeria" }, date: "2020-10-01" }) { visit { id } } }' }), {
      'content-type': 'application/json',
      authorization: `Bearer ${TEST_API_KEY}`,
    });
    // (An out-of-range argument is refused in validation, before any resolver: not logged at all.)
    const refusals = logged.filter((l) => l.msg === 'refused input');
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    expect(refusals.every((l) => l.level === 30)).toBe(true);
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('the embedded Neo4j', () => {
  it('generates its password into the data folder, readable by this user only', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'dvg-password-'));
    try {
      const password = localPassword(dir);
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(statSync(path.join(dir, PASSWORD_FILE)).mode & 0o777).toBe(0o600);
      expect(localPassword(dir)).toBe(password);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(testNeo4j().how === 'embedded')('refuses a connection without its password', async () => {
    const { uri, password } = testNeo4j();
    const stranger = createDriver(uri, { user: 'neo4j', password: 'not-the-password' });
    try {
      await expect(stranger.verifyConnectivity()).rejects.toThrow(/unauthorized|authentication/i);
    } finally {
      await stranger.close();
    }
    const right = createDriver(uri, { user: 'neo4j', password });
    try {
      await right.verifyConnectivity();
    } finally {
      await right.close();
    }
  });
});
