/** examples/playground.graphql: every operation runs clean on the article's graph, and GraphiQL offers them. */
import { readFileSync } from 'node:fs';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_FILE } from '../src/graphql/yoga.js';
import { HSG_OPERATIONS } from './support/examples.js';
import { useSeededServer } from './support/server.js';

const examples = readFileSync(EXAMPLES_FILE, 'utf8');
const operations = parse(examples)
  .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  .map((d) => d.name!.value)
  // Those that need the Office of the Historian's records run in tests/hsg-connector.test.ts, on that data.
  .filter((name) => !HSG_OPERATIONS.includes(name));

/** True when every list in the value is non-empty and the value holds something. */
function emptyParts(value: unknown, path = 'data'): string[] {
  if (value === null || value === undefined) return [path];
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => emptyParts(v, `${path}[${i}]`)).slice(0, 1);
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      // Optional links (a first stop has no previous stop, a meeting no attendees) may be empty,
      // and so may what a source need not state (a one-day visit has no end date, a role may go unsaid).
      ['precededBy', 'attendees', 'meetings', 'city', 'properties', 'nameAr', 'endDate', 'travelerRole'].includes(k) ? [] : emptyParts(v, `${path}.${k}`),
    );
  }
  return [];
}

describe('the playground examples', () => {
  const suite = useSeededServer();

  it('has the examples the playground promises', () => {
    expect(operations).toEqual(
      expect.arrayContaining(['WhoEsperMet', 'AlgeriaArmsSuppliers', 'TourInOrder', 'RumsfeldToRussia', 'EsperTimeline', 'SearchInArabic']),
    );
  });

  it.each(operations)('%s returns data, no errors, non-empty results', async (operationName) => {
    const response = await fetch(`${suite.server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      // Sent whole, as GraphiQL sends its tab: the limits must admit the file as it is.
      body: JSON.stringify({ query: examples, operationName }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(emptyParts(body.data)).toEqual([]);
  });

  it('answers the questions they ask', async () => {
    const run = async (operationName: string) => {
      const res = await fetch(`${suite.server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: examples, operationName }),
      });
      return ((await res.json()) as { data: any }).data;
    };
    expect((await run('WhoEsperMet')).entity.met.map((p: any) => p.id)).toContain('person:abdelmadjid-tebboune');
    expect((await run('AlgeriaArmsSuppliers')).entity.armsSuppliers[0].supplier.name).toBe('Russia');
    const tour = (await run('TourInOrder')).entity.visits.map((v: any) => v.date);
    expect([...tour].sort()).toEqual(tour);
    const path = (await run('RumsfeldToRussia')).path;
    expect([path.nodes[0].id, path.nodes.at(-1).id]).toEqual(['person:donald-rumsfeld', 'country:russia']);
    expect((await run('SearchInArabic')).search[0].id).toBe('person:abdelmadjid-tebboune');
    const visit = (await run('VisitAsSourcesTellIt')).visit;
    expect(visit.representing.name).toBe('United States');
    expect(visit.places).toEqual([{ name: 'Algiers', kind: 'CITY' }]);
    expect(visit.notes[0].source.title).toBeTruthy();
    expect((await run('VisitsMadeByTheUnitedStates')).entity.visitsMade.map((v: any) => v.host.name)).toContain('Algeria');
  });

  it('open in GraphiQL, served from this server without a CDN', async () => {
    const response = await fetch(`${suite.server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('WhoEsperMet');
    expect(html).toContain('RumsfeldToRussia');
    expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/);
  });
});
