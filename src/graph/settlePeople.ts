/**
 * After a bulk import, the person rules applied again with everything the file brought: while
 * it was read, a person's known activity grew record by record, so a mention could arrive before
 * the dates that would have let a rule join it ("Putin" in 1999 while Vladimir Putin was only
 * known from 2005 on; "Hubert Ingraham" in 2008 before "Hubert A. Ingraham"'s earlier trips).
 * Joined now, with the same guards:
 * - a node named by a surname alone, when exactly one person with a full name bears that surname
 *   and every dated mention of the short form lies within three years of that person's activity
 *   (so "Kenyatta" in 1970 is not Uhuru Kenyatta, active from 2014, and "Abe" in 1983 and 2006
 *   is not Shinzo Abe), or within one of that person's terms of office, or when the short form
 *   held, in turn, the office that person is recorded in (`surname-in-office`, heldInTurn: the
 *   same office for the same country, no gap of more than three years, nothing more than ten
 *   years beyond: `President Bourguiba` met 1959-83 is Habib Bourguiba, recorded in that office
 *   1968-85; `Assad`, president from 1973 to 2003, is not Bashar Assad of 2001);
 * - people whose names are one name by the name-variant rule (and "Jr"/"Sr" agree), when each
 *   such group has no member that fits two others that do not fit each other ("Hamad al-Thani"
 *   beside two different Hamads stays for review), and a shorter form is joined only within ten
 *   years of the fuller one's activity (an undated one is not joined: it may be anyone of that name),
 *   or, farther apart, when the records of both give the same office for the same country and
 *   the fuller form adds only initials (a son of his father's name adds a name of his own).
 * Two people with different ids from one registry (the historian's John Adams and John Quincy
 * Adams) are never joined, and a person a registry knows is the one kept.
 * Pairs set apart by hand (dismissDuplicate) stay apart. One statement reads the groups; each
 * join is a merge (mergeEntities), in the caller's transaction.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { mergeEntities } from './merge.js';
import { addsOnlyInitials, heldInTurn, inTerm, sameOffice, SHORTER_NAME_MARGIN_YEARS, type Office, type Term } from './resolvePeople.js';
import { givenKey, isBareSurname, middlesAgree, parsePersonName, surnameKeyOf, type PersonName } from './personName.js';

export interface SettleCandidate {
  id: string;
  name: string;
  aliases: string[];
  /** Ids this person was set apart from by hand. */
  apart: string[];
  first: string | null;
  last: string | null;
  /** Ids registries gave the person ("wikidata:Q7747", the historian's "hsg:adams-john"). */
  registryIds?: string[];
  terms?: Term[];
  /** The offices the person's records give them (a role as stated, for a country id). */
  offices?: Office[];
}

/** Years around a full-named person's activity in which a surname alone is taken to be them. */
const SHORT_FORM_MARGIN_YEARS = 3;

const year = (date: string | null) => (date ? Number(date.slice(0, 4)) : null);

function names(c: SettleCandidate): PersonName[] {
  return [c.name, ...c.aliases].map(parsePersonName).filter((p): p is PersonName => p !== null && p.given !== null);
}

/** The gap in years between two people's activity (0 when they overlap), or null when one has none. */
function gap(a: SettleCandidate, b: SettleCandidate): number | null {
  const [af, al, bf, bl] = [year(a.first), year(a.last), year(b.first), year(b.last)];
  if (af === null || al === null || bf === null || bl === null) return null;
  return Math.max(0, bf - al, af - bl);
}

/**
 * True when a registry tells the two apart: each has an id of one registry, and they differ
 * (John Adams and John Quincy Adams are two of the historian's people).
 */
function registriesDiffer(a: SettleCandidate, b: SettleCandidate): boolean {
  const registry = (id: string) => id.slice(0, id.indexOf(':'));
  const bIds = b.registryIds ?? [];
  return (a.registryIds ?? []).some((x) => bIds.some((y) => registry(x) === registry(y)) && !bIds.includes(x));
}

/**
 * True when a name of one and a name of the other are the same given name and surname with
 * middle names that contradict: "Hamad bin Khalifa al-Thani" on one node, "Hamad bin Jassim
 * al-Thani" on the other.
 */
function middlesContradict(a: SettleCandidate, b: SettleCandidate): boolean {
  return names(a).some((x) => names(b).some((y) => givenKey(x.given!) === givenKey(y.given!)
    && surnameKeyOf(x.surname) === surnameKeyOf(y.surname) && !middlesAgree(x.middles, y.middles)));
}

/**
 * True when the records of both give them the same office for the same country (President of
 * the Gambia in 2003 and in 2014): a shorter and a fuller form of a name are then one person
 * however far apart, as at resolution (`same-office`).
 */
function heldOneOffice(a: SettleCandidate, b: SettleCandidate): boolean {
  return (a.offices ?? []).some((x) => (b.offices ?? []).some((y) => sameOffice(x, y)));
}

/** True when the name-variant rule (or, beyond its years, the same office) joins the two, with its guards. */
function sameByName(a: SettleCandidate, b: SettleCandidate): boolean {
  if (registriesDiffer(a, b) || middlesContradict(a, b)) return false;
  return names(a).some((x) => names(b).some((y) => {
    if (givenKey(x.given!) !== givenKey(y.given!) || surnameKeyOf(x.surname) !== surnameKeyOf(y.surname)) return false;
    if (!middlesAgree(x.middles, y.middles)) return false;
    if (x.generation && y.generation && x.generation !== y.generation) return false;
    const asFull = (x.middles.length > 0) === (y.middles.length > 0) && x.generation === y.generation;
    // A shorter form of an undated person may be anyone of that name: no dates, no join.
    const apartYears = gap(a, b);
    return asFull || (apartYears !== null && apartYears <= SHORTER_NAME_MARGIN_YEARS) || (addsOnlyInitials(x, y) && heldOneOffice(a, b));
  }));
}

/**
 * The one to keep of two: one a registry knows (its records are written again by that id), else the
 * fuller name (more parts), then the one with more aliases, then the smaller id.
 */
function fuller(a: SettleCandidate, b: SettleCandidate): SettleCandidate {
  const known = (c: SettleCandidate) => (c.registryIds ?? []).length > 0;
  if (known(a) !== known(b)) return known(a) ? a : b;
  const parts = (c: SettleCandidate) => c.name.split(/\s+/).length;
  if (parts(a) !== parts(b)) return parts(a) > parts(b) ? a : b;
  if (a.aliases.length !== b.aliases.length) return a.aliases.length > b.aliases.length ? a : b;
  return a.id < b.id ? a : b;
}

const setApart = (a: SettleCandidate, b: SettleCandidate) => a.apart.includes(b.id) || b.apart.includes(a.id);

/** Which rule joins two people once an import is in. */
export type SettleRule = 'name-variant' | 'same-office' | 'surname-in-context' | 'surname-in-office';

export interface SettleJoin {
  keep: string;
  merge: string;
  rule: SettleRule;
}

/** A join as `onJoin` hears of it: with both names and the span of the merged node's mentions. */
export type SettleJoinHeard = SettleJoin & { keepName: string; mergeName: string; mergeFirst: string | null; mergeLast: string | null };

/** Which merges to make in one group of people sharing a surname, in order, each with the rule that makes it. */
export function settleJoins(group: SettleCandidate[]): SettleJoin[] {
  const joins: SettleJoin[] = [];
  const full = group.filter((c) => !isBareSurname(c.name));
  const bare = group.filter((c) => isBareSurname(c.name));

  // Full names: groups joined by the name rule, merged only where every two of them agree.
  const seen = new Set<string>();
  for (const start of full) {
    if (seen.has(start.id)) continue;
    const component = [start];
    for (let i = 0; i < component.length; i += 1) {
      for (const other of full) {
        if (!component.includes(other) && sameByName(component[i]!, other)) component.push(other);
      }
    }
    component.forEach((c) => seen.add(c.id));
    if (component.length < 2) continue;
    const clique = component.every((a) => component.every((b) => a === b || (sameByName(a, b) && !setApart(a, b))));
    if (!clique) continue;
    const keep = component.reduce(fuller);
    for (const c of component) {
      if (c === keep) continue;
      const apartYears = gap(keep, c);
      joins.push({ keep: keep.id, merge: c.id, rule: apartYears !== null && apartYears > SHORTER_NAME_MARGIN_YEARS && heldOneOffice(keep, c) ? 'same-office' : 'name-variant' });
    }
  }

  // A surname alone: the one bearer (after the merges above), if its activity or one of its terms
  // of office covers the mentions.
  const bearers = new Set(full.map((c) => joins.find((j) => j.merge === c.id)?.keep ?? c.id));
  if (bearers.size === 1) {
    const keep = full.find((c) => bearers.has(c.id))!;
    const [kf, kl] = [year(keep.first), year(keep.last)];
    const joined = full.filter((c) => c === keep || joins.some((j) => j.keep === keep.id && j.merge === c.id));
    const terms = joined.flatMap((c) => c.terms ?? []);
    const offices = joined.flatMap((c) => c.offices ?? []);
    for (const short of bare) {
      const [sf, sl] = [year(short.first), year(short.last)];
      if (sf === null || sl === null || setApart(short, keep) || registriesDiffer(short, keep)) continue;
      const nearActivity = kf !== null && kl !== null && sf >= kf - SHORT_FORM_MARGIN_YEARS && sl <= kl + SHORT_FORM_MARGIN_YEARS;
      const inOffice = terms.some((t) => inTerm([t], sf) && inTerm([t], sl));
      if (nearActivity || inOffice) joins.push({ keep: keep.id, merge: short.id, rule: 'surname-in-context' });
      else if (heldInTurn(short, offices)) joins.push({ keep: keep.id, merge: short.id, rule: 'surname-in-office' });
    }
  }
  return joins;
}

/**
 * Applies settleJoins to every group of people sharing a surname; returns how many nodes were
 * merged. `onJoin` hears of each join before it is made, with the names of both and its rule.
 */
export async function settlePeople(tx: Tx, onJoin?: (join: SettleJoinHeard) => void): Promise<number> {
  const result = await tx.run(cypher('write/settle-people-groups'));
  let merged = 0;
  for (const record of result.records) {
    const group = record.get('people') as SettleCandidate[];
    for (const join of settleJoins(group)) {
      if (onJoin) {
        const [keep, merge] = [group.find((c) => c.id === join.keep)!, group.find((c) => c.id === join.merge)!];
        onJoin({ ...join, keepName: keep.name, mergeName: merge.name, mergeFirst: merge.first, mergeLast: merge.last });
      }
      await mergeEntities(tx, join.keep, join.merge);
      merged += 1;
    }
  }
  return merged;
}
