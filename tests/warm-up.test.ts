/**
 * At start the service plans the statements the explorer runs first, so that the first person to
 * click a node does not wait seconds for Neo4j to plan the API's longest statement. Neo4j caches a
 * plan per statement text and parameter types, so the warm-up must run exactly what the explorer's
 * requests run.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { Statement } from '../src/graphql/read/queries.js';
import { createLogger } from '../src/log.js';
import { startService, type RunningService } from '../src/service.js';
import { neighborhood, search } from '../web/src/api.js';
import { testNeo4j } from './support/db.js';

/** A parameter as the plan cache tells it apart: by type, not value. */
function parameterTypes(params: Record<string, unknown>): Record<string, string> {
  const typeOf = (value: unknown): string =>
    value === null || value === undefined ? 'null' : neo4j.isInt(value) ? 'integer' : Array.isArray(value) ? `list of ${[...new Set(value.map(typeOf))].join('|')}` : typeof value;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeOf(value)]));
}

describe('the service at start', () => {
  let service: RunningService | undefined;
  beforeAll(async () => {
    const { uri, user, password } = testNeo4j();
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', seedOnStart: false, neo4j: { uri, user, password } };
    service = await startService(config, createLogger('silent'));
  }, 120_000);
  afterAll(() => service?.stop());

  it('plans the statements of the explorer\'s first drawing, of an expansion and of its search box, with the parameter types its requests send', async () => {
    const warmed = await service!.readsWarmed;
    expect(warmed).toHaveLength(3);

    // The explorer's own client (web/src/api.ts) calls a relative /graphql, as in the page.
    const pageFetch = globalThis.fetch;
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => pageFetch(new URL(input, service!.url), init));
    const ran: Statement[] = [];
    const heard = (text: string, params?: Record<string, unknown>) => void ran.push({ text, params: params ?? {} });
    service!.database.db.onQuery.add(heard);
    try {
      await neighborhood('person:abdelmadjid-tebboune', 2, null, 120); // the first drawing of a focus
      await neighborhood('person:abdelmadjid-tebboune', 1, null, 120); // a node expanded
      await search('Tebboune'); // a name typed in the search box
    } finally {
      service!.database.db.onQuery.delete(heard);
      vi.unstubAllGlobals();
    }
    expect(ran.map((s) => s.text)).toEqual(warmed.map((s) => s.text));
    expect(ran.map((s) => parameterTypes(s.params))).toEqual(warmed.map((s) => parameterTypes(s.params)));
  });
});
