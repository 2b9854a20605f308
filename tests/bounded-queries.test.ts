/**
 * No single query can exhaust the database: nested lists are priced by their size before
 * anything runs, every list is capped, and a transaction that runs too long, needs too much
 * memory or loses its client is stopped in Neo4j, once, with a coded error.
 */
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { TransactionAbortedError } from '../src/db/driver.js';
import { createMaskError } from '../src/graphql/errors.js';
import { MAX_QUERY_ITEMS, sizeArgument } from '../src/graphql/read/listSizes.js';
import { createLogger } from '../src/log.js';
import { useSeededServer } from './support/server.js';

// A CPU-bound statement that streams (little memory) and would run for minutes.
const SLOW = 'UNWIND range(1, 4000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n';

describe('bounded queries', () => {
  const ctx = useSeededServer();

  it('refuses a query whose nested lists multiply beyond the limit, before sending any Cypher', async () => {
    const sent: string[] = [];
    const listener = (cypher: string) => void sent.push(cypher);
    ctx.db.onQuery.add(listener);
    try {
      const started = Date.now();
      const response = await ctx.server.gql(
        '{ entity(id: "country:algeria") { ... on Country { visitsReceived { id traveler { ... on Person { visits { id host { ... on Country { visitsReceived { id } } } } } } } } } }',
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
      expect(response.errors?.[0]?.extensions?.maxItems).toBe(MAX_QUERY_ITEMS);
      expect(response.errors?.[0]?.message).toMatch(/items/);
      expect(sent).toEqual([]);
    } finally {
      ctx.db.onQuery.delete(listener);
    }
  });

  it('prices `first` as given: a small page of the same shape is allowed', async () => {
    const response = await ctx.server.gql('{ visits(first: 5) { edges { node { meetings { participants { name } } } } } }');
    expect(response.errors).toBeUndefined();
    // Under a person's whole list of visits (up to its cap), and each participant's contacts, too much.
    const tooMany = await ctx.server.gql('{ entity(id: "person:mark-esper") { ... on Person { visits { meetings { participants { ... on Person { met { id } } } } } } } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_EXPENSIVE');
  });

  it('bounds a list that grows with the data by its default `first` when none is given', async () => {
    const cap = sizeArgument('Country', 'visitsReceived')!.default;
    await ctx.db.write((tx) =>
      tx.run(
        `MATCH (c:Country {id: 'country:algeria'})
         UNWIND range(1, $n) AS i
         CREATE (v:Entity:Event:Visit {id: 'visit:capped-' + i, kind: 'EVENT', name: 'Capped ' + i, aliases: [], date: '1990-01-01', dateStart: '1990-01-01'})
         CREATE (v)-[:HOST_COUNTRY]->(c)`,
        { n: cap + 50 },
      ),
    );
    const response = await ctx.server.gql('{ entity(id: "country:algeria") { ... on Country { visitsReceived { id } } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data!.entity.visitsReceived).toHaveLength(cap);
  });

  it('stops a read that runs past its timeout, without the driver trying it again', async () => {
    const sent: string[] = [];
    const listener = (cypher: string) => void sent.push(cypher);
    ctx.db.onQuery.add(listener);
    try {
      const started = Date.now();
      const error = await ctx.db.read((tx) => tx.run(SLOW), { timeoutMs: 1_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionAbortedError);
      expect((error as TransactionAbortedError).reason).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(sent.filter((c) => c === SLOW)).toHaveLength(1);
    } finally {
      ctx.db.onQuery.delete(listener);
    }
  });

  it('stops a read that needs more memory than a transaction may use, once', async () => {
    const sent: string[] = [];
    const listener = (cypher: string) => void sent.push(cypher);
    ctx.db.onQuery.add(listener);
    const HUNGRY = 'UNWIND range(1, 100000000) AS x RETURN size(collect(toString(x))) AS n';
    try {
      const error = await ctx.db.read((tx) => tx.run(HUNGRY), { timeoutMs: 60_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransactionAbortedError);
      expect((error as TransactionAbortedError).reason).toBe('MEMORY');
      expect(sent.filter((c) => c === HUNGRY)).toHaveLength(1);
    } finally {
      ctx.db.onQuery.delete(listener);
    }
  });

  it('terminates the transaction in Neo4j when its client goes away', async () => {
    const controller = new AbortController();
    const running = ctx.db.read((tx) => tx.run(`${SLOW} // cancel-me`), { signal: controller.signal, timeoutMs: 120_000 }).catch((e: unknown) => e);
    const listed = () =>
      ctx.db.driver
        .executeQuery("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'cancel-me' AND NOT currentQuery CONTAINS 'SHOW' RETURN count(*) AS n")
        .then((r) => r.records[0]!.get('n') as number);
    // Wait until it is really running in Neo4j.
    for (let i = 0; i < 40 && (await listed()) === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listed()).toBe(1);
    const aborted = Date.now();
    controller.abort();
    const error = await running;
    expect(error).toBeInstanceOf(TransactionAbortedError);
    expect((error as TransactionAbortedError).reason).toBe('CANCELLED');
    expect(Date.now() - aborted).toBeLessThan(5_000);
    expect(await listed()).toBe(0);
  });

  it('warns of a query the database stopped, and notes at info only one whose client went away', () => {
    const lines: { level: number; reason: string; msg: string }[] = [];
    const mask = createMaskError(pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }));
    for (const reason of ['TIMEOUT', 'CANCELLED', 'MEMORY'] as const) {
      mask(new GraphQLError('x', { originalError: new TransactionAbortedError(reason, new Error('from Neo4j')) }), 'Unexpected error.');
    }
    expect(lines.map(({ level, reason }) => [level, reason])).toEqual([[40, 'TIMEOUT'], [30, 'CANCELLED'], [40, 'MEMORY']]);
    expect(lines[1]!.msg).toMatch(/client went away/);
  });

  it('gives clients QUERY_TOO_EXPENSIVE for a query the database stopped', () => {
    const mask = createMaskError(createLogger('silent'));
    for (const reason of ['TIMEOUT', 'MEMORY'] as const) {
      const masked = mask(new GraphQLError('x', { originalError: new TransactionAbortedError(reason, new Error('from Neo4j')) }), 'Unexpected error.') as GraphQLError;
      expect(masked.extensions.code).toBe('QUERY_TOO_EXPENSIVE');
      expect(masked.extensions.reason).toBe(reason);
      expect(masked.message).not.toMatch(/Neo4j/);
    }
  });
});
