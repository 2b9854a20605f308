/** recordRelation against the real database: only recordable types; the same relation again is updated, not doubled. */
import { describe, expect, it } from 'vitest';
import { recordableTypes } from '../src/graph/writeRelations.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD_RELATION = `
  mutation Record($input: RelationInput!) {
    recordRelation(input: $input) {
      updated
      created { id kind }
      relation { id type direction from { id } to { id name } properties
                 provenance { sourceId sources { id } paragraphs certainty } }
    }
  }`;

async function rows(query: string, params: Record<string, unknown> = {}) {
  return suite.db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}


describe('recordRelation', () => {
  it('accepts only the recordable types of the vocabulary, and says which they are', async () => {
    for (const type of ['LIKES', 'VISITED', 'MET', 'PRECEDED_BY']) {
      const result = await suite.server.gqlAuth(RECORD_RELATION, { input: { from: { id: 'country:algeria' }, type, to: { id: 'country:russia' } } });
      const error = result.errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_RELATIONSHIP_TYPE' });
      expect(error!.extensions!.allowed).toEqual(recordableTypes());
      expect(error!.message).toContain('BUYS_ARMS_FROM');
    }
    expect(recordableTypes()).not.toContain('VISITED');
    expect(recordableTypes()).toContain('HOLDS_POSITION');
  });

  it('checks that each end is of a kind the type admits', async () => {
    const result = await suite.server.gqlAuth(RECORD_RELATION, { input: { from: { id: 'person:mark-esper' }, type: 'BUYS_ARMS_FROM', to: { id: 'country:russia' } } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
  });

  it('updates the same relation instead of adding a second one', async () => {
    const count = () => rows("MATCH (:Country {id: 'country:algeria'})-[r:BUYS_ARMS_FROM]->(:Country {id: 'country:russia'}) RETURN count(r) AS n, r.share AS share, r.sources AS sources");
    const [before] = await count();
    expect(before!.n).toBe(1);
    const result = await suite.server.gqlAuth(RECORD_RELATION, {
      input: {
        from: { nameAr: 'الجزائر' }, type: 'BUYS_ARMS_FROM', to: { name: 'Russia' },
        properties: { share: 0.69, period: '2018-2022' },
        source: { title: 'Arms transfers report', publisher: 'Test Institute', publishedAt: '2023-03' },
        paragraphs: [3], certainty: 'STATED',
      },
    });
    expect(result.errors).toBeUndefined();
    const { relation, updated, created } = result.data!.recordRelation;
    expect(updated).toBe(true);
    expect(relation).toMatchObject({ type: 'BUYS_ARMS_FROM', direction: 'OUT', from: { id: 'country:algeria' }, to: { id: 'country:russia', name: 'Russia' } });
    expect(relation.properties).toMatchObject({ share: 0.69, period: '2018-2022', source: 'source:aljazeera-2020-10-02-esper-algeria' });
    expect(relation.provenance.sources.map((s: { id: string }) => s.id)).toEqual(['source:aljazeera-2020-10-02-esper-algeria', 'source:test-institute-2023-03-arms-transfers-report']);
    expect(created.map((e: { id: string }) => e.id)).toEqual(['source:test-institute-2023-03-arms-transfers-report']);
    const [after] = await count();
    expect(after).toMatchObject({ n: 1, share: 0.69 });

    const again = await suite.server.gqlAuth(RECORD_RELATION, {
      input: { from: { id: 'country:algeria' }, type: 'BUYS_ARMS_FROM', to: { id: 'country:russia' }, properties: { share: 0.69, period: '2018-2022' },
        source: { title: 'Arms transfers report', publisher: 'Test Institute', publishedAt: '2023-03' }, paragraphs: [3], certainty: 'STATED' },
    });
    expect(again.data!.recordRelation).toMatchObject({ updated: true, created: [] });
    expect((await count())[0]).toMatchObject({ n: 1, sources: after!.sources });
  });

  it('creates a new relation with new entities where kinds are given, with provenance', async () => {
    const result = await suite.server.gqlAuth(RECORD_RELATION, {
      input: {
        from: { name: 'Antony Blinken', kind: 'PERSON' }, type: 'HOLDS_POSITION', to: { name: 'US Secretary of State', kind: 'POSITION' },
        properties: { since: '2021-01-26' }, certainty: 'EXTERNAL',
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordRelation).toMatchObject({
      updated: false,
      created: [{ id: 'person:antony-blinken', kind: 'PERSON' }, { id: 'position:us-secretary-of-state', kind: 'POSITION' }],
      relation: { properties: { since: '2021-01-26', certainty: 'external' }, provenance: { certainty: 'EXTERNAL', paragraphs: [] } },
    });
  });

  it('refuses bad properties and dates', async () => {
    for (const properties of [{ since: '2021-02-30' }, { nested: { a: 1 } }, { source: 'x' }]) {
      const result = await suite.server.gqlAuth(RECORD_RELATION, { input: { from: { id: 'person:mark-esper' }, type: 'HOLDS_POSITION', to: { id: 'position:us-secretary-of-defense' }, properties } });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
