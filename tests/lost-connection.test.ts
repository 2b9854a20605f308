/**
 * A connection to Neo4j cut in the middle of a statement, for real: a TCP relay between the
 * driver and the test database closes both ends as a statement passes. Reads are auto-commit
 * statements with their own retry (src/db/driver.ts), writes managed transactions retried by the
 * driver; either way the caller gets its answer, and a write lands once.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createDriver, type Db } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import { closeServerAndDb, startTestServer, type TestServer } from './support/server.js';
import { testNeo4j } from './support/db.js';

/**
 * Relays Bolt to the test database. `cutNextStatement()` arms a cut for the connections open at
 * that moment (already logged in, so what they send next is a statement): the first of them to
 * send is closed at both ends before its message reaches Neo4j.
 */
async function startRelay(target: { host: string; port: number }) {
  let armed = new Set<net.Socket>();
  const counts = { cut: 0 };
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    open.add(client);
    client.on('data', (chunk) => {
      if (armed.has(client)) {
        armed = new Set();
        counts.cut += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    counts,
    cutNextStatement: () => {
      armed = new Set(open);
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a connection lost in the middle of a statement', () => {
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let db: Db;
  let server: TestServer | undefined;

  beforeAll(async () => {
    const { uri, user, password } = testNeo4j();
    const target = new URL(uri.replace(/^[a-z+]+:/, 'http:'));
    relay = await startRelay({ host: target.hostname, port: Number(target.port || 7687) });
    const relayed = `bolt://127.0.0.1:${relay.port}`;
    db = createDb(createDriver(relayed, { user, password }), relayed);
    await applyMigrations(db);
    server = await startTestServer(db);
    // A pooled, logged-in connection, so that the next chunk a connection sends is a statement.
    await db.read((tx) => tx.run('RETURN 1'));
  });

  afterAll(async () => {
    await closeServerAndDb(server, db);
    await relay.close();
  });

  it('a read is retried on a new connection and answers', async () => {
    const sent: string[] = [];
    const listen = (cypher: string) => void sent.push(cypher);
    db.onQuery.add(listen);
    try {
      const before = relay.counts.cut;
      relay.cutNextStatement();
      const answer = await db.read(async (tx) => (await tx.run('RETURN 41 + $one AS answer', { one: 1 })).records[0]!.get('answer'));
      expect(answer).toBe(42);
      expect(relay.counts.cut).toBe(before + 1);
      // The statement went twice: once on the connection that was cut, once after it.
      expect(sent.filter((s) => s.includes('41 + $one'))).toHaveLength(2);
    } finally {
      db.onQuery.delete(listen);
    }
  });

  it('a statement Neo4j refuses is not retried', async () => {
    const sent: string[] = [];
    const listen = (cypher: string) => void sent.push(cypher);
    db.onQuery.add(listen);
    try {
      await expect(db.read((tx) => tx.run('RETURN nosuchfunction(1)'))).rejects.toMatchObject({ code: expect.stringContaining('SyntaxError') });
      expect(sent).toHaveLength(1);
    } finally {
      db.onQuery.delete(listen);
    }
  });

  it('a GraphQL query whose connection is cut still gets its answer, without an error', async () => {
    const before = relay.counts.cut;
    relay.cutNextStatement();
    const response = await server!.gql<{ entity: unknown }>('{ entity(id: "person:nobody-by-this-id") { id name } }');
    expect(relay.counts.cut).toBe(before + 1);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ entity: null });
  });

  it('a write whose connection is cut lands once', async () => {
    const marker = `lost-connection-${Date.now()}`;
    try {
      relay.cutNextStatement();
      await db.write((tx) => tx.run('CREATE (:LostConnectionProbe {marker: $marker})', { marker }));
      const count = await db.read(async (tx) => (await tx.run('MATCH (p:LostConnectionProbe {marker: $marker}) RETURN count(p) AS n', { marker })).records[0]!.get('n'));
      expect(count).toBe(1);
    } finally {
      await db.write((tx) => tx.run('MATCH (p:LostConnectionProbe {marker: $marker}) DELETE p', { marker }));
    }
  });
});
