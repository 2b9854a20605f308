/** Pure checks of the article data file (no database): ids, references, provenance, vocabulary. */
import { describe, it, expect } from 'vitest';
import { articleDocument } from './support/article.js';
import { CERTAINTIES, ENTITY_KINDS, EVENT_SUBLABELS, KIND_LABEL, RELATIONSHIP_TYPES } from '../src/graph/ontology.js';
import { isPartialDate } from '../src/graph/partialDate.js';
import { normalizeName } from '../src/graph/normalize.js';
import type { EntityRef, MeetingRecord, RelationRecord } from '../src/graph/records.js';

/** The article data file (data/articles/), read through the importer. */
const doc = articleDocument();

const PARAGRAPH_COUNT = 24;
const SOURCE_ID = 'source:aljazeera-2020-10-02-esper-algeria';

const entities = [doc.source, ...doc.entities];
const visitMeetings: MeetingRecord[] = doc.visits.flatMap((v) => v.meetings ?? []);
const allMeetings: MeetingRecord[] = [...visitMeetings, ...doc.meetings];

/** Every node the document defines, with the labels it will carry. */
const labelsById = new Map<string, Set<string>>();
const ids: string[] = [];
function define(id: string | undefined, labels: string[]): void {
  expect(id, 'every record has an id').toBeTypeOf('string');
  ids.push(id!);
  labelsById.set(id!, new Set(['Entity', ...labels]));
}
for (const e of entities) define(e.id, [KIND_LABEL[e.kind], ...(e.labels ?? [])]);
for (const v of doc.visits) define(v.id, ['Event', 'Visit']);
for (const m of allMeetings) define(m.id, ['Event', 'Meeting']);

const refId = (r: EntityRef | string): string | undefined => (typeof r === 'string' ? r : r.id);
const allRelations: RelationRecord[] = [...doc.relations, ...doc.eventRelations];

function checkParagraphs(where: string, paragraphs: number[] | undefined): void {
  expect(paragraphs, `${where}: paragraphs`).toBeDefined();
  expect(paragraphs!.length, `${where}: at least one paragraph`).toBeGreaterThan(0);
  for (const p of paragraphs!) {
    expect(Number.isInteger(p) && p >= 0 && p < PARAGRAPH_COUNT, `${where}: paragraph ${p} in 0..23`).toBe(true);
  }
}

describe('seed document: ids', () => {
  it('has unique ids', () => {
    const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(dupes).toEqual([]);
  });

  it('follows the <kind>:<slug> convention', () => {
    for (const e of entities) {
      const prefix = e.labels?.includes('Tour') ? 'tour' : e.kind.toLowerCase();
      expect(e.id, e.id).toMatch(new RegExp(`^${prefix}:[a-z0-9]+(-[a-z0-9]+)*$`));
    }
    for (const v of doc.visits) expect(v.id).toMatch(/^visit:[a-z0-9-]+$/);
    for (const m of allMeetings) expect(m.id).toMatch(/^meeting:[a-z0-9-]+$/);
  });

  it('uses only known kinds and labels', () => {
    for (const e of entities) {
      expect(ENTITY_KINDS).toContain(e.kind);
      for (const l of e.labels ?? []) expect(EVENT_SUBLABELS as readonly string[]).toContain(l);
      if (e.labels?.length) expect(e.kind).toBe('EVENT');
    }
  });

  it('describes the source as the brief asks', () => {
    expect(doc.source.id).toBe(SOURCE_ID);
    expect(doc.source.kind).toBe('SOURCE');
    expect(doc.source.properties).toMatchObject({
      publisher: 'Al Jazeera', language: 'ar', publishedAt: '2020-10-02', paragraphCount: 24,
      file: 'esper-algeria-2020.ar.txt',
    });
    expect(doc.source.properties.photoCredits).toEqual(expect.arrayContaining(['Algérie Presse Service', 'Anadolu Agency']));
  });
});

describe('seed document: entities', () => {
  it('gives every entity an English name and at least one paragraph', () => {
    for (const e of entities) {
      expect(e.name.trim(), e.id).not.toBe('');
      checkParagraphs(e.id, e.paragraphs);
    }
  });

  it('gives no normalized name or alias to two entities', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of entities) {
      const keys = new Set([e.name, e.nameAr ?? '', ...(e.aliases ?? [])].map(normalizeName).filter(Boolean));
      for (const key of keys) {
        const other = owner.get(key);
        if (other && other !== e.id) clashes.push(`"${key}": ${other} and ${e.id}`);
        else owner.set(key, e.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('keeps bare الجزائر for the country, not the city', () => {
    const holders = entities.filter((e) =>
      [e.name, e.nameAr ?? '', ...(e.aliases ?? [])].some((n) => normalizeName(n) === normalizeName('الجزائر')),
    );
    expect(holders.map((e) => e.id)).toEqual(['country:algeria']);
    const algiers = entities.find((e) => e.id === 'city:algiers');
    expect(algiers?.nameAr).toBe('الجزائر العاصمة');
  });

  it('writes dates in entity properties as partial dates', () => {
    for (const e of entities) {
      for (const key of ['date', 'endDate', 'since', 'until'] as const) {
        const value = e.properties?.[key];
        if (value !== undefined) expect(isPartialDate(String(value)), `${e.id}.${key} = ${String(value)}`).toBe(true);
      }
    }
  });
});

describe('seed document: relations', () => {
  it('names only defined ids', () => {
    const missing: string[] = [];
    for (const r of allRelations) {
      for (const end of [r.from, r.to]) {
        const id = refId(end);
        if (!id || !labelsById.has(id)) missing.push(`${r.type}: ${String(id)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives every relation a source, paragraphs in 0..23 and a certainty', () => {
    for (const r of allRelations) {
      const where = `${refId(r.from)} ${r.type} ${refId(r.to)}`;
      expect(r.source, where).toBe(SOURCE_ID);
      checkParagraphs(where, r.paragraphs);
      expect(CERTAINTIES as readonly string[], where).toContain(r.certainty);
    }
  });

  it('uses only relationship types of the ontology, between the labels it allows', () => {
    const wrong: string[] = [];
    for (const r of allRelations) {
      const def = (RELATIONSHIP_TYPES as Record<string, { from: string; to: string }>)[r.type];
      if (!def) {
        wrong.push(`unknown type ${r.type}`);
        continue;
      }
      const fits = (id: string | undefined, allowed: string) =>
        allowed.split('|').some((label) => labelsById.get(id ?? '')?.has(label));
      if (!fits(refId(r.from), def.from)) wrong.push(`${r.type} from ${String(refId(r.from))} (wants ${def.from})`);
      if (!fits(refId(r.to), def.to)) wrong.push(`${r.type} to ${String(refId(r.to))} (wants ${def.to})`);
    }
    expect(wrong).toEqual([]);
  });

  it('writes relation dates as partial dates', () => {
    for (const r of allRelations) {
      for (const key of ['date', 'endDate', 'since', 'until'] as const) {
        const value = r.properties?.[key];
        if (value !== undefined && /^\d/.test(String(value))) {
          expect(isPartialDate(String(value)), `${r.type}.${key} = ${String(value)}`).toBe(true);
        }
      }
    }
  });

  it('holds the fixed and required facts', () => {
    const find = (from: string, type: string, to: string) =>
      doc.relations.find((r) => refId(r.from) === from && r.type === type && refId(r.to) === to);
    expect(find('country:algeria', 'BUYS_ARMS_FROM', 'country:russia')?.properties).toEqual({ share: 0.9 });
    expect(find('country:algeria', 'BUYS_ARMS_FROM', 'country:russia')?.paragraphs).toEqual([13]);
    expect(find('person:mark-esper', 'HOLDS_POSITION', 'position:us-secretary-of-defense')?.properties).toMatchObject({
      since: '2019-07-23', until: '2020-11-09',
    });
    expect(find('person:donald-rumsfeld', 'HOLDS_POSITION', 'position:us-secretary-of-defense')?.properties).toMatchObject({
      since: '2001-01-20', until: '2006-12-18',
    });
    expect(find('person:charles-de-gaulle', 'NEGOTIATED_WITH', 'organization:national-liberation-front')?.certainty).toBe(
      'attributed',
    );
  });
});

describe('seed document: visits and meetings', () => {
  it('refers only to defined entities', () => {
    const missing: string[] = [];
    const check = (where: string, ref: EntityRef | undefined) => {
      if (ref && !labelsById.has(ref.id ?? '')) missing.push(`${where}: ${String(ref.id)}`);
    };
    for (const v of doc.visits) {
      check(`${v.id} traveler`, v.traveler);
      check(`${v.id} host`, v.host);
      check(`${v.id} city`, v.city);
      if (v.tour) check(`${v.id} tour`, { id: v.tour });
      for (const t of v.topics ?? []) check(`${v.id} topic`, { id: t });
    }
    for (const m of allMeetings) {
      for (const ref of [...m.with, ...(m.attendees ?? [])]) check(`${m.id} person`, ref);
      check(`${m.id} by`, m.by);
      check(`${m.id} city`, m.city);
      check(`${m.id} place`, m.place);
      for (const t of m.topics ?? []) check(`${m.id} topic`, { id: t });
    }
    expect(missing).toEqual([]);
  });

  it('types the ends of visits and meetings by kind', () => {
    const kindOf = new Map(entities.map((e) => [e.id, e.kind]));
    for (const v of doc.visits) {
      expect(kindOf.get(v.traveler.id!)).toBe('PERSON');
      expect(kindOf.get(v.host.id!)).toBe('COUNTRY');
      if (v.city) expect(kindOf.get(v.city.id!)).toBe('CITY');
      if (v.tour) expect(labelsById.get(v.tour)?.has('Tour')).toBe(true);
      for (const t of v.topics ?? []) expect(kindOf.get(t)).toBe('TOPIC');
    }
    for (const m of allMeetings) {
      for (const ref of [...m.with, ...(m.attendees ?? []), ...(m.by ? [m.by] : [])]) expect(kindOf.get(ref.id!)).toBe('PERSON');
      if (m.place) expect(kindOf.get(m.place.id!)).toBe('PLACE');
      for (const t of m.topics ?? []) expect(kindOf.get(t)).toBe('TOPIC');
    }
  });

  it('gives every visit and meeting a partial date and provenance', () => {
    for (const rec of [...doc.visits, ...allMeetings]) {
      expect(isPartialDate(rec.date ?? ''), `${rec.id} date`).toBe(true);
      expect(rec.source, rec.id).toBe(SOURCE_ID);
      checkParagraphs(rec.id!, rec.paragraphs);
      expect(CERTAINTIES as readonly string[]).toContain(rec.certainty);
    }
    for (const v of doc.visits) if (v.dateCertainty) expect(CERTAINTIES as readonly string[]).toContain(v.dateCertainty);
  });

  it('keeps standalone meetings out of visits and names who held them', () => {
    for (const m of doc.meetings) {
      expect(m.by?.id, m.id).toBeDefined();
      expect(visitMeetings.map((vm) => vm.id)).not.toContain(m.id);
    }
    for (const m of visitMeetings) expect(m.by, m.id).toBeUndefined();
  });

  it('records the tour stops in order and the 2006 precedent', () => {
    const tour = doc.visits.filter((v) => v.tour === 'tour:esper-maghreb-2020').map((v) => [v.date, refId(v.host)]);
    expect(tour.sort()).toEqual([
      ['2020-09-30', 'country:tunisia'],
      ['2020-10-01', 'country:algeria'],
      ['2020-10-02', 'country:morocco'],
    ]);
    const rumsfeld = doc.visits.find((v) => v.id === 'visit:donald-rumsfeld-algeria-2006-02');
    expect(rumsfeld?.date).toBe('2006-02');
  });
});
