/**
 * The API runs a bounded number of transactions in Neo4j at once: the other requests wait their
 * turn in order, all of them are answered, and one that cannot get a turn within the wait budget
 * gets SERVICE_UNAVAILABLE with Retry-After instead of hanging.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { databaseGateConfig } from '../src/config.js';
import { TransactionAbortedError, type Db } from '../src/db/driver.js';
import { createGate, DatabaseBusyError, throughGate, type Gate } from '../src/db/gate.js';
import { createLogger } from '../src/log.js';
import { closeServerAndDb, openSeededServer, TEST_API_KEY, type TestServer } from './support/server.js';

/** `db`, counting how many of its transactions are open at once (the highest count in `seen.max`). */
function counting(db: Db, seen: { now: number; max: number }): Db {
  const counted = <T>(run: () => Promise<T>) => async () => {
    seen.now += 1;
    seen.max = Math.max(seen.max, seen.now);
    try {
      return await run();
    } finally {
      seen.now -= 1;
    }
  };
  return {
    ...db,
    read: (work, options) => counted(() => db.read(work, options))(),
    write: (work, options) => counted(() => db.write(work, options))(),
  };
}

/** The app over `db` and `gate`, on a free port; returns its /graphql URL and a way to close it. */
async function serve(db: Db, gate: Gate): Promise<{ url: string; close(): Promise<void> }> {
  const server = createApp({ db, log: createLogger('silent'), apiKey: TEST_API_KEY, gate });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Holds a slot of the gate (as a long transaction would) until `release` is called. */
function holdSlot(gate: Gate): { holding: Promise<void>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { holding: gate.run(() => held), release };
}

function post(url: string, query: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
}

describe('the database gate', () => {
  let db: Db;
  let server: TestServer;
  beforeAll(async () => {
    ({ db, server } = await openSeededServer());
  });
  afterAll(() => closeServerAndDb(server, db));

  it('runs at most N of the API\'s transactions at once and answers every request', async () => {
    const seen = { now: 0, max: 0 };
    const app = await serve(counting(db, seen), createGate({ maxConcurrent: 3, maxWaitMs: 60_000 }));
    try {
      const query = '{ visits(first: 20) { totalCount edges { node { id traveler { id name } host { id name } meetings { id } } } } }';
      // Once alone first: a statement's first run is planned, which is not what this measures.
      await post(app.url, query);
      seen.max = 0;
      const answers = await Promise.all(Array.from({ length: 12 }, () => post(app.url, query).then((r) => r.json() as Promise<{ data?: any; errors?: unknown }>)));
      expect(answers.map((a) => JSON.stringify(a.errors))).toEqual(Array(12).fill(undefined));
      expect(answers.every((a) => a.data.visits.edges.length > 1)).toBe(true);
      expect(seen.max).toBeLessThanOrEqual(3);
      expect(seen.max).toBeGreaterThan(1);
    } finally {
      await app.close();
    }
  });

  it('lets the waiting requests in first come, first served, writes included', async () => {
    const gate = createGate({ maxConcurrent: 1, maxWaitMs: 60_000 });
    const gated = throughGate(db, gate);
    const { holding, release } = holdSlot(gate);
    const order: string[] = [];
    const note = (name: string) => async () => void order.push(name);
    const queued = [
      gated.read(async (tx) => { await tx.run('RETURN 1'); order.push('read 1'); }),
      gated.write(async (tx) => { await tx.run("MERGE (m:GateMark {id: 'fifo'}) RETURN m"); order.push('write'); }),
      gated.read(async (tx) => { await tx.run('RETURN 2'); order.push('read 2'); }),
      gate.run(note('read 3')),
    ];
    expect(gate.load()).toEqual({ running: 1, writes: 0, waiting: 4 });
    release();
    await Promise.all([holding, ...queued]);
    expect(order).toEqual(['read 1', 'write', 'read 2', 'read 3']);
    expect(gate.load()).toEqual({ running: 0, writes: 0, waiting: 0 });
    await db.write((tx) => tx.run('MATCH (m:GateMark) DELETE m'));
  });

  it('keeps writes to their share of the slots, so that reads go on while writes wait for each other', async () => {
    const gate = createGate({ maxConcurrent: 2, maxWaitMs: 60_000, maxWrites: 1 });
    const gated = throughGate(db, gate);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    // A write holds the one write slot (as one waiting for another's lock would).
    const firstWrite = gate.run(async () => { await held; order.push('write 1'); }, undefined, 'write');
    const secondWrite = gated.write(async (tx) => { await tx.run("MERGE (m:GateMark {id: 'share'}) RETURN m"); order.push('write 2'); });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gate.load()).toEqual({ running: 1, writes: 1, waiting: 1 });
    // A read that came after the waiting write still has a slot, and runs now.
    const answer = await gated.read(async (tx) => { const n = (await tx.run('RETURN 7 AS n')).records[0]!.get('n'); order.push('read'); return n; });
    expect(answer).toBe(7);
    expect(order).toEqual(['read']);
    release();
    await Promise.all([firstWrite, secondWrite]);
    expect(order).toEqual(['read', 'write 1', 'write 2']);
    expect(gate.load()).toEqual({ running: 0, writes: 0, waiting: 0 });
    expect(createGate({ maxConcurrent: 4, maxWaitMs: 1 }).options.maxWrites).toBe(2);
    expect(createGate({ maxConcurrent: 1, maxWaitMs: 1 }).options.maxWrites).toBe(1);
    await db.write((tx) => tx.run('MATCH (m:GateMark) DELETE m'));
  });

  it('answers SERVICE_UNAVAILABLE with Retry-After when no turn comes within the wait budget, and serves again once one is free', async () => {
    const gate = createGate({ maxConcurrent: 1, maxWaitMs: 300 });
    const app = await serve(db, gate);
    // Something else holds the only turn (a long transaction) for longer than the budget.
    const { holding, release } = holdSlot(gate);
    try {
      const started = Date.now();
      const response = await post(app.url, '{ entity(id: "country:algeria") { id name } }');
      const waited = Date.now() - started;
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.errors?.[0]?.extensions?.reason).toBe('BUSY');
      expect(waited).toBeGreaterThanOrEqual(250);
      expect(waited).toBeLessThan(5_000);
      // A write waits the same budget and gets the same answer, with nothing written.
      const write = await post(
        app.url,
        'mutation { recordVisit(input: { traveler: { name: "Gate Tester", kind: PERSON }, host: { id: "country:algeria" }, date: "1901-02-03" }) { visit { id } } }',
        { authorization: `Bearer ${TEST_API_KEY}` },
      );
      expect(write.status).toBe(503);
      expect(((await write.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
      const written = await server.gql('{ search(text: "Gate Tester") { id } }');
      expect(written.data?.search).toEqual([]);

      release();
      await holding;
      const again = await post(app.url, '{ entity(id: "country:algeria") { id name } }');
      expect(again.status).toBe(200);
      expect(((await again.json()) as { data: { entity: { name: string } } }).data.entity.name).toBe('Algeria');
    } finally {
      release();
      await app.close();
    }
  });

  it('takes a request whose client left out of the queue, without running it', async () => {
    const gate = createGate({ maxConcurrent: 1, maxWaitMs: 60_000 });
    const { holding, release } = holdSlot(gate);
    const controller = new AbortController();
    let ran = false;
    const waiting = gate.run(async () => void (ran = true), controller.signal).catch((e: unknown) => e);
    expect(gate.load().waiting).toBe(1);
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(TransactionAbortedError);
    expect((error as TransactionAbortedError).reason).toBe('CANCELLED');
    expect(gate.load()).toEqual({ running: 1, writes: 0, waiting: 0 });
    release();
    await holding;
    expect(ran).toBe(false);
    expect(gate.load()).toEqual({ running: 0, writes: 0, waiting: 0 });
  });

  it('gives a DatabaseBusyError to a transaction that waits past the budget, and the slot still frees', async () => {
    const gate = createGate({ maxConcurrent: 1, maxWaitMs: 100 });
    const gated = throughGate(db, gate);
    const { holding, release } = holdSlot(gate);
    const error = await gated.read((tx) => tx.run('RETURN 1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    release();
    await holding;
    const result = await gated.read(async (tx) => (await tx.run('RETURN 42 AS n')).records[0]!.get('n'));
    expect(result).toBe(42);
  });

  it('reads its size and budget from DB_MAX_CONCURRENT and DB_QUEUE_WAIT_MS, and refuses nonsense', () => {
    expect(databaseGateConfig({ DB_MAX_CONCURRENT: '6', DB_QUEUE_WAIT_MS: '2500' })).toEqual({ maxConcurrent: 6, maxWaitMs: 2500 });
    expect(databaseGateConfig({}).maxConcurrent).toBeGreaterThanOrEqual(2);
    expect(databaseGateConfig({}).maxWaitMs).toBe(8_000);
    expect(() => databaseGateConfig({ DB_MAX_CONCURRENT: '0' })).toThrow(/DB_MAX_CONCURRENT/);
    expect(() => databaseGateConfig({ DB_QUEUE_WAIT_MS: 'soon' })).toThrow(/DB_QUEUE_WAIT_MS/);
  });
});
