/**
 * The person rules of resolution, tried only when no name or alias matched exactly: the same
 * given name and surname once middle names, initials, particles and transliteration are folded
 * ("name-variant"); a surname alone that fits one person, or the one active near the record's
 * date ("surname-in-context"); a shorter or fuller form of the name farther from the date, when
 * the record and the person's own records give the same office for the same country
 * ("same-office"); a surname one letter off, only with the same given name and a surname of six
 * letters or more, and only when it is the one such person ("close-spelling"). A node known so
 * far by the surname alone is taken over by a new, fuller name when its mentions lie near the
 * record's date ("absorbed-short-form") or fill the same office just before or after it
 * ("surname-in-office", heldInTurn).
 */
import { normalizeName } from './normalize.js';
import { givenKey, isBareSurname, middlesAgree, parsePersonName, surnameKeyOf, withinOneEdit, type PersonName } from './personName.js';
import { keysOf, type OfficeContext } from './references.js';

export interface PersonCandidate {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  /** First and last day of the person's dated visits and meetings (null when none). */
  first: string | null;
  last: string | null;
  /** The person's terms of office (HOLDS_POSITION since/until, partial dates; an open end is null). */
  terms?: Term[];
  /** The offices the person's records give them: a role as stated, for a country (id and name keys). */
  offices?: Office[];
}

export interface Office {
  role: string;
  country: string | null;
  countryKeys?: string[];
  /** First and last day of the records that give the office (read where a rule weighs them). */
  first?: string | null;
  last?: string | null;
}

/**
 * Ranks and honorifics that many people of one country bear at the same time: they name no
 * office that tells one person from another ("Sheikh Nasser Sabah Al-Ahmed Al-Sabah" of 2020
 * is not the prime minister "Sheikh Nasser al-Sabah" of 2008).
 */
const NOT_OFFICES = new Set(['sheikh', 'sheik', 'shaikh', 'prince', 'princess', 'general', 'field marshal', 'marshal', 'archbishop', 'cardinal', 'mr', 'mrs', 'ms', 'dr', 'sir']);

/** A role folded for comparing ("Prime Minister" → "prime minister"), or null for one that names no office. */
export function officeKey(role: string | null | undefined): string | null {
  const key = role ? normalizeName(role) : '';
  return key && !NOT_OFFICES.has(key) ? key : null;
}

/** The office a record gives a reference, in the shape a candidate's offices have. */
export function officeOf(context: OfficeContext): Office {
  return { role: context.role, country: context.country.id ?? null, countryKeys: keysOf(context.country) };
}

/**
 * True when the fuller of two forms of a name adds nothing to the shorter but initials or the
 * surname again ("Yahya A. J. J. Jammeh", "Qaboos bin Said al Said"), and both say the same of
 * "Jr"/"Sr". A son named after his father and succeeding him in the same office carries a name
 * of his own beside the father's ("Ferdinand Romualdez Marcos Jr", "Seretse Khama Ian Khama"):
 * the father's shorter name is not his, however the office agrees.
 */
export function addsOnlyInitials(a: PersonName, b: PersonName): boolean {
  if (a.generation !== b.generation) return false;
  const longer = a.middles.length >= b.middles.length ? a : b;
  return longer.middles.every((m) => m.length === 1 || surnameKeyOf(m) === surnameKeyOf(longer.surname));
}

/** True when two offices are one: the same role (folded) for the same country (by id, else by name). */
export function sameOffice(a: Office, b: Office): boolean {
  const role = officeKey(a.role);
  if (!role || role !== officeKey(b.role)) return false;
  if (a.country && b.country) return a.country === b.country;
  return (a.countryKeys ?? []).some((k) => (b.countryKeys ?? []).includes(k));
}

export interface Term {
  since: string | null;
  until: string | null;
}

/**
 * True when a term of office covers the year: a surname alone at a date in someone's term is
 * theirs however long ago their last recorded visit was, and a namesake's dates fall outside it.
 * A term with neither end says nothing about dates.
 */
export function inTerm(terms: Term[] | undefined, year: number): boolean {
  return (terms ?? []).some((t) => (t.since !== null || t.until !== null)
    && (t.since === null || Number(t.since.slice(0, 4)) <= year)
    && (t.until === null || year <= Number(t.until.slice(0, 4))));
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);

/**
 * True when a node named by a surname alone held, in turn, the office that the one person with a
 * full name of that surname is recorded in (`surname-in-office`): every office the short form's
 * records give (a role that names one, for a country) is one the person's records give (a node
 * `Zuma` holding Foreign Minister Dlamini-Zuma's mentions beside President Zuma's is not Jacob
 * Zuma's); the short form's mentions meet the person's records of that office with no gap of more
 * than ACTIVE_MARGIN_YEARS (one tenure, recorded first by the surname: `Foreign Minister Moussa`
 * met in Egypt 1993-2000, `Amr Moussa` in the same office in 1991); and none lies more than
 * SHORTER_NAME_MARGIN_YEARS beyond them (`Assad`, president of Syria from 1973, is not Bashar
 * Assad of 2001: a father succeeded by his son in the same office ruled for decades before).
 * `bearerOffices` carry the first and last day of their records.
 */
export function heldInTurn(short: { first: string | null; last: string | null; offices?: Office[] }, bearerOffices: Office[]): boolean {
  const [sf, sl] = [yearOf(short.first), yearOf(short.last ?? short.first)];
  const own = (short.offices ?? []).filter((o) => officeKey(o.role));
  if (sf === null || sl === null || own.length === 0) return false;
  const held = bearerOffices.filter((b) => own.some((o) => sameOffice(o, b)));
  if (!own.every((o) => held.some((b) => sameOffice(o, b)))) return false;
  const years = held.flatMap((b) => [yearOf(b.first), yearOf(b.last ?? b.first)]).filter((y): y is number => y !== null);
  if (years.length === 0) return false;
  const [of, ol] = [Math.min(...years), Math.max(...years)];
  const gap = Math.max(0, of - sl, sf - ol);
  return gap <= ACTIVE_MARGIN_YEARS && sf >= of - SHORTER_NAME_MARGIN_YEARS && sl <= ol + SHORTER_NAME_MARGIN_YEARS;
}

export type PersonChoice =
  /**
   * `learn`: the reference's names hold for the person whatever the date (a spelling or a fuller
   * form of their name, not a surname alone or a shorter form that a namesake could bear), so they
   * are kept as aliases and the next mention of them matches as `alias`.
   */
  | { match: PersonCandidate; reason: 'name-variant' | 'surname-in-context' | 'close-spelling' | 'same-office'; learn: boolean }
  | { absorb: PersonCandidate; reason: 'absorbed-short-form' | 'surname-in-office' }
  | { ambiguous: PersonCandidate[] }
  | null;

/** Years either side of a person's known activity in which a surname alone still points to them. */
const ACTIVE_MARGIN_YEARS = 3;
/**
 * Years around a person's known activity in which a shorter form of their name (no middle name,
 * no "Jr") is still taken to be them: a career can span a decade between two records, a father
 * and a son of one name are a generation apart. Not more: at fifteen, "Nasser Sabah Al-Ahmed
 * Al-Sabah" (2020) joined the "Sheikh Nasser al-Sabah" of 2008, another man.
 */
export const SHORTER_NAME_MARGIN_YEARS = 10;
/** A surname must be at least this long for a one-letter difference to count as a spelling slip. */
const CLOSE_SPELLING_MIN_LENGTH = 6;

function parsedNames(names: string[]): PersonName[] {
  return names.map(parsePersonName).filter((p): p is PersonName => p !== null);
}

function term(field: string, value: string, fuzzy = false): string {
  return fuzzy ? `${field}:${value}~1` : `${field}:"${value}"`;
}

/** The full-text query over person_names for the Latin names of a reference, or null when none parse. */
export function personQuery(names: string[]): string | null {
  const terms = new Set<string>();
  for (const parsed of parsedNames(names)) {
    const surname = surnameKeyOf(parsed.surname);
    terms.add(term('surnameKey', surname));
    if (parsed.given) {
      terms.add(term('personKeys', `${givenKey(parsed.given)} ${surname}`));
      if (surname.length >= CLOSE_SPELLING_MIN_LENGTH) terms.add(term('surnameKey', surname, true));
    }
  }
  return terms.size > 0 ? [...terms].join(' OR ') : null;
}

function activeAt(candidate: PersonCandidate, date: string | undefined, margin = ACTIVE_MARGIN_YEARS): boolean {
  if (!date) return false;
  const year = Number(date.slice(0, 4));
  if (inTerm(candidate.terms, year)) return true;
  if (!candidate.first || !candidate.last) return false;
  return year >= Number(candidate.first.slice(0, 4)) - margin && year <= Number(candidate.last.slice(0, 4)) + margin;
}

/** "Jr" and "Sr" are two people; a name without either may be one of them. */
function generationsAgree(a: PersonName, b: PersonName): boolean {
  return !a.generation || !b.generation || a.generation === b.generation;
}

/**
 * True when neither name leaves out what the other says (middle names, "Jr"): "Sergei Lavrov"
 * and "Sergey Lavrov". A shorter form ("Mohammed Ali" for "Mohamed Irfaan Ali", "Ferdinand
 * Marcos" for "Ferdinand Marcos Jr") may name a namesake, so it joins only a person active within
 * SHORTER_NAME_MARGIN_YEARS of the record's date.
 */
function exactlyAsFull(a: PersonName, b: PersonName): boolean {
  return (a.middles.length > 0) === (b.middles.length > 0) && a.generation === b.generation;
}

/** True when `a` leaves out middle names or a "Jr"/"Sr" that `b` has: a form a namesake may share. */
function leavesOut(a: PersonName, b: PersonName): boolean {
  return (a.middles.length === 0 && b.middles.length > 0) || (!a.generation && Boolean(b.generation));
}

/** True when all of a candidate's dated mentions lie within ACTIVE_MARGIN_YEARS of the date. */
function mentionedOnlyNear(candidate: PersonCandidate, date: string): boolean {
  const year = Number(date.slice(0, 4));
  return Number(candidate.first!.slice(0, 4)) >= year - ACTIVE_MARGIN_YEARS && Number((candidate.last ?? candidate.first)!.slice(0, 4)) <= year + ACTIVE_MARGIN_YEARS;
}

/** One candidate; else the only one active at the date; else null. */
function narrowByDate(candidates: PersonCandidate[], date: string | undefined): PersonCandidate | null {
  if (candidates.length === 1) return candidates[0]!;
  const active = candidates.filter((c) => activeAt(c, date));
  return active.length === 1 ? active[0]! : null;
}

/**
 * Which known person, if any, a reference's names mean by the person rules. `office` is the
 * office the record gives the reference (a role for a country), when it gives one.
 */
export function choosePerson(names: string[], date: string | undefined, candidates: PersonCandidate[], office?: OfficeContext): PersonChoice {
  const wanted = parsedNames(names);
  if (wanted.length === 0 || candidates.length === 0) return null;
  const namesOf = (c: PersonCandidate) => parsedNames([c.name, ...c.aliases]);
  const full = candidates.filter((c) => !isBareSurname(c.name));

  const withGiven = wanted.filter((w) => w.given);
  if (withGiven.length > 0) {
    const sameKeys = (w: PersonName, n: PersonName) => Boolean(n.given) && givenKey(w.given!) === givenKey(n.given!) && surnameKeyOf(w.surname) === surnameKeyOf(n.surname);
    // A shorter form is unclear beside a person of that name whose middle names differ from the
    // reference's: "Hamad Thani" may be Hamad bin Khalifa al-Thani, so "Hamad bin Jassim al-Thani"
    // is not joined to it.
    const otherwiseNamed = full.some((c) => namesOf(c).some((n) => withGiven.some((w) => sameKeys(w, n) && !middlesAgree(w.middles, n.middles))));
    const variants = full.filter((c) => namesOf(c).some((n) => withGiven.some((w) =>
      sameKeys(w, n) && middlesAgree(w.middles, n.middles) && generationsAgree(w, n)
      && (exactlyAsFull(w, n) || (!otherwiseNamed && (!date || !c.first || activeAt(c, date, SHORTER_NAME_MARGIN_YEARS)))))));
    // Chosen among several by the date, or by a shorter form: true then, not always.
    const learnable = (chosen: PersonCandidate) => namesOf(chosen).some((n) => withGiven.some((w) =>
      sameKeys(w, n) && middlesAgree(w.middles, n.middles) && generationsAgree(w, n) && !leavesOut(w, n)));
    if (variants.length > 0) {
      const chosen = narrowByDate(variants, date);
      if (!chosen) return { ambiguous: variants };
      return { match: chosen, reason: 'name-variant', learn: variants.length === 1 && learnable(chosen) };
    }
    // Farther from the date than a career spans, a shorter or fuller form of the name is still
    // the person's when their records give the same office for the same country ("President
    // Michael Higgins" met in Ireland in 2012 and "President Michael D. Higgins" in 2023), one
    // person only fits, and the fuller form adds no name of its own (a son who succeeded his
    // father holds the office too: addsOnlyInitials).
    const here = office && officeKey(office.role) ? officeOf(office) : null;
    const sameHolder = here && !otherwiseNamed ? full.filter((c) => (c.offices ?? []).some((o) => sameOffice(here, o))
      && namesOf(c).some((n) => withGiven.some((w) => sameKeys(w, n) && middlesAgree(w.middles, n.middles) && addsOnlyInitials(w, n)))) : [];
    if (sameHolder.length === 1) return { match: sameHolder[0]!, reason: 'same-office', learn: learnable(sameHolder[0]!) };
    const close = full.filter((c) => namesOf(c).some((n) => n.given && withGiven.some((w) => {
      const a = surnameKeyOf(w.surname);
      const b = surnameKeyOf(n.surname);
      return givenKey(w.given!) === givenKey(n.given!) && a !== b && Math.min(a.length, b.length) >= CLOSE_SPELLING_MIN_LENGTH
        && withinOneEdit(a, b) && middlesAgree(w.middles, n.middles);
    })));
    if (close.length === 1) return { match: close[0]!, reason: 'close-spelling', learn: true };
    // A node known so far by this surname alone: the new, fuller name takes it over, unless the
    // surname already belongs to someone else with a full name (then the short form is unclear).
    const surnames = new Set(withGiven.map((w) => surnameKeyOf(w.surname)));
    const bare = candidates.filter((c) => isBareSurname(c.name) && surnames.has(surnameKeyOf(parsePersonName(c.name)!.surname)));
    const others = full.filter((c) => namesOf(c).some((n) => surnames.has(surnameKeyOf(n.surname))));
    // ...and only when every mention of the short form lies near this record's date: "Hussein" in
    // 1960 is no short form of "Abdullah II ibn Al Hussein", nor an "Assad" of 1974-2000 one of
    // Bashar al-Assad first recorded in 2001.
    if (bare.length === 1 && others.length === 0) {
      if (!date || !bare[0]!.first || mentionedOnlyNear(bare[0]!, date)) return { absorb: bare[0]!, reason: 'absorbed-short-form' };
      // ...or when the short form held, in turn, the office this record gives the fuller name.
      if (here && heldInTurn(bare[0]!, [{ ...here, first: date, last: date }])) return { absorb: bare[0]!, reason: 'surname-in-office' };
    }
    return null;
  }

  // A surname alone: the people whose surname it is.
  const surnames = new Set(wanted.map((w) => surnameKeyOf(w.surname)));
  // A bearer known to be active only far from the record's date is someone else's namesake
  // ("Rahman" in 1960 is not Ziaur Rahman, active from 1977).
  const bearers = full.filter((c) => namesOf(c).some((n) => n.given && surnames.has(surnameKeyOf(n.surname))))
    .filter((c) => !date || (!c.first && !(c.terms ?? []).length) || activeAt(c, date));
  if (bearers.length === 0) return null;
  const chosen = narrowByDate(bearers, date);
  // A surname alone is never learnt: "Assad" is Hafez in 1978 and Bashar in 2011.
  return chosen ? { match: chosen, reason: 'surname-in-context', learn: false } : { ambiguous: bearers };
}

/**
 * The people a batch is about to create, found by surname, so that the person rules join a
 * batch's own mentions as they would join them written one after the other ("Putin" and
 * "Vladimir Putin" in one import batch are one person). Each carries the span of the dates it
 * was mentioned at, standing for the activity a stored person has.
 */
export class NewPeople<T> {
  private readonly bySurname = new Map<string, Set<T>>();
  private readonly people = new Map<T, { id: string; name: string; aliases: string[]; dates: string[]; offices: Office[] }>();

  add(entry: T, person: { id: string; name: string; aliases?: string[] }, date: string | undefined, office?: OfficeContext): void {
    this.people.set(entry, { id: person.id, name: person.name, aliases: person.aliases ?? [], dates: [], offices: [] });
    this.index(entry, [person.name, ...(person.aliases ?? [])]);
    this.seen(entry, date, office);
  }

  /** A later mention of the entry, at this date (and in this office, if the record gives one). */
  seen(entry: T, date: string | undefined, office?: OfficeContext): void {
    const known = this.people.get(entry);
    if (date) known?.dates.push(date);
    if (office) known?.offices.push(officeOf(office));
  }

  /** The entry now goes by a fuller name too. */
  renamed(entry: T, person: { id: string; name: string; aliases?: string[] }): void {
    const known = this.people.get(entry);
    if (!known) return;
    Object.assign(known, { id: person.id, name: person.name, aliases: person.aliases ?? [] });
    this.index(entry, [person.name, ...(person.aliases ?? [])]);
  }

  /** The new people sharing a surname with the names given, as candidates, and which entry each is. */
  candidates(names: string[]): Map<PersonCandidate, T> {
    const found = new Map<PersonCandidate, T>();
    const entries = new Set(parsedNames(names).flatMap((p) => [...(this.bySurname.get(surnameKeyOf(p.surname)) ?? [])]));
    for (const entry of entries) {
      const { id, name, aliases, dates, offices } = this.people.get(entry)!;
      const sorted = [...dates].sort();
      found.set({ id, kind: 'PERSON', name, aliases, first: sorted[0] ?? null, last: sorted[sorted.length - 1] ?? null, offices }, entry);
    }
    return found;
  }

  private index(entry: T, names: string[]): void {
    for (const parsed of parsedNames(names)) {
      const key = surnameKeyOf(parsed.surname);
      (this.bySurname.get(key) ?? this.bySurname.set(key, new Set()).get(key)!).add(entry);
    }
  }
}
