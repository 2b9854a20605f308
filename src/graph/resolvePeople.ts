/**
 * The person rules of resolution, tried only when no name or alias matched exactly: the same
 * given name and surname once middle names, initials, particles and transliteration are folded
 * ("name-variant"); a surname alone that fits one person, or the one active near the record's
 * date ("surname-in-context"); a surname one letter off, only with the same given name and a
 * surname of six letters or more, and only when it is the one such person ("close-spelling").
 */
import { givenKey, isBareSurname, middlesAgree, parsePersonName, surnameKeyOf, withinOneEdit, type PersonName } from './personName.js';

export interface PersonCandidate {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  /** First and last day of the person's dated visits and meetings (null when none). */
  first: string | null;
  last: string | null;
}

export type PersonChoice =
  | { match: PersonCandidate; reason: 'name-variant' | 'surname-in-context' | 'close-spelling' }
  | { absorb: PersonCandidate }
  | { ambiguous: PersonCandidate[] }
  | null;

/** Years either side of a person's known activity in which a surname alone still points to them. */
const ACTIVE_MARGIN_YEARS = 3;
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

function activeAt(candidate: PersonCandidate, date: string | undefined): boolean {
  if (!date || !candidate.first || !candidate.last) return false;
  const year = Number(date.slice(0, 4));
  return year >= Number(candidate.first.slice(0, 4)) - ACTIVE_MARGIN_YEARS && year <= Number(candidate.last.slice(0, 4)) + ACTIVE_MARGIN_YEARS;
}

/** One candidate; else the only one active at the date; else null. */
function narrowByDate(candidates: PersonCandidate[], date: string | undefined): PersonCandidate | null {
  if (candidates.length === 1) return candidates[0]!;
  const active = candidates.filter((c) => activeAt(c, date));
  return active.length === 1 ? active[0]! : null;
}

/** Which known person, if any, a reference's names mean by the person rules. */
export function choosePerson(names: string[], date: string | undefined, candidates: PersonCandidate[]): PersonChoice {
  const wanted = parsedNames(names);
  if (wanted.length === 0 || candidates.length === 0) return null;
  const namesOf = (c: PersonCandidate) => parsedNames([c.name, ...c.aliases]);
  const full = candidates.filter((c) => !isBareSurname(c.name));

  const withGiven = wanted.filter((w) => w.given);
  if (withGiven.length > 0) {
    const variants = full.filter((c) => namesOf(c).some((n) => n.given && withGiven.some((w) =>
      givenKey(w.given!) === givenKey(n.given!) && surnameKeyOf(w.surname) === surnameKeyOf(n.surname) && middlesAgree(w.middles, n.middles))));
    if (variants.length > 0) {
      const chosen = narrowByDate(variants, date);
      return chosen ? { match: chosen, reason: 'name-variant' } : { ambiguous: variants };
    }
    const close = full.filter((c) => namesOf(c).some((n) => n.given && withGiven.some((w) => {
      const a = surnameKeyOf(w.surname);
      const b = surnameKeyOf(n.surname);
      return givenKey(w.given!) === givenKey(n.given!) && a !== b && Math.min(a.length, b.length) >= CLOSE_SPELLING_MIN_LENGTH
        && withinOneEdit(a, b) && middlesAgree(w.middles, n.middles);
    })));
    if (close.length === 1) return { match: close[0]!, reason: 'close-spelling' };
    // A node known so far by this surname alone: the new, fuller name takes it over, unless the
    // surname already belongs to someone else with a full name (then the short form is unclear).
    const surnames = new Set(withGiven.map((w) => surnameKeyOf(w.surname)));
    const bare = candidates.filter((c) => isBareSurname(c.name) && surnames.has(surnameKeyOf(parsePersonName(c.name)!.surname)));
    const others = full.filter((c) => namesOf(c).some((n) => surnames.has(surnameKeyOf(n.surname))));
    if (bare.length === 1 && others.length === 0) return { absorb: bare[0]! };
    return null;
  }

  // A surname alone: the people whose surname it is.
  const surnames = new Set(wanted.map((w) => surnameKeyOf(w.surname)));
  // A bearer known to be active only far from the record's date is someone else's namesake
  // ("Rahman" in 1960 is not Ziaur Rahman, active from 1977).
  const bearers = full.filter((c) => namesOf(c).some((n) => n.given && surnames.has(surnameKeyOf(n.surname))))
    .filter((c) => !date || !c.first || activeAt(c, date));
  if (bearers.length === 0) return null;
  const chosen = narrowByDate(bearers, date);
  return chosen ? { match: chosen, reason: 'surname-in-context' } : { ambiguous: bearers };
}
