/**
 * Entity resolution against the real database: each rule with the reason it reports, the
 * guards that keep different people apart, the absorb step, candidates on unknown references,
 * kind narrowing, and the curation mutations with their refusals, in English and Arabic.
 */
import { describe, expect, it } from 'vitest';
import { applyRepairs } from '../src/graph/repairs.js';
import { importText } from '../src/import/files.js';
import { writeVisits } from '../src/graph/writeVisits.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

const RECORD_VISIT = `
  mutation Record($input: VisitInput!) {
    recordVisit(input: $input) {
      visit { id traveler { id name } }
      resolutions { at reason created entity { id name } }
    }
  }`;

const RECORD_RELATION = `
  mutation Record($input: RelationInput!) {
    recordRelation(input: $input) { resolutions { at reason entity { id kind } } }
  }`;

async function visit(traveler: Record<string, unknown>, date: string, host = { id: 'country:algeria' }) {
  const result = await suite.server.gqlAuth(RECORD_VISIT, { input: { traveler, host, date } });
  return result;
}

const RECORD_RESOLUTIONS = `
  mutation Record($input: VisitInput!) {
    recordVisit(input: $input) { resolutions { at reason created entity { id name aliases } } }
  }`;
type Resolution = { at: string; reason: string; created: boolean; entity: { id: string; name: string; aliases: string[] } };

/** Records a visit and returns the resolution of the reference at `at` (the traveler by default). */
async function record(input: Record<string, unknown>, at = 'input.traveler'): Promise<Resolution> {
  const result = await suite.server.gqlAuth(RECORD_RESOLUTIONS, { input });
  expect(result.errors).toBeUndefined();
  return (result.data!.recordVisit.resolutions as Resolution[]).find((r) => r.at === at)!;
}

/** The traveler's resolution of a visit to Algeria. */
const travelerOf = (traveler: Record<string, unknown>, date: string) => record({ traveler, host: { id: 'country:algeria' }, date });

async function count(query: string, params: Record<string, unknown> = {}): Promise<number> {
  return suite.db.read(async (tx) => Number((await tx.run(query, params)).records[0]!.get(0)));
}

describe('resolution rules', () => {
  it('joins a name without its middle name, and says so; exact and alias matches say so too', async () => {
    const first = await travelerOf({ name: 'Antony John Blinken', kind: 'PERSON', aliases: ['أنتوني بلينكن'] }, '2022-03-30');
    expect(first).toMatchObject({ reason: 'new', created: true });
    const id = first.entity.id;
    expect(await travelerOf({ name: 'Antony Blinken' }, '2022-04-01')).toMatchObject({ reason: 'name-variant', created: false, entity: { id } });
    expect(await travelerOf({ name: 'Antony J. Blinken', kind: 'PERSON' }, '2022-04-02')).toMatchObject({ reason: 'name-variant', entity: { id } });
    expect(await travelerOf({ name: 'Antony John Blinken' }, '2022-04-03')).toMatchObject({ reason: 'exact', entity: { id } });
    expect(await travelerOf({ nameAr: 'انتوني بلينكن' }, '2022-04-04')).toMatchObject({ reason: 'alias', entity: { id } });
    expect(await travelerOf({ name: 'Blinken', kind: 'PERSON' }, '2022-04-05')).toMatchObject({ reason: 'surname-in-context', entity: { id } });
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Blinken' RETURN count(p)")).toBe(1);
  });

  it('folds known transliterations and particles: Dmitry/Dmitri, Sergei/Sergey, Mohamed/Muhammad, al-', async () => {
    for (const [first, second] of [['Dmitry Medvedev', 'Dmitriy Medvedev'], ['Sergei Lavrov', 'Sergey Lavrov'], ['Mohamed Salah Dembri', 'Muhammad Salah Dembri'], ['Nouri al-Maliki', 'Nuri Maliki'], ['Abdelmalek Sellal', 'Abdelmalik Sellal'], ['Houari Boumediene', 'Houari Boumedienne']]) {
      const a = await travelerOf({ name: first, kind: 'PERSON' }, '2010-05-01');
      expect(a.created, first).toBe(true);
      const b = await travelerOf({ name: second, kind: 'PERSON' }, '2010-06-01');
      expect(b, second).toMatchObject({ reason: 'name-variant', created: false, entity: { id: a.entity.id } });
    }
  });

  it('takes a surname one letter off only with the same given name and a long surname', async () => {
    const a = await travelerOf({ name: 'Abdelaziz Bouteflika', kind: 'PERSON' }, '2001-01-01');
    expect(await travelerOf({ name: 'Abdelaziz Boutefilka', kind: 'PERSON' }, '2001-02-01')).toMatchObject({ reason: 'close-spelling', entity: { id: a.entity.id } });
    // Another given name, or a short surname: a different person.
    expect(await travelerOf({ name: 'Said Bouteflika', kind: 'PERSON' }, '2001-03-01')).toMatchObject({ reason: 'new', created: true });
    await travelerOf({ name: 'John Kerr', kind: 'PERSON' }, '2001-03-01');
    expect(await travelerOf({ name: 'John Kerry', kind: 'PERSON' }, '2001-04-01')).toMatchObject({ reason: 'new', created: true });
  });

  it('keeps people of one surname apart: different middle initials, and a surname alone goes to the one active then', async () => {
    const elder = await travelerOf({ name: 'George H. W. Bush', kind: 'PERSON' }, '1990-11-21');
    const younger = await travelerOf({ name: 'George W. Bush', kind: 'PERSON' }, '2003-06-03');
    expect(younger).toMatchObject({ reason: 'new', created: true });
    expect(younger.entity.id).not.toBe(elder.entity.id);
    const hafez = await travelerOf({ name: 'Hafez al-Assad', kind: 'PERSON' }, '1977-05-09');
    const bashar = await travelerOf({ name: 'Bashar al-Assad', kind: 'PERSON' }, '2010-02-01');
    expect(bashar.entity.id).not.toBe(hafez.entity.id);
    expect(await travelerOf({ name: 'Assad', kind: 'PERSON' }, '1978-01-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: hafez.entity.id } });
    expect(await travelerOf({ name: 'al-Assad', kind: 'PERSON' }, '2011-01-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: bashar.entity.id } });
    // The only bearer of a surname, active only decades later, is someone else's namesake.
    const ziaur = await travelerOf({ name: 'Ziaur Rahman', kind: 'PERSON' }, '1977-06-01');
    const tunku = await travelerOf({ name: 'Rahman', kind: 'PERSON' }, '1960-10-25');
    expect(tunku).toMatchObject({ reason: 'new', created: true });
    expect(tunku.entity.id).not.toBe(ziaur.entity.id);
    // Without a kind, a surname that fits two people active then is an error listing both.
    await travelerOf({ name: 'Hafez al-Assad' }, '1998-01-01');
    await travelerOf({ name: 'Bashar al-Assad' }, '1999-01-01');
    const unclear = await visit({ name: 'Assad' }, '1999-06-01');
    expect(unclear.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'AMBIGUOUS_REFERENCE' });
    expect(unclear.errors![0]!.extensions!.candidates.map((c: { id: string }) => c.id).sort()).toEqual([bashar.entity.id, hafez.entity.id].sort());
  });
});

describe('names a rule matched are kept as aliases', () => {
  const aliasesOf = async (id: string) => (await suite.server.gql(`{ entity(id: "${id}") { aliases } }`)).data!.entity.aliases as string[];

  it('keeps a spelling or a fuller form of the name, in both languages, so the next mention matches as an alias', async () => {
    const lavrov = await travelerOf({ name: 'Sergei Lavrovik', kind: 'PERSON' }, '2012-05-01');
    expect(await travelerOf({ name: 'Sergey Lavrovik', nameAr: 'سيرغي لافروفيك', kind: 'PERSON' }, '2013-05-01'))
      .toMatchObject({ reason: 'name-variant', entity: { id: lavrov.entity.id } });
    expect(await aliasesOf(lavrov.entity.id)).toEqual(expect.arrayContaining(['Sergey Lavrovik', 'سيرغي لافروفيك']));
    expect(await travelerOf({ name: 'Sergey Lavrovik' }, '2030-01-01')).toMatchObject({ reason: 'alias', entity: { id: lavrov.entity.id } });
    expect(await travelerOf({ nameAr: 'سيرغي لافروفيك' }, '2030-02-01')).toMatchObject({ reason: 'alias', entity: { id: lavrov.entity.id } });
    const ouyahia = await travelerOf({ name: 'Ahmed Ouyahiani', kind: 'PERSON' }, '2001-01-01');
    await travelerOf({ name: 'Ahmed Ouyahaini', kind: 'PERSON' }, '2001-02-01');
    expect(await travelerOf({ name: 'Ahmed Ouyahaini' }, '2001-03-01')).toMatchObject({ reason: 'alias', entity: { id: ouyahia.entity.id } });
  });

  it('tells two namesakes apart by the fuller name it kept: "Hamad bin Jassim" is not the "Hamad Thani" who is Hamad bin Khalifa', async () => {
    const emir = await travelerOf({ name: 'Hamad Thaniq', kind: 'PERSON' }, '2003-06-04');
    expect(await travelerOf({ name: 'Hamad bin Khalifa al-Thaniq', kind: 'PERSON' }, '2004-01-01'))
      .toMatchObject({ reason: 'name-variant', entity: { id: emir.entity.id } });
    expect(await aliasesOf(emir.entity.id)).toContain('Hamad bin Khalifa al-Thaniq');
    const minister = await travelerOf({ name: 'Hamad bin Jassim al-Thaniq', kind: 'PERSON' }, '2004-02-01');
    expect(minister).toMatchObject({ reason: 'new', created: true });
    expect(await travelerOf({ name: 'Hamad bin Khalifa al-Thaniq' }, '2005-01-01')).toMatchObject({ reason: 'alias', entity: { id: emir.entity.id } });
  });

  it('weighs the names one record teaches before the next reference of the same record: an emir and his minister met together are two men', async () => {
    const emir = await travelerOf({ name: 'Hamad Thanim', kind: 'PERSON' }, '2009-06-04');
    const result = await suite.server.gqlAuth(RECORD_VISIT, { input: {
      traveler: { id: 'person:mark-esper' }, host: { id: 'country:algeria' }, date: '2010-02-14',
      meetings: [{ with: [{ name: 'Sheikh Hamad bin Khalifa al-Thanim', kind: 'PERSON' }, { name: 'Hamad bin Jassim al-Thanim', kind: 'PERSON' }] }],
    } });
    expect(result.errors).toBeUndefined();
    const met = (result.data!.recordVisit.resolutions as { at: string; reason: string; entity: { id: string } }[]).filter((r) => r.at.includes('with'));
    expect(met[0]).toMatchObject({ reason: 'name-variant', entity: { id: emir.entity.id } });
    expect(met[1]).toMatchObject({ reason: 'new' });
    expect(met[1]!.entity.id).not.toBe(emir.entity.id);
  });

  it('keeps no surname alone and no shorter form a namesake could bear', async () => {
    const hafez = await travelerOf({ name: 'Hafez al-Assadov', kind: 'PERSON' }, '1977-05-09');
    expect(await travelerOf({ name: 'Assadov', kind: 'PERSON' }, '1978-01-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: hafez.entity.id } });
    const son = await travelerOf({ name: 'Ferdinand Romualdez Marcosov Jr', kind: 'PERSON' }, '2022-09-20');
    expect(await travelerOf({ name: 'Ferdinand Marcosov', kind: 'PERSON' }, '2023-05-01')).toMatchObject({ reason: 'name-variant', entity: { id: son.entity.id } });
    expect(await aliasesOf(hafez.entity.id)).toEqual([]);
    expect(await aliasesOf(son.entity.id)).toEqual([]);
    // So the son's father, decades earlier, and the later Assad are still told apart by the rules.
    const bashar = await travelerOf({ name: 'Bashar al-Assadov', kind: 'PERSON' }, '2010-02-01');
    expect(await travelerOf({ name: 'Assadov', kind: 'PERSON' }, '2011-01-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: bashar.entity.id } });
    expect(await travelerOf({ name: 'Ferdinand Marcosov', kind: 'PERSON' }, '1966-09-14')).toMatchObject({ reason: 'new', created: true });
  });

  it('gives a person created in the same batch the names a rule matched', { timeout: 240_000 }, async () => {
    const results = await suite.db.write((tx) => writeVisits(tx, [
      { traveler: { name: 'Dmitry Medvedevik', kind: 'PERSON' }, host: { id: 'country:algeria' }, date: '2010-05-01' },
      { traveler: { name: 'Dmitriy Medvedevik', kind: 'PERSON' }, host: { id: 'country:algeria' }, date: '2010-06-01' },
    ]));
    const [first, second] = results.map((r) => r.resolutions.find((x) => x.at.endsWith('.traveler'))!);
    expect(second).toMatchObject({ id: first!.id, reason: 'name-variant' });
    expect(await aliasesOf(first!.id)).toEqual(['Dmitriy Medvedevik']);
  });
});

describe('a short form that came first', () => {
  it('is absorbed by the full name when it arrives, with its visits and its id', async () => {
    const short = await travelerOf({ name: 'Putin', kind: 'PERSON' }, '2006-03-10');
    expect(short.created).toBe(true);
    const full = await travelerOf({ name: 'Vladimir Putin', kind: 'PERSON' }, '2008-05-01');
    expect(full).toMatchObject({ reason: 'absorbed-short-form', created: true });
    expect(await count('MATCH (p:Person) WHERE p.name IN ["Putin", "Vladimir Putin"] RETURN count(p)')).toBe(1);
    expect(await count('MATCH (:Person {id: $id})<-[:TRAVELER]-(v:Visit) RETURN count(v)', { id: full.entity.id })).toBe(2);
    expect(await count('MATCH (:Person {id: $id})-[:VISITED]->(c) RETURN count(c)', { id: full.entity.id })).toBe(2);
    const old = await suite.server.gql(`{ entity(id: "${short.entity.id}") { id name aliases } }`);
    expect(old.data!.entity).toMatchObject({ id: full.entity.id, name: 'Vladimir Putin', aliases: ['Putin'] });
    expect(await travelerOf({ id: short.entity.id }, '2023-06-01')).toMatchObject({ reason: 'merged-id', entity: { id: full.entity.id } });
  });

  it('stays an alias that a namesake of another generation does not match', async () => {
    await travelerOf({ name: 'Kadyrovik', kind: 'PERSON' }, '2008-03-10');
    const full = await travelerOf({ name: 'Ramzan Kadyrovik', kind: 'PERSON' }, '2009-05-01');
    expect(full).toMatchObject({ reason: 'absorbed-short-form' });
    const shown = await suite.server.gql(`{ entity(id: "${full.entity.id}") { aliases } }`);
    expect(shown.data!.entity.aliases).toEqual(['Kadyrovik']);
    // Near his dates the surname alone is him, weighed in context; forty years earlier it is someone else.
    expect(await travelerOf({ name: 'Kadyrovik', kind: 'PERSON' }, '2010-01-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: full.entity.id } });
    const elder = await travelerOf({ name: 'Kadyrovik', kind: 'PERSON' }, '1968-01-01');
    expect(elder).toMatchObject({ reason: 'new', created: true });
    expect(elder.entity.id).not.toBe(full.entity.id);
  });

  it('leaves its id to the person who absorbed it: a later namesake gets an id of its own', async () => {
    const short = await travelerOf({ name: 'Tokayevik', kind: 'PERSON' }, '2008-03-10');
    const full = await travelerOf({ name: 'Kassym Tokayevik', kind: 'PERSON' }, '2009-05-01');
    expect(full).toMatchObject({ reason: 'absorbed-short-form' });
    const elder = await travelerOf({ name: 'Tokayevik', kind: 'PERSON' }, '1968-01-01');
    expect(elder).toMatchObject({ reason: 'new', created: true });
    expect(elder.entity.id).not.toBe(short.entity.id);
    // The absorbed node's id still answers for the person who took it over, and only for them.
    const old = await suite.server.gql(`{ entity(id: "${short.entity.id}") { id name } }`);
    expect(old.data!.entity).toEqual({ id: full.entity.id, name: 'Kassym Tokayevik' });
    expect(await travelerOf({ id: short.entity.id }, '2010-06-01')).toMatchObject({ reason: 'merged-id', entity: { id: full.entity.id } });
    expect(await count('MATCH (p:Person {id: $id, name: "Tokayevik"}) RETURN count(p)', { id: elder.entity.id })).toBe(1);
  });

  it('taken over inside one batch, stays an alias that a later namesake does not match', { timeout: 240_000 }, async () => {
    const [short, full] = (await suite.db.write((tx) => writeVisits(tx, [
      { traveler: { name: 'Nazarbaevik', kind: 'PERSON' }, host: { id: 'country:algeria' }, date: '1995-05-01' },
      { traveler: { name: 'Nursultan Nazarbaevik', kind: 'PERSON' }, host: { id: 'country:france' }, date: '1996-05-01' },
    ]))).map((r) => r.resolutions.find((x) => x.at.endsWith('.traveler'))!);
    expect(full).toMatchObject({ id: short!.id, reason: 'absorbed-short-form' });
    const shown = await suite.server.gql(`{ entity(id: "${full!.id}") { name aliases } }`);
    expect(shown.data!.entity).toEqual({ name: 'Nursultan Nazarbaevik', aliases: ['Nazarbaevik'] });
    const later = await travelerOf({ name: 'Nazarbaevik', kind: 'PERSON' }, '2040-01-01');
    expect(later).toMatchObject({ reason: 'new', created: true });
  });

  it('is not absorbed by a full name of that surname recorded decades away', async () => {
    const king = await travelerOf({ name: 'Husseini', kind: 'PERSON' }, '1960-03-10');
    const son = await travelerOf({ name: 'Abdullah II ibn Al Husseini', kind: 'PERSON' }, '2005-05-01');
    expect(son).toMatchObject({ reason: 'new', created: true });
    expect(await count('MATCH (p:Person {id: $id}) RETURN count(p)', { id: king.entity.id })).toBe(1);
    // The regnal number names the king, whatever follows it.
    expect(await travelerOf({ name: 'King Abdullah II', kind: 'PERSON' }, '2006-01-01')).toMatchObject({ reason: 'name-variant', entity: { id: son.entity.id } });
  });
});

describe('a short form absorbed inside a batch', () => {
  it('sends the batch\'s other references to the short form to the new node', { timeout: 240_000 }, async () => {
    await travelerOf({ name: 'Kosygin', kind: 'PERSON' }, '1966-01-04');
    const results = await suite.db.write((tx) => writeVisits(tx, [
      { traveler: { name: 'Alexei Kosygin', kind: 'PERSON' }, host: { id: 'country:france' }, date: '1966-12-01' },
      { traveler: { name: 'Kosygin', kind: 'PERSON' }, host: { id: 'country:algeria' }, date: '1967-01-01', meetings: [{ with: [{ name: 'Kosygin-Host', kind: 'PERSON' }] }] },
    ]));
    const ids = results.map((r) => r.resolutions.find((x) => x.at.endsWith('.traveler'))!.id);
    expect(ids[0]).toBe(ids[1]);
    expect(await count('MATCH (:Person {id: $id})<-[:TRAVELER]-(v:Visit) RETURN count(v)', { id: ids[0] })).toBe(3);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Kosygin' AND p.name <> 'Kosygin-Host' RETURN count(p)")).toBe(1);
  });
});

describe('one batch (as the importer writes it)', () => {
  const travelers = (results: Awaited<ReturnType<typeof writeVisits>>) =>
    results.map((r) => r.resolutions.find((x) => x.at.endsWith('.traveler'))!);
  const visitTo = (name: string, date: string, extra: Record<string, unknown> = {}) =>
    ({ traveler: { name, kind: 'PERSON' as const, ...extra }, host: { id: 'country:algeria' }, date });

  it('joins its own mentions by the person rules: a short form first, then the full name, and spelling variants', { timeout: 240_000 }, async () => {
    const results = travelers(await suite.db.write((tx) => writeVisits(tx, [
      visitTo('Medvedchuk', '2001-05-01'),
      visitTo('Viktor Medvedchuk', '2002-05-01'),
      visitTo('Medvedchuk', '2003-05-01'),
      visitTo('Mohammad Javad Zarifi', '2015-04-01'),
      visitTo('Mohammed Zarifi', '2015-09-01'),
      visitTo('Abdel Fattah El-Sisito', '2016-04-01'),
      visitTo('Abdul Fatah al-Sisito', '2016-09-01'),
    ])));
    expect(results.map((r) => r.reason)).toEqual(['new', 'absorbed-short-form', 'new', 'new', 'name-variant', 'new', 'name-variant']);
    expect(new Set(results.slice(0, 3).map((r) => r.id)).size).toBe(1);
    expect(results[4]!.id).toBe(results[3]!.id);
    expect(results[6]!.id).toBe(results[5]!.id);
    const medvedchuk = await suite.server.gql(`{ entity(id: "${results[0]!.id}") { name aliases ... on Person { visits { date } } } }`);
    expect(medvedchuk.data!.entity).toMatchObject({ name: 'Viktor Medvedchuk', aliases: ['Medvedchuk'] });
    expect(medvedchuk.data!.entity.visits).toHaveLength(3);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Zarifi' OR p.name CONTAINS 'Sisito' RETURN count(p)")).toBe(2);
  });

  it('keeps namesakes apart inside a batch as across batches', { timeout: 240_000 }, async () => {
    const results = travelers(await suite.db.write((tx) => writeVisits(tx, [
      visitTo('Hafez al-Assadi', '1977-05-09'),
      visitTo('Bashar al-Assadi', '2010-02-01'),
      visitTo('Assadi', '1978-01-01'),
      visitTo('Assadi', '2011-01-01'),
      visitTo('George Herbert Walker Bushy', '1990-11-21'),
      visitTo('George Walker Bushy', '2003-06-03'),
      visitTo('Bushy', '1950-01-01'),
    ])));
    const [hafez, bashar, early, late, elder, younger, bare] = results;
    expect(bashar!.id).not.toBe(hafez!.id);
    expect(early).toMatchObject({ id: hafez!.id, reason: 'surname-in-context' });
    expect(late).toMatchObject({ id: bashar!.id, reason: 'surname-in-context' });
    expect(younger!.id).not.toBe(elder!.id);
    expect(bare).toMatchObject({ reason: 'new' });
    expect([elder!.id, younger!.id]).not.toContain(bare!.id);
  });
});

describe('shorter forms and namesakes decades apart', () => {
  it('joins a name without its middle name or "Jr" only to a person active near the date', async () => {
    const son = await travelerOf({ name: 'Ferdinand Romualdez Marcos Jr', kind: 'PERSON' }, '2022-09-20');
    const father = await travelerOf({ name: 'Ferdinand Marcos', kind: 'PERSON' }, '1966-09-14');
    expect(father).toMatchObject({ reason: 'new', created: true });
    expect(await travelerOf({ name: 'Ferdinand Marcos Jr', kind: 'PERSON' }, '2023-05-01')).toMatchObject({ reason: 'name-variant', entity: { id: son.entity.id } });
    const irfaan = await travelerOf({ name: 'Mohamed Irfaan Ali', kind: 'PERSON' }, '2022-06-08');
    const bogra = await travelerOf({ name: 'Mohammed Ali', kind: 'PERSON' }, '1954-10-14');
    expect(bogra.entity.id).not.toBe(irfaan.entity.id);
    // Near the date, the shorter form is the same man.
    expect(await travelerOf({ name: 'Mohammed Irfaan Ali', kind: 'PERSON' }, '2023-01-10')).toMatchObject({ reason: 'name-variant', entity: { id: irfaan.entity.id } });
    // Mahmood is not Mohamed, though their consonants are the same.
    const guyana = await travelerOf({ name: 'Mohamed Irfaan Alix', kind: 'PERSON' }, '2020-08-01');
    const bangladesh = await travelerOf({ name: 'Mahmood Alix', kind: 'PERSON' }, '2016-08-29');
    expect(bangladesh).toMatchObject({ reason: 'new', created: true });
    expect(await travelerOf({ name: 'Mohammed Alix', kind: 'PERSON' }, '2021-01-01')).toMatchObject({ reason: 'name-variant', entity: { id: guyana.entity.id } });
    // Twelve years apart, a fuller name is another man's: the prime minister of 2008 and the emir's son of 2020.
    const minister = await travelerOf({ name: 'Sheikh Nasser al-Sabahov', kind: 'PERSON' }, '2008-09-17');
    const emirsSon = await travelerOf({ name: 'Nasser Sabah Al-Ahmed Al-Sabahov', kind: 'PERSON' }, '2020-09-18');
    expect(emirsSon).toMatchObject({ reason: 'new', created: true });
    expect(emirsSon.entity.id).not.toBe(minister.entity.id);
    // A shorter form beside a namesake with other middle names is unclear: not joined.
    const short = await travelerOf({ name: 'Hamad Thanij', kind: 'PERSON' }, '2003-06-04');
    const khalifa = await travelerOf({ name: 'Hamad bin Khalifa Thanij', kind: 'PERSON' }, '1980-01-01');
    expect(khalifa.entity.id).not.toBe(short.entity.id);
    const jassim = await travelerOf({ name: 'Hamad bin Jassim Thanij', kind: 'PERSON' }, '2004-01-01');
    expect(jassim).toMatchObject({ reason: 'new', created: true });
  });

  it('reads a regnal number as part of the name: "Hassan II" is no bare surname, "Mohamed VI" is "Mohammed VI"', async () => {
    const king = await travelerOf({ name: 'Mohammed VI', kind: 'PERSON' }, '2002-04-21');
    expect(await travelerOf({ name: 'Mohamed VI', kind: 'PERSON' }, '2004-07-01')).toMatchObject({ reason: 'name-variant', entity: { id: king.entity.id } });
    const samia = await travelerOf({ name: 'Samia Suluhu Hassanov', kind: 'PERSON' }, '2022-04-15');
    const hassan = await travelerOf({ name: 'Hassanov II', kind: 'PERSON' }, '2022-06-01');
    expect(hassan).toMatchObject({ reason: 'new', created: true });
    expect(await travelerOf({ name: 'Hassanov', kind: 'PERSON' }, '2022-05-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: samia.entity.id } });
  });

  it('reads a royal title before one word as a given name: "King Abdullahi" is no Saifuddin Abdullahi, and "Prime Minister King" is a Mr King', async () => {
    const minister = await travelerOf({ name: 'Saifuddin Abdullahi', kind: 'PERSON' }, '2022-03-01');
    const king = await travelerOf({ name: 'King Abdullahi', kind: 'PERSON' }, '2023-02-02');
    expect(king).toMatchObject({ reason: 'new', created: true });
    expect(king.entity.id).not.toBe(minister.entity.id);
    expect(await travelerOf({ name: 'Prince Abdullahi', kind: 'PERSON' }, '2023-03-01')).toMatchObject({ reason: 'new', created: true });
    // A title goes before a name: after it, the same word is a surname.
    const canadian = await travelerOf({ name: 'William Mackenzie King', kind: 'PERSON' }, '1943-05-01');
    expect(await travelerOf({ name: 'Prime Minister King', kind: 'PERSON' }, '1944-02-01')).toMatchObject({ reason: 'surname-in-context', entity: { id: canadian.entity.id } });
  });

  it('brings people\'s stored name keys up to date at start, once', async () => {
    const { entity } = await travelerOf({ name: 'Kwame Nkrumaho', kind: 'PERSON' }, '1958-07-23');
    await suite.db.write((tx) => tx.run('MATCH (p:Person {id: $id}) SET p.personKeys = ["stale"], p.surnameKey = "stale"', { id: entity.id }));
    expect((await applyRepairs(suite.db)).personKeysRefreshed).toBe(1);
    expect(await travelerOf({ name: 'Nkrumaho', kind: 'PERSON' }, '1958-07-24')).toMatchObject({ reason: 'surname-in-context', entity: { id: entity.id } });
    expect((await applyRepairs(suite.db)).personKeysRefreshed).toBe(0);
  });
});

describe('once a whole import is in', () => {
  const line = (name: string, date: string) => JSON.stringify({ visit: { traveler: { name, kind: 'PERSON' }, host: { id: 'country:algeria' }, date } });
  const personOf = async (name: string) => (await suite.db.read(async (tx) => (await tx.run(
    'MATCH (p:Person) WHERE p.name = $name OR $name IN coalesce(p.aliases, []) RETURN collect(p.id) AS ids', { name },
  )).records[0]!.get('ids'))) as string[];

  it('applies the person rules again with everything the file brought, and keeps namesakes apart', { timeout: 240_000 }, async () => {
    const file = [
      line('Ivan Petrovskiy', '2005-01-01'),
      // Known so far only from 2005: a surname alone in 1999 is left a node of its own...
      line('Petrovskiy', '1999-06-01'),
      // ...until the file shows him active from 2000.
      line('Ivan Petrovskiy', '2000-01-01'),
      line('Hubert A. Ingrahamov', '1985-01-01'),
      line('Hubert Ingrahamov', '2008-01-01'),
      line('Hubert A. Ingrahamov', '2005-01-01'),
      // Namesakes decades apart stay apart.
      line('Uhuru Kenyattov', '2014-01-01'),
      line('Kenyattov', '1970-01-01'),
      // A short form that fits two different people is left for review.
      line('Hamad bin Khalifa Thanix', '2010-01-01'),
      line('Hamad bin Jassim Thanix', '2010-02-01'),
      line('Hamad Thanix', '2010-03-01'),
    ].join('\n');
    const report = await importText(suite.db, file, { batchSize: 1, settlePeople: true });
    expect(report.failed).toEqual([]);
    expect(report.settled).toBeGreaterThanOrEqual(2);
    expect(await personOf('Petrovskiy')).toEqual(await personOf('Ivan Petrovskiy'));
    expect(await personOf('Hubert Ingrahamov')).toEqual(await personOf('Hubert A. Ingrahamov'));
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Petrovskiy' OR p.name CONTAINS 'Ingrahamov' RETURN count(p)")).toBe(2);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Kenyattov' RETURN count(p)")).toBe(2);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Thanix' RETURN count(p)")).toBe(3);
    // The merged short form's visit went with it, and its id answers.
    const [ivan] = await personOf('Ivan Petrovskiy');
    expect(await count('MATCH (:Person {id: $id})<-[:TRAVELER]-(v:Visit) RETURN count(v)', { id: ivan })).toBe(3);
    const old = await suite.server.gql('{ entity(id: "person:petrovskiy") { id } }');
    expect(old.data!.entity).toEqual({ id: ivan });
  });
});

describe('terms of office', () => {
  const holds = (personId: string, post: string, since: string, until: string) => suite.server.gqlAuth(RECORD_RELATION, {
    input: { from: { id: personId }, type: 'HOLDS_POSITION', to: { name: post, kind: 'POSITION' }, properties: { since, until } },
  });

  it('takes a surname alone for the person whose term covers the date, however far their recorded visits; a successor\'s term does not reach back', async () => {
    const tito = await travelerOf({ name: 'Josip Broz Titovac', kind: 'PERSON' }, '1971-10-27');
    // Eleven years before his first recorded visit: outside the three-year margin...
    expect((await holds(tito.entity.id, 'President of Yugoslaviac', '1953-01-14', '1980-05-04')).errors).toBeUndefined();
    // ...but in his term of office.
    expect(await travelerOf({ name: 'Titovac', kind: 'PERSON' }, '1960-09-22')).toMatchObject({ reason: 'surname-in-context', entity: { id: tito.entity.id } });
    const joseph = await travelerOf({ name: 'Joseph Kabilov', kind: 'PERSON' }, '2002-05-01');
    await holds(joseph.entity.id, 'President of Congox', '2001-01-26', '2019-01-24');
    const father = await travelerOf({ name: 'Kabilov', kind: 'PERSON' }, '1997-05-01');
    expect(father).toMatchObject({ reason: 'new', created: true });
    expect(father.entity.id).not.toBe(joseph.entity.id);
  });

  it('joins a short form recorded first once the import is in, when a term covers its dates, and keeps a registry\'s two people of one name apart', { timeout: 240_000 }, async () => {
    const visitLine = (traveler: Record<string, unknown>, date: string) => JSON.stringify({ visit: { traveler: { kind: 'PERSON', ...traveler }, host: { id: 'country:algeria' }, date } });
    const file = [
      visitLine({ name: 'Prime Minister Fanfanov', role: 'Prime Minister' }, '1958-07-01'),
      visitLine({ name: 'Amintore Fanfanov', role: 'Prime Minister' }, '1983-01-01'),
      JSON.stringify({ relation: { from: { name: 'Amintore Fanfanov' }, type: 'HOLDS_POSITION', to: { name: 'Prime Minister of Italyx', kind: 'POSITION' }, properties: { since: '1958-07-01', until: '1959-02-15' } } }),
      // The same name thirty years apart, without a term: a namesake for all the rules know.
      visitLine({ name: 'Prime Minister Frasero' }, '1942-05-01'),
      visitLine({ name: 'John Malcolm Frasero' }, '1976-07-01'),
      // Two undated people a registry tells apart, one a shorter form of the other.
      JSON.stringify({ entity: { id: 'person:john-adamsov', kind: 'PERSON', name: 'John Adamsov', properties: { hsgId: 'adams-john' } } }),
      JSON.stringify({ entity: { id: 'person:john-quincy-adamsov', kind: 'PERSON', name: 'John Quincy Adamsov', properties: { hsgId: 'adams-john-quincy' } } }),
    ].join('\n');
    const report = await importText(suite.db, file, { batchSize: 1, settlePeople: true });
    expect(report.failed).toEqual([]);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Fanfanov' RETURN count(p)")).toBe(1);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Frasero' RETURN count(p)")).toBe(2);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Adamsov' RETURN count(p)")).toBe(2);
  });
});

describe('one office, decades apart', () => {
  /** A visit to Algeria by a person travelling for a country in an office ("President"). */
  const trip = (name: string, role: string | undefined, country: string, date: string, extra: Record<string, unknown> = {}) => record({
    traveler: { name, kind: 'PERSON', ...(role ? { role } : {}), ...extra }, host: { id: 'country:algeria' },
    representing: { name: country, kind: 'COUNTRY' }, date,
  });
  /** A person met, with a title, during a visit to their country. */
  const metIn = (country: string, name: string, role: string, date: string) => record({
    traveler: { id: 'person:mark-esper' }, host: { name: country, kind: 'COUNTRY' }, date,
    meetings: [{ with: [{ name, kind: 'PERSON', role }] }],
  }, 'input.meetings[0].with[0]');

  it('joins a shorter and a fuller form of a name across the gap when both records give the same office for the same country', async () => {
    // Travelling for the country in 2003 and 2014: eleven years, more than a career is assumed to span...
    const first = await trip('Yahyo Jammehov', 'President', 'Gambiava', '2003-06-21');
    expect(first).toMatchObject({ reason: 'new', created: true });
    // ...but both records make him the country's president: one man, and the fuller name is kept.
    const again = await trip('Yahyo A. J. J. Jammehov', 'President', 'Gambiava', '2014-08-05', { nameAr: 'يحيى جامع' });
    expect(again).toMatchObject({ reason: 'same-office', created: false, entity: { id: first.entity.id } });
    expect(again.entity.aliases).toEqual(expect.arrayContaining(['Yahyo A. J. J. Jammehov', 'يحيى جامع']));
    // Thirty years apart, a visitor travelling for the country and the sultan met there.
    const sultan = await trip('Qabuso bin Saidov', 'Sultan', 'Omanava', '1975-01-09');
    const host = await metIn('Omanava', 'Qabuso bin Saidov al Saidov', 'Sultan', '2013-05-21');
    expect(host).toMatchObject({ reason: 'same-office', entity: { id: sultan.entity.id } });
    // The president met at home in 2012 and in 2023.
    const president = await metIn('Irelava', 'Mikhail Higginsov', 'President', '2012-12-06');
    expect(await metIn('Irelava', 'Mikhail D. Higginsov', 'President', '2023-04-12')).toMatchObject({ reason: 'same-office', entity: { id: president.entity.id } });
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Jammehov' OR p.name CONTAINS 'Saidov' OR p.name CONTAINS 'Higginsov' RETURN count(p)")).toBe(3);
  });

  it('keeps a prime minister apart from a sheikh of his name and country twelve years on: a rank of birth is no office', async () => {
    const minister = await trip('Sheikh Nasirul al-Sabiraq', 'Prime Minister', 'Kuwaitava', '2008-09-17');
    const son = await trip('Nasirul Sabiraq Al-Ahmedo Al-Sabiraq', 'Sheikh', 'Kuwaitava', '2020-09-18');
    expect(son).toMatchObject({ reason: 'new', created: true });
    expect(son.entity.id).not.toBe(minister.entity.id);
    // Two sheikhs of one name and country share no office either.
    const elder = await trip('Sheikh Jabirul al-Sabiraq', 'Sheikh', 'Kuwaitava', '1990-01-01');
    const younger = await trip('Jabirul Ahmedo Al-Sabiraq', 'Sheikh', 'Kuwaitava', '2015-01-01');
    expect(younger).toMatchObject({ reason: 'new', created: true });
    expect(younger.entity.id).not.toBe(elder.entity.id);
  });

  it('keeps a father and a son of one name apart when their offices differ in role or country, or the son\'s name adds a name of his own', async () => {
    const father = await trip('Omaro Bongovic', 'President', 'Gabonava', '1970-01-01');
    const otherRole = await trip('Omaro Ondimbo Bongovic', 'Prime Minister', 'Gabonava', '2010-01-01');
    expect(otherRole).toMatchObject({ reason: 'new', created: true });
    expect(otherRole.entity.id).not.toBe(father.entity.id);
    const elder = await trip('Laurento Mobutuxe', 'President', 'Congava', '1997-05-17');
    const otherCountry = await trip('Laurento Desiro Mobutuxe', 'President', 'Rwandava', '2015-01-01');
    expect(otherCountry).toMatchObject({ reason: 'new', created: true });
    expect(otherCountry.entity.id).not.toBe(elder.entity.id);
    // The same office for the same country, a generation apart: the son carries a name of his own.
    const marcos = await trip('Ferdinando Marcosian', 'President', 'Philippinava', '1966-09-14');
    const junior = await trip('Ferdinando Romualdo Marcosian Jr', 'President', 'Philippinava', '2022-09-20');
    expect(junior).toMatchObject({ reason: 'new', created: true });
    expect(junior.entity.id).not.toBe(marcos.entity.id);
    const seretse = await trip('Seretso Khamawe', 'President', 'Botswanava', '1966-01-01');
    const ian = await trip('Seretso Khamawe Iano Khamawe', 'President', 'Botswanava', '2008-01-01');
    expect(ian).toMatchObject({ reason: 'new', created: true });
    expect(ian.entity.id).not.toBe(seretse.entity.id);
  });

  it('never takes a surname alone across the gap, even in the same office', async () => {
    const joseph = await trip('Tshisekedo Kabundiwe', 'President', 'Congava', '2002-05-01');
    const father = await trip('President Kabundiwe', 'President', 'Congava', '1990-05-17');
    expect(father).toMatchObject({ reason: 'new', created: true });
    expect(father.entity.id).not.toBe(joseph.entity.id);
  });

  it('joins the two once an import is in, when a later record gives the first one the office', { timeout: 240_000 }, async () => {
    const line = (name: string, role: string | undefined, date: string) => JSON.stringify({ visit: {
      traveler: { name, kind: 'PERSON', ...(role ? { role } : {}) }, host: { id: 'country:algeria' },
      representing: { name: 'Gambiaxa', kind: 'COUNTRY' }, date,
    } });
    const file = [
      // No role yet: nothing tells that the president of 2014 is this man.
      line('Yahyi Jammexa', undefined, '2001-06-21'),
      line('Yahyi A. J. J. Jammexa', 'President', '2014-08-05'),
      // Now his own name's record gives him the office.
      line('Yahyi Jammexa', 'President', '2003-06-21'),
      // A prime minister of one name and country, decades later, stays another man.
      line('Ebrimo Sallaxa', 'Prime Minister', '1980-01-01'),
      line('Ebrimo K. Sallaxa', 'President', '2010-01-01'),
      // A son in his father's office, with a name of his own, too.
      line('Ferdinandu Zorobabela', undefined, '1965-01-01'),
      line('Ferdinandu Romualdu Zorobabela Jr', 'President', '2022-09-20'),
      line('Ferdinandu Zorobabela', 'President', '1966-09-14'),
    ].join('\n');
    const report = await importText(suite.db, file, { batchSize: 1, settlePeople: true });
    expect(report.failed).toEqual([]);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Jammexa' RETURN count(p)")).toBe(1);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Jammexa' MATCH (p)<-[:TRAVELER]-(v:Visit) RETURN count(v)")).toBe(3);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Sallaxa' RETURN count(p)")).toBe(2);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Zorobabela' RETURN count(p)")).toBe(2);
  });
});

describe('a surname alone in the same office, in turn', () => {
  /** A person met, with a title or none, during a visit to a country: the meeting's input. */
  const meeting = (country: string, name: string, role: string | undefined, date: string) => ({
    traveler: { id: 'person:mark-esper' }, host: { name: country, kind: 'COUNTRY' }, date,
    meetings: [{ with: [{ name, kind: 'PERSON', ...(role ? { role } : {}) }] }],
  });
  const metIn = (country: string, name: string, role: string | undefined, date: string) => record(meeting(country, name, role, date), 'input.meetings[0].with[0]');
  const metLines = (country: string, name: string, role: string | undefined, dates: string[]) => dates.map((d) => JSON.stringify({ visit: meeting(country, name, role, d) }));
  const nodes = (part: string) => count('MATCH (p:Person) WHERE p.name CONTAINS $part RETURN count(p)', { part });

  it('lets the full name take over a surname recorded just before in the office it holds, and says so', async () => {
    // Met as foreign minister by the surname alone in 2014 and 2019: seven years before the full
    // name's record, farther than the three years a surname alone is weighed in...
    const short = await metIn('Ukravia', 'Kulebovo', 'Foreign Minister', '2014-01-10');
    await metIn('Ukravia', 'Kulebovo', 'Foreign Minister', '2019-06-01');
    // ...but the full name holds the same office for the same country right after.
    const full = await metIn('Ukravia', 'Dmytro Kulebovo', 'Foreign Minister', '2021-02-01');
    expect(full).toMatchObject({ reason: 'surname-in-office', created: true });
    expect(await nodes('Kulebovo')).toBe(1);
    expect(await count('MATCH (:Person {id: $id})<-[:PRINCIPAL]-(m:Meeting) RETURN count(m)', { id: full.entity.id })).toBe(3);
    const old = await suite.server.gql(`{ entity(id: "${short.entity.id}") { id } }`);
    expect(old.data!.entity).toEqual({ id: full.entity.id });
  });

  it('does not let a son take over his father\'s decades in the office, nor a minister another office\'s surname', async () => {
    // President from 1973 to 2000 by the surname alone; a full name of that surname president from 2001.
    for (const date of ['1973-05-01', '1985-05-01', '1999-05-01', '2000-03-26']) await metIn('Syriavu', 'Ondruvak', 'President', date);
    const son = await metIn('Syriavu', 'Tamiro Ondruvak', 'President', '2001-06-01');
    expect(son).toMatchObject({ reason: 'new', created: true });
    expect(await nodes('Ondruvak')).toBe(2);
    // Foreign minister by the surname, then a full name of that surname as prime minister.
    await metIn('Norwavu', 'Veltraumi', 'Foreign Minister', '1996-01-01');
    const other = await metIn('Norwavu', 'Jenso Veltraumi', 'Prime Minister', '2000-03-17');
    expect(other).toMatchObject({ reason: 'new', created: true });
    expect(await nodes('Veltraumi')).toBe(2);
  });

  it('joins a surname that held the office before the full name once the import is in, and keeps the rest apart', { timeout: 240_000 }, async () => {
    const file = [
      // The full name first in the file, then the surname alone before it in time.
      ...metLines('Russiavo', 'Sergey Lavrovitz', 'Foreign Minister', ['2012-06-28', '2015-05-12', '2017-05-10']),
      ...metLines('Russiavo', 'Lavrovitz', 'Foreign Minister', ['2005-04-19', '2007-05-15', '2009-03-06', '2011-07-13']),
      // A father president for decades by the surname alone, a son of that surname after him.
      ...metLines('Syriavix', 'Basharu Assadix', 'President', ['2001-06-01', '2003-06-01']),
      ...metLines('Syriavix', 'Assadix', 'President', ['1973-05-01', '1985-05-01', '1999-05-01', '2000-03-26']),
      // The same office five years apart: too far for one tenure.
      ...metLines('Congavo', 'Josefu Mbuzenga', 'President', ['2002-05-01', '2014-05-01']),
      ...metLines('Congavo', 'Mbuzenga', 'President', ['1997-05-17']),
      // Another office.
      ...metLines('Norwavix', 'Jensu Kvarnholt', 'Prime Minister', ['2000-03-17', '2010-01-01']),
      ...metLines('Norwavix', 'Kvarnholt', 'Foreign Minister', ['1993-01-01', '1996-01-01']),
      // A surname whose mentions hold the office in two countries: two people on one node.
      ...metLines('Nicaravo', 'Arnoldo Pelucheri', 'President', ['1999-01-01', '2001-01-01']),
      ...metLines('Nicaravo', 'Pelucheri', 'President', ['1994-01-01']),
      ...metLines('Costavo', 'Pelucheri', 'President', ['1995-01-01']),
      // Two full-named people bear the surname: the surname alone is unclear.
      ...metLines('Greecavo', 'Andreaso Xenopoulidis', 'Prime Minister', ['1993-10-01']),
      ...metLines('Greecavo', 'Georgo Xenopoulidis', 'Prime Minister', ['2010-01-01']),
      ...metLines('Greecavo', 'Xenopoulidis', 'Prime Minister', ['1982-01-01', '1989-01-01']),
      // No office on the surname's records.
      ...metLines('Netheravo', 'Ruudo Vandermeulik', 'Prime Minister', ['1992-01-01']),
      ...metLines('Netheravo', 'Vandermeulik', undefined, ['1986-01-01', '1988-01-01']),
    ].join('\n');
    const joins: { rule: string; mergeName: string; keepName: string }[] = [];
    const report = await importText(suite.db, file, { batchSize: 1, settlePeople: true, onSettle: (j) => joins.push(j) });
    expect(report.failed).toEqual([]);
    expect(await nodes('Lavrovitz')).toBe(1);
    expect(joins).toContainEqual(expect.objectContaining({ rule: 'surname-in-office', mergeName: 'Lavrovitz', keepName: 'Sergey Lavrovitz' }));
    expect(await count("MATCH (p:Person {name: 'Sergey Lavrovitz'})<-[:PRINCIPAL]-(m:Meeting) RETURN count(m)")).toBe(7);
    expect(await nodes('Assadix')).toBe(2);
    expect(await nodes('Mbuzenga')).toBe(2);
    expect(await nodes('Kvarnholt')).toBe(2);
    expect(await nodes('Pelucheri')).toBe(2);
    expect(await nodes('Xenopoulidis')).toBe(3);
    expect(await nodes('Vandermeulik')).toBe(2);
  });
});

describe('failed references and kind narrowing', () => {
  it('lists the best search hits on an unknown reference', async () => {
    const result = await visit({ name: 'Mark Espers' }, '2021-01-01');
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_REFERENCE' });
    expect(error!.extensions!.candidates[0]).toMatchObject({ id: 'person:mark-esper' });
    expect(error!.message).toContain('person:mark-esper');
  });

  it('narrows a reference to the kinds the relationship admits at that end', async () => {
    await suite.server.gqlAuth(RECORD_RELATION, { input: { from: { name: 'Russia', kind: 'PERSON' }, type: 'WORKS_FOR', to: { id: 'organization:united-nations' } } });
    const result = await suite.server.gqlAuth(RECORD_RELATION, {
      input: { from: { name: 'Minister of Foreign Affairs of Russia', kind: 'POSITION' }, type: 'POST_OF', to: { name: 'Russia' } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordRelation.resolutions[1]).toMatchObject({ reason: 'exact', entity: { id: 'country:russia', kind: 'COUNTRY' } });
    const arabic = await suite.server.gqlAuth(RECORD_RELATION, {
      input: { from: { name: 'Minister of Foreign Affairs of Russia' }, type: 'POST_OF', to: { nameAr: 'روسيا' } },
    });
    expect(arabic.data!.recordRelation.resolutions[1]).toMatchObject({ entity: { id: 'country:russia' } });
  });
});

describe('curation', () => {
  const MERGE = 'mutation M($keep: ID!, $merge: ID!) { mergeEntities(keep: $keep, merge: $merge) { moved combined entity { id name aliases } } }';
  const ALIASES = 'mutation A($id: ID!, $aliases: [String!]!) { addAliases(id: $id, aliases: $aliases) { id aliases } }';
  const EXTERNAL = 'mutation X($id: ID!, $ids: [String!]!) { setExternalIds(id: $id, externalIds: $ids) { id properties } }';

  it('merges two entities: relations move with their provenance, same visits become one, the old id answers', async () => {
    const a = await travelerOf({ name: 'Ramtane Lamamra', kind: 'PERSON' }, '2021-07-07');
    // A second node for the same man, created by a different spelling under a new kind-given name.
    const b = await travelerOf({ name: 'R. Lamamra-Test', kind: 'PERSON' }, '2021-07-07');
    await travelerOf({ id: b.entity.id }, '2021-09-01');
    expect(b.entity.id).not.toBe(a.entity.id);
    const result = await suite.server.gqlAuth(MERGE, { keep: a.entity.id, merge: b.entity.id });
    expect(result.errors).toBeUndefined();
    expect(result.data!.mergeEntities.entity).toMatchObject({ id: a.entity.id, aliases: ['R. Lamamra-Test'] });
    // The two 2021-07-07 visits to Algeria are one now; the September one moved.
    expect(await count('MATCH (:Person {id: $id})<-[:TRAVELER]-(v:Visit) RETURN count(v)', { id: a.entity.id })).toBe(2);
    expect(await count('MATCH (n:Entity {id: $id}) RETURN count(n)', { id: b.entity.id })).toBe(0);
    const old = await suite.server.gql(`{ entity(id: "${b.entity.id}") { id } }`);
    expect(old.data!.entity.id).toBe(a.entity.id);
  });

  it('refuses to merge an entity into itself, two kinds, or without the API key', async () => {
    const self = await suite.server.gqlAuth(MERGE, { keep: 'person:mark-esper', merge: 'person:mark-esper' });
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    const kinds = await suite.server.gqlAuth(MERGE, { keep: 'person:mark-esper', merge: 'country:algeria' });
    expect(kinds.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_INPUT' });
    expect(await count("MATCH (n:Entity) WHERE n.id IN ['person:mark-esper', 'country:algeria'] RETURN count(n)")).toBe(2);
    const missing = await suite.server.gqlAuth(MERGE, { keep: 'person:mark-esper', merge: 'person:nobody' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ reason: 'UNKNOWN_REFERENCE' });
    const anonymous = await suite.server.gql(MERGE, { keep: 'person:mark-esper', merge: 'person:donald-rumsfeld' });
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('adds aliases in either language that references then match', async () => {
    const added = await suite.server.gqlAuth(ALIASES, { id: 'person:mark-esper', aliases: ['Mark T. Esper', 'مارك إسبر الوزير'] });
    expect(added.data!.addAliases.aliases).toEqual(expect.arrayContaining(['Mark T. Esper', 'مارك إسبر الوزير']));
    expect(await travelerOf({ nameAr: 'مارك اسبر الوزير' }, '2020-10-02')).toMatchObject({ reason: 'alias', entity: { id: 'person:mark-esper' } });
    const empty = await suite.server.gqlAuth(ALIASES, { id: 'person:mark-esper', aliases: ['--'] });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT' });
  });

  it('sets external ids that references match, and refuses one another entity holds', async () => {
    const set = await suite.server.gqlAuth(EXTERNAL, { id: 'person:donald-rumsfeld', ids: ['wikidata:Q182788'] });
    expect(set.errors).toBeUndefined();
    expect(await travelerOf({ externalId: 'wikidata:Q182788' }, '2006-02-12')).toMatchObject({ reason: 'external-id', entity: { id: 'person:donald-rumsfeld' } });
    const clash = await suite.server.gqlAuth(EXTERNAL, { id: 'person:mark-esper', ids: ['wikidata:Q182788'] });
    expect(clash.errors?.[0]?.extensions).toMatchObject({ reason: 'INVALID_INPUT', holder: 'person:donald-rumsfeld' });
    const unknown = await visit({ externalId: 'wikidata:Q1' }, '2006-02-12');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ reason: 'UNKNOWN_REFERENCE' });
  });
});

describe('review queue', () => {
  const QUEUE = `query Q($after: String) { duplicateCandidates(kind: PERSON, first: 100, after: $after) {
    items { a { id name } b { id name } reason score } hasNextPage endCursor } }`;
  const pairsOf = async () => {
    const result = await suite.server.gql(QUEUE);
    expect(result.errors).toBeUndefined();
    return result.data!.duplicateCandidates.items as { a: { id: string }; b: { id: string }; reason: string; score: number }[];
  };

  it('lists likely duplicates with reason and score, and forgets a pair once dismissed', async () => {
    const elder = await travelerOf({ name: 'George Herbert Walker Bush', kind: 'PERSON' }, '1989-12-02');
    const younger = await travelerOf({ name: 'George Walker Bush', kind: 'PERSON' }, '2006-11-28');
    expect(younger.entity.id).not.toBe(elder.entity.id);
    // Neither was active in 1950: the surname alone is unclear and stays a node of its own,
    // listed with each of them.
    const bare = await travelerOf({ name: 'Bush', kind: 'PERSON' }, '1950-01-01');
    expect(bare).toMatchObject({ reason: 'new', created: true });
    const pairs = await pairsOf();
    const has = (x: string, y: string, reason: string) => pairs.some((p) => [p.a.id, p.b.id].sort().join() === [x, y].sort().join() && p.reason === reason);
    expect(has(bare.entity.id, elder.entity.id, 'surname')).toBe(true);
    expect(has(bare.entity.id, younger.entity.id, 'surname')).toBe(true);
    expect(pairs.every((p) => p.score > 0 && p.score <= 1)).toBe(true);
    const dismiss = await suite.server.gqlAuth('mutation D($a: ID!, $b: ID!) { dismissDuplicate(a: $a, b: $b) }', { a: bare.entity.id, b: younger.entity.id });
    expect(dismiss.data).toEqual({ dismissDuplicate: true });
    const after = await pairsOf();
    expect(after.some((p) => [p.a.id, p.b.id].includes(younger.entity.id) && [p.a.id, p.b.id].includes(bare.entity.id))).toBe(false);
    expect(after.some((p) => [p.a.id, p.b.id].includes(elder.entity.id) && [p.a.id, p.b.id].includes(bare.entity.id))).toBe(true);
  });
});
