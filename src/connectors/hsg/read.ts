/**
 * Reads a copy of the Office of the Historian's repositories (travels, visits, pocom; the
 * layout of data/hsg/) into plain records, untouched but for folded whitespace.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { attrOf, elements, textOf } from './xml.js';

export type TravelerRole = 'president' | 'secretary';

export interface HsgTrip {
  id: string;
  role: TravelerRole;
  /** The traveler's HSG person id ("blinken-antony-j"). */
  who: string;
  name: string;
  start: string;
  end?: string;
  countryId: string;
  countryName: string;
  locale?: string;
  remarks?: string;
}

export interface HsgVisit {
  id: string;
  start: string;
  end?: string;
  visitor: string;
  fromId: string;
  fromName: string;
  description?: string;
}

export interface HsgTerm {
  /** The HSG person id. */
  who: string;
  role: TravelerRole;
  name?: string;
  since?: string;
  until?: string;
}

export interface HsgData {
  trips: HsgTrip[];
  visits: HsgVisit[];
  terms: HsgTerm[];
  /** Names of the people with a term, by HSG person id ("Antony John Blinken"). */
  names: Map<string, string>;
  /** The versions of the three repositories (data/hsg/COMMITS), when the copy has them. */
  commits: string;
}

function xmlFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.xml')).sort().map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

function readTrips(dir: string): HsgTrip[] {
  const trips: HsgTrip[] = [];
  for (const folder of ['president-travels', 'secretary-travels']) {
    for (const file of xmlFiles(path.join(dir, 'travels', folder))) {
      for (const { attrs, inner } of elements(readFileSync(file, 'utf8'), 'trip')) {
        const id = textOf(inner, 'id');
        const start = textOf(inner, 'start-date');
        const countryId = attrOf(inner, 'country', 'id');
        if (!id || !start || !countryId) continue;
        trips.push({
          id,
          role: (attrs.role ?? textOf(inner, 'role')) as TravelerRole,
          who: attrs.who ?? path.basename(file, '.xml'),
          name: textOf(inner, 'name') ?? attrs.who ?? '',
          start,
          end: textOf(inner, 'end-date'),
          countryId,
          countryName: textOf(inner, 'country') ?? countryId,
          locale: textOf(inner, 'locale'),
          remarks: textOf(inner, 'remarks'),
        });
      }
    }
  }
  return trips;
}

function readVisits(dir: string): HsgVisit[] {
  const visits: HsgVisit[] = [];
  for (const file of xmlFiles(path.join(dir, 'visits', 'data'))) {
    for (const { inner } of elements(readFileSync(file, 'utf8'), 'visit')) {
      const id = textOf(inner, 'id');
      const start = textOf(inner, 'start-date');
      const visitor = textOf(inner, 'visitor');
      const fromId = attrOf(inner, 'from', 'id');
      if (!id || !start || !visitor || !fromId) continue;
      visits.push({ id, start, end: textOf(inner, 'end-date'), visitor, fromId, fromName: textOf(inner, 'from') ?? fromId, description: textOf(inner, 'description') });
    }
  }
  return visits;
}

function readTerms(dir: string): { terms: HsgTerm[]; names: Map<string, string> } {
  const terms: HsgTerm[] = [];
  const names = new Map<string, string>();
  let presidents = '';
  try {
    presidents = readFileSync(path.join(dir, 'travels', 'presidents', 'presidents.xml'), 'utf8');
  } catch { /* a copy without the presidents' file: no presidential terms */ }
  for (const { inner } of elements(presidents, 'president')) {
    const who = textOf(inner, 'id');
    if (!who) continue;
    const name = textOf(inner, 'name');
    if (name) names.set(who, name);
    terms.push({ who, role: 'president', name, since: textOf(inner, 'took-office-date'), until: textOf(inner, 'left-office-date') });
  }
  let secretaries = '';
  try {
    secretaries = readFileSync(path.join(dir, 'pocom', 'secretary.xml'), 'utf8');
  } catch { /* no pocom: no secretaries' terms */ }
  for (const { inner } of elements(secretaries, 'principal')) {
    const who = textOf(inner, 'person-id');
    if (!who) continue;
    const started = elements(inner, 'started')[0]?.inner ?? '';
    const ended = elements(inner, 'ended')[0]?.inner ?? '';
    terms.push({ who, role: 'secretary', since: textOf(started, 'date'), until: textOf(ended, 'date') });
    if (!names.has(who)) {
      try {
        const person = readFileSync(path.join(dir, 'pocom', 'people', `${who}.xml`), 'utf8');
        const forename = textOf(person, 'forename');
        const surname = textOf(person, 'surname');
        if (surname) names.set(who, [forename, surname].filter(Boolean).join(' '));
      } catch { /* named by their trips instead */ }
    }
  }
  return { terms, names };
}

export function readHsg(dir: string): HsgData {
  let commits = '';
  try {
    commits = readFileSync(path.join(dir, 'COMMITS'), 'utf8').trim();
  } catch { /* a checkout of the repositories has no COMMITS file */ }
  return { trips: readTrips(dir), visits: readVisits(dir), ...readTerms(dir), commits };
}
