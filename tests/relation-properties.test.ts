/**
 * A relation takes only the properties its type declares (ONTOLOGY.md), and a recorded relation
 * can be corrected (a property set or removed) or removed, with the change kept in its provenance.
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD = `mutation ($input: RelationInput!) { recordRelation(input: $input) { relation { id properties } } }`;
const ALGERIA_RUSSIA = { from: { id: 'country:algeria' }, type: 'BUYS_ARMS_FROM', to: { id: 'country:russia' } };

async function edgeProperties(): Promise<Record<string, unknown>> {
  return suite.db.read(async (tx) =>
    (await tx.run("MATCH (:Entity {id: 'country:algeria'})-[r:BUYS_ARMS_FROM]->(:Entity {id: 'country:russia'}) RETURN properties(r) AS p")).records[0]!.get('p'));
}

describe('relation properties', () => {
  it('refuses undeclared keys (injection-shaped, empty, 500 of them) and values of the wrong type, and stores nothing', async () => {
    const before = await edgeProperties();
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    for (const properties of [
      { "x` = 1 DETACH DELETE n //": 1 }, { '': 'empty' }, { 'a}) MATCH (n) DETACH DELETE n //': true }, many,
      { share: 1.5 }, { share: '0.5' }, { since: '2021-02-30' }, { traditional: true },
    ]) {
      const response = await suite.server.gqlAuth(RECORD, { input: { ...ALGERIA_RUSSIA, properties } });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(properties).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    expect(await edgeProperties()).toEqual(before);
  });

  it('accepts the declared ones', async () => {
    const response = await suite.server.gqlAuth(RECORD, { input: { ...ALGERIA_RUSSIA, properties: { share: 0.69, period: '2018-2022' } } });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordRelation.relation.properties).toMatchObject({ share: 0.69, period: '2018-2022' });
  });

  it('corrects a property and removes another, keeping the correction in the provenance', async () => {
    const { id } = (await suite.server.gqlAuth(RECORD, { input: { ...ALGERIA_RUSSIA, properties: { share: 0.69, period: '2018-2022' } } })).data!.recordRelation.relation;
    const corrected = await suite.server.gqlAuth(
      `mutation ($input: CorrectRelationInput!) { correctRelation(input: $input) { id type properties from { id } to { id } } }`,
      { input: { id, set: { share: 0.73 }, remove: ['period'], reason: 'SIPRI 2023 figures' } },
    );
    expect(corrected.errors).toBeUndefined();
    const properties = corrected.data!.correctRelation.properties;
    expect(properties.share).toBe(0.73);
    expect(properties.period).toBeUndefined();
    const [correction] = (properties.corrections as string[]).map((c) => JSON.parse(c));
    expect(correction).toMatchObject({ set: { share: 0.73 }, removed: ['period'], was: { share: 0.69, period: '2018-2022' }, reason: 'SIPRI 2023 figures' });
    expect(await edgeProperties()).toMatchObject({ share: 0.73, certainty: 'stated' });

    const bad = await suite.server.gqlAuth(`mutation ($input: CorrectRelationInput!) { correctRelation(input: $input) { id } }`, { input: { id, set: { evil: 1 }, reason: 'x' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('removes a relation, keeping a Retraction with what it said and why; refuses without the key', async () => {
    const { id } = (await suite.server.gqlAuth(RECORD, { input: { from: { id: 'country:algeria' }, type: 'PARTNER_OF', to: { id: 'country:russia' } } })).data!.recordRelation.relation;
    const REMOVE = `mutation ($input: RemoveRelationInput!) { removeRelation(input: $input) { id type fromId toId reason } }`;
    const anonymous = await suite.server.gql(REMOVE, { input: { id, reason: 'test' } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const removed = await suite.server.gqlAuth(REMOVE, { input: { id, reason: 'recorded by mistake' } });
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.removeRelation).toMatchObject({ type: 'PARTNER_OF', fromId: 'country:algeria', toId: 'country:russia', reason: 'recorded by mistake' });
    const left = await suite.db.read(async (tx) => (await tx.run("MATCH (:Entity {id: 'country:algeria'})-[r:PARTNER_OF]->(:Entity {id: 'country:russia'}) RETURN count(r) AS n")).records[0]!.get('n'));
    expect(left).toBe(0);
    const retraction = await suite.db.read(async (tx) => (await tx.run('MATCH (t:Retraction {relationId: $id}) RETURN t.reason AS reason, t.type AS type', { id })).records[0]!.toObject());
    expect(retraction).toEqual({ reason: 'recorded by mistake', type: 'PARTNER_OF' });
    const visitEdge = await suite.db.read(async (tx) => (await tx.run("MATCH (:Visit)-[r:TRAVELER]->() RETURN elementId(r) AS id LIMIT 1")).records[0]!.get('id'));
    const structural = await suite.server.gqlAuth(REMOVE, { input: { id: visitEdge, reason: 'no' } });
    expect(structural.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
