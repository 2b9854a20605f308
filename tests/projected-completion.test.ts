/**
 * A read query of one projected field is completed without the generic executor
 * (src/graphql/completeProjected.ts); its answer must be the very one the executor gives. A
 * directive on the root field (`@include(if: true)`) sends the same query through the executor,
 * and the two response texts are compared byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from './support/server.js';

const ctx = useSeededServer();

async function text(query: string, variables?: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${ctx.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return response.text();
}

/** The same query with its one root field sent through the generic executor. */
const throughExecutor = (query: string, root: string) => query.replace(root, `${root} @include(if: true)`);

const CASES: { name: string; query: string; root: string; variables?: Record<string, unknown> }[] = [
  {
    name: 'a page of visits with nested entities, aliases, __typename and a cursor',
    root: 'visits(first: 5)',
    query: `{ visits(first: 5) { totalCount edges { cursor node { __typename id date who: traveler { __typename id name ... on Person { kind } } host { id name }
      meetings { id date participants { id name } } city { id } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  },
  {
    name: 'an entity through an interface, with inline fragments, relations and a paged list',
    root: 'entity(id: $id)',
    variables: { id: 'country:algeria' },
    query: `query ($id: ID!) { entity(id: $id) { __typename id kind name labels properties
      ... on Country { visitsReceivedConnection(first: 2) { totalCount edges { node { id } } pageInfo { hasNextPage } } }
      relations(first: 3) { type direction other { id } provenance { sourceId certainty } } } }`,
  },
  {
    name: 'a search and a timeline',
    root: 'search(text: "Esper")',
    query: '{ search(text: "Esper") { id name ... on Person { visits(first: 2) { id } } } }',
  },
  {
    name: 'an entity that is not there',
    root: 'entity(id: "person:nobody-at-all")',
    query: '{ entity(id: "person:nobody-at-all") { id } }',
  },
  {
    name: 'a cursor the API did not give (an error)',
    root: 'visits(first: 2, after: "nonsense")',
    query: '{ visits(first: 2, after: "nonsense") { totalCount } }',
  },
];

describe('the projected completion', () => {
  for (const c of CASES) {
    it(`answers as the executor does: ${c.name}`, async () => {
      const [fast, generic] = [await text(c.query, c.variables), await text(throughExecutor(c.query, c.root), c.variables)];
      expect(throughExecutor(c.query, c.root)).not.toBe(c.query);
      expect(fast).toBe(generic);
      expect(fast.length).toBeGreaterThan(20);
    });
  }

  it('runs one statement for a query it completes', async () => {
    let statements = 0;
    const count = () => void (statements += 1);
    ctx.db.onQuery.add(count);
    try {
      await text(CASES[0]!.query);
    } finally {
      ctx.db.onQuery.delete(count);
    }
    expect(statements).toBe(1);
  });
});
