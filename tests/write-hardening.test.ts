/**
 * Writes that cannot corrupt the graph, through the API on the real database: a visit id is
 * never reused for another visit, concurrent writers of one name (in two spellings) create one
 * entity, and names are checked (length, control characters, bidi and zero-width characters)
 * in English and in Arabic script, with ZWNJ kept where Persian spelling needs it.
 */
import { describe, expect, it } from 'vitest';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD_VISIT = `
  mutation Record($input: VisitInput!) {
    recordVisit(input: $input) { visit { id date traveler { id name nameAr } host { id } } created { id } }
  }`;

const record = (input: Record<string, unknown>) => suite.server.gqlAuth(RECORD_VISIT, { input });

async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
  return suite.db.read(async (tx) => (await tx.run(query, params)).records[0]!.get(0) as number);
}

const ESPER_VISIT = 'visit:mark-esper-algeria-2020-10-01';

describe('a visit id names one visit', () => {
  it("refuses another traveler, host or date under an existing visit's id, and writes nothing", async () => {
    const entities = await count('MATCH (n:Entity) RETURN count(n)');
    for (const input of [
      { id: ESPER_VISIT, traveler: { name: 'X', kind: 'PERSON' }, host: { name: 'France', kind: 'COUNTRY' }, date: '1999-01-01' },
      { id: ESPER_VISIT, traveler: { id: 'person:mark-esper' }, host: { name: 'Algeria' }, date: '2020-10-02' },
      { id: 'person:mark-esper', traveler: { id: 'person:mark-esper' }, host: { name: 'Algeria' }, date: '2020-10-01' },
    ]) {
      const response = await record(input);
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await count('MATCH (v:Visit {id: $id})-[:TRAVELER]->() RETURN count(*)', { id: ESPER_VISIT })).toBe(1);
    expect(await count('MATCH (v:Visit {id: $id})-[:HOST_COUNTRY]->() RETURN count(*)', { id: ESPER_VISIT })).toBe(1);
    expect(await count('MATCH (n:Entity) RETURN count(n)')).toBe(entities);
  });

  it('accepts the id again for the same visit (it enriches it)', async () => {
    const response = await record({ id: ESPER_VISIT, traveler: { id: 'person:mark-esper' }, host: { name: 'Algeria' }, date: '2020-10-01', topics: ['Libya'] });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordVisit.visit.id).toBe(ESPER_VISIT);
  });

  it('refuses one new id given to two different visits of one import batch', async () => {
    const { importText } = await import('../src/import/files.js');
    const lines = [
      { visit: { id: 'visit:shared-id', traveler: { id: 'person:mark-esper' }, host: { name: 'Tunisia' }, date: '2020-09-30' } },
      { visit: { id: 'visit:shared-id', traveler: { id: 'person:mark-esper' }, host: { name: 'Morocco' }, date: '2020-10-02' } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const report = await importText(suite.db, lines, { strict: true });
    expect(report.applied).toBe(false);
    expect(report.failed[0]?.reason).toMatch(/shared-id/);
  });
});

describe('concurrent writers of one name', () => {
  it('20 parallel visits alternating "Twin 7 R" and "Twin ٧ R" create one person, found by either spelling afterwards', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => record({
      traveler: { name: i % 2 === 0 ? 'Twin 7 R' : 'Twin ٧ R', kind: 'PERSON' },
      host: { name: 'Algeria' },
      date: `2015-01-${String(i + 1).padStart(2, '0')}`,
    })));
    expect(results.flatMap((r) => r.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`)).toEqual([]);
    expect(await count("MATCH (p:Person) WHERE 'twin 7 r' IN p.nameKeys RETURN count(p)")).toBe(1);
    const travelers = new Set(results.map((r) => r.data!.recordVisit.visit.traveler.id));
    expect(travelers.size).toBe(1);
    for (const name of ['Twin 7 R', 'Twin ٧ R']) {
      const later = await record({ traveler: { name }, host: { name: 'Algeria' }, date: '2016-02-02' });
      expect(later.errors).toBeUndefined();
      expect(later.data!.recordVisit.visit.traveler.id).toBe([...travelers][0]);
    }
  });
});

describe('names are checked', () => {
  const refused = async (traveler: Record<string, unknown>, pattern: RegExp) => {
    const persons = await count('MATCH (p:Person) RETURN count(p)');
    const response = await record({ traveler: { kind: 'PERSON', ...traveler }, host: { name: 'Algeria' }, date: '2014-03-03' });
    expect(response.errors?.[0]?.extensions?.code, JSON.stringify(traveler)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(pattern);
    expect(response.errors?.[0]?.message).toMatch(/visit\.traveler\.name/);
    expect(await count('MATCH (p:Person) RETURN count(p)')).toBe(persons);
  };

  it('refuses names that are too long, in English and in Arabic (10,000 characters too, never an internal error)', async () => {
    await refused({ name: 'A'.repeat(201) }, /at most 200 characters/);
    await refused({ name: 'B'.repeat(10_000) }, /at most 200 characters/);
    await refused({ name: 'Long Arabic', nameAr: 'ب'.repeat(201) }, /at most 200 characters/);
  });

  it('refuses NUL, control characters and ANSI escapes', async () => {
    await refused({ name: 'Bad\u0000Name' }, /control character U\+0000/);
    await refused({ name: '\u001b[31mRed\u001b[0m' }, /control character U\+001B/);
    await refused({ name: 'Bell\u0007' }, /control character/);
    await refused({ name: 'Arabic', nameAr: 'تبون\u0085' }, /control character U\+0085/);
  });

  it('refuses bidi overrides and zero-width characters in both languages', async () => {
    await refused({ name: 'evil\u202Egnp.exe' }, /U\+202E/);
    await refused({ name: 'Arabic bidi', nameAr: '\u202Bعبد المجيد' }, /U\+202B/);
    await refused({ name: 'Ze\u200Bro Width' }, /U\+200B/);
    await refused({ name: 'Arabic zero width', nameAr: 'عبد\u200Bالمجيد' }, /U\+200B/);
    await refused({ name: 'Latin\u200Cjoiner' }, /U\+200C/);
  });

  it('keeps the zero-width non-joiner inside a Persian name, as given', async () => {
    const persian = 'محمد\u200Cجواد ظریف';
    const response = await record({ traveler: { name: 'Mohammad Javad Zarif', nameAr: persian, kind: 'PERSON' }, host: { name: 'Algeria' }, date: '2014-04-04' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordVisit.visit.traveler.nameAr).toBe(persian);
    // Found again without the ZWNJ: the name key ignores it.
    const again = await record({ traveler: { nameAr: 'محمدجواد ظریف' }, host: { name: 'Algeria' }, date: '2014-04-05' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.recordVisit.visit.traveler.id).toBe(response.data!.recordVisit.visit.traveler.id);
  });

  it('caps other text as well: a purpose of 2,001 characters is refused', async () => {
    const response = await record({ traveler: { id: 'person:mark-esper' }, host: { name: 'Algeria' }, date: '2014-05-05', purpose: 'p'.repeat(2001) });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/visit\.purpose: at most 2000/);
  });
});

describe('every input that names something is checked the same way', () => {
  const gql = (query: string, variables: Record<string, unknown>) => suite.server.gqlAuth(query, variables);
  const ADD_ALIASES = 'mutation($id: ID!, $aliases: [String!]!) { addAliases(id: $id, aliases: $aliases) { id aliases } }';
  const SET_EXTERNAL = 'mutation($id: ID!, $ids: [String!]!) { setExternalIds(id: $id, externalIds: $ids) { id } }';
  const aliasesOfEsper = async () =>
    suite.db.read(async (tx) => (await tx.run("MATCH (p:Person {id: 'person:mark-esper'}) RETURN coalesce(p.aliases, []) AS a")).records[0]!.get('a') as string[]);

  it('addAliases refuses a bidi override, a zero-width space or an overlong alias, in either language, and keeps the aliases as they were', async () => {
    const before = await aliasesOfEsper();
    for (const [alias, pattern] of [
      ['Esper\u202E', /addAliases\.aliases\[0\].*U\+202E/],
      ['مارك\u200Bإسبر', /addAliases\.aliases\[0\].*U\+200B/],
      ['E'.repeat(201), /addAliases\.aliases\[0\]: at most 200/],
      ['إ'.repeat(201), /addAliases\.aliases\[0\]: at most 200/],
    ] as const) {
      const response = await gql(ADD_ALIASES, { id: 'person:mark-esper', aliases: [alias] });
      expect(response.errors?.[0]?.extensions?.code, alias.slice(0, 20)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(pattern);
    }
    expect(await aliasesOfEsper()).toEqual(before);
  });

  it('addAliases keeps a Persian spelling with its zero-width non-joiner', async () => {
    const persian = 'مارک\u200Cاسپر';
    const response = await gql(ADD_ALIASES, { id: 'person:mark-esper', aliases: [persian] });
    expect(response.errors).toBeUndefined();
    expect(response.data!.addAliases.aliases).toContain(persian);
  });

  it('setExternalIds refuses a control character', async () => {
    const response = await gql(SET_EXTERNAL, { id: 'person:mark-esper', ids: ['wikidata:Q1\u0000'] });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/setExternalIds\.externalIds\[0\].*U\+0000/);
  });

  it("a visit's roles, places and aliases of a reference are checked like names", async () => {
    const persons = await count('MATCH (p:Person) RETURN count(p)');
    for (const [input, pattern] of [
      [{ traveler: { name: 'Role Check', kind: 'PERSON', role: 'Minister\u202E' } }, /visit\.traveler\.role.*U\+202E/],
      [{ traveler: { name: 'Alias Check', kind: 'PERSON', aliases: ['A\u200Blias'] } }, /visit\.traveler\.aliases\[0\].*U\+200B/],
      [{ traveler: { id: 'person:mark-esper' }, places: [{ name: 'P'.repeat(201), kind: 'CITY' }] }, /visit\.places\[0\]\.name: at most 200/],
    ] as const) {
      const response = await record({ host: { name: 'Algeria' }, date: '2013-06-06', ...input });
      expect(response.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 60)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(pattern);
    }
    expect(await count('MATCH (p:Person) RETURN count(p)')).toBe(persons);
  });

  it("an import file's entity and meeting records are checked too; an event's name may be as long as a title", async () => {
    const { importText } = await import('../src/import/files.js');
    const longEvent = `Ministerial meeting ${'of the friends of a long-named conference '.repeat(6)}`.trim();
    expect(longEvent.length).toBeGreaterThan(200);
    const lines = [
      { entity: { id: 'person:text-check', kind: 'PERSON', name: 'Text Check', aliases: ['T\u0007C'] } },
      { meeting: { by: { id: 'person:mark-esper' }, with: [{ name: 'M'.repeat(201), kind: 'PERSON' }], date: '2013-07-07' } },
      { entity: { id: 'event:long-named-meeting', kind: 'EVENT', name: longEvent } },
      { entity: { id: 'event:too-long-named-meeting', kind: 'EVENT', name: 'E'.repeat(501) } },
    ].map((l) => JSON.stringify(l)).join('\n');
    const report = await importText(suite.db, lines);
    expect(report.failed.map((f) => f.reason)).toEqual([
      expect.stringMatching(/entity\.aliases\[0\].*U\+0007/),
      expect.stringMatching(/meeting\.with\[0\]\.name: at most 200/),
      expect.stringMatching(/entity\.name: at most 500/),
    ]);
    expect(await count("MATCH (p:Entity {id: 'person:text-check'}) RETURN count(p)")).toBe(0);
    expect(await count("MATCH (e:Event {id: 'event:long-named-meeting'}) RETURN count(e)")).toBe(1);
  });
});
