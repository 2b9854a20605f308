/**
 * References to entities as the resolver receives them: where each stands in the input, what
 * kind its role admits, and the names it can be matched by.
 */
import { DomainError, invalid, type Candidate } from './errors.js';
import { normalizeName } from './normalize.js';
import { ENTITY_KINDS, type EntityKindName } from './ontology.js';
import type { EntityRef } from './records.js';

/**
 * Why a reference was joined to the entity it resolved to, in the order the rules are tried:
 * its id, an external id or the id of an entity merged into it, its exact name, an alias, a
 * person's name with middle names or transliteration folded, a surname alone that fits one
 * person (active near the record's date), a surname one letter off, a shorter or fuller form
 * of the name of the one person who held the same office for the same country (however far
 * apart the dates); else a new entity, which may absorb a person known so far by a surname alone.
 */
export type MatchReason =
  | 'id' | 'external-id' | 'merged-id' | 'exact' | 'alias' | 'name-variant' | 'surname-in-context'
  | 'close-spelling' | 'same-office' | 'new' | 'absorbed-short-form' | 'surname-in-office';

/** How one reference of a written record was resolved, and by which rule: reported with the write. */
export interface ResolutionNote {
  at: string;
  id: string;
  reason: MatchReason;
  created: boolean;
}

/**
 * The office a record gives a person: the role as the source states it ("President") and the
 * country it is held for (a traveler's `representing`, or the host of a visit in which the
 * person was met). Tells a person's two records decades apart from a namesake's.
 */
export interface OfficeContext {
  role: string;
  country: EntityRef;
}

export interface RefRequest {
  ref: EntityRef;
  /** Where the reference stands in the input, for messages: "traveler", "meetings[0].with[1]". */
  at: string;
  /** Only nodes with this label match, and a new node gets it (e.g. "Tour"). */
  label?: string;
  /** The kind the role calls for (a host is a COUNTRY): matches are filtered by it. */
  expect?: EntityKindName;
  /**
   * Index (in the same request list) of the country or region this city, place or region lies
   * in: resolved first, then only entities inside it (or placed nowhere yet) match.
   */
  within?: number;
  /**
   * True when `within` is implied (a visit's place is within the host unless it says otherwise)
   * rather than stated: a name that matches nothing there, given without a kind, may still name
   * the one place of that name elsewhere, as before places had a country.
   */
  impliedWithin?: boolean;
  /** The kinds a relationship type admits at this end (POST_OF ends at a COUNTRY or an ORGANIZATION). */
  expectAny?: EntityKindName[];
  /** The record's date, to prefer the person active then when a surname alone is given. */
  date?: string;
  /** The office the record gives the person, when it names both a role and a country. */
  office?: OfficeContext;
}

/** A reference's names as given (English, Arabic, aliases), trimmed, each with letters to match on. */
export function namesOf(ref: EntityRef): string[] {
  return [...new Set([ref.name, ref.nameAr, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s)).map((s) => s.trim()))]
    .filter((s) => normalizeName(s));
}

/** The names of a reference that an entity with these names does not have yet. */
export function namesToLearn(ref: EntityRef, known: string[]): string[] {
  const have = new Set(known.map(normalizeName));
  return namesOf(ref).filter((n) => !have.has(normalizeName(n)));
}

export function keysOf(ref: EntityRef): string[] {
  return [...new Set([ref.name, ref.nameAr, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s)).map(normalizeName).filter(Boolean))];
}

export function describe(ref: EntityRef): string {
  return ref.id ?? ref.externalId ?? [ref.name, ref.nameAr].filter(Boolean).join(' / ');
}

export function kindOf(request: RefRequest): EntityKindName | undefined {
  return request.ref.kind ?? request.expect ?? (request.expectAny?.length === 1 ? request.expectAny[0] : undefined);
}

/** The kinds a reference may resolve to, or null for any. */
export function kindsOf(request: RefRequest): string[] | null {
  const kind = kindOf(request);
  if (kind) return [kind];
  return request.expectAny?.length ? [...request.expectAny] : null;
}

export function validate(request: RefRequest): void {
  const { ref, at, expect } = request;
  if (ref.kind && !ENTITY_KINDS.includes(ref.kind)) throw invalid(`${at}: unknown kind "${ref.kind}"`, { at });
  if (ref.kind && expect && ref.kind !== expect) {
    throw invalid(`${at}: must be a ${expect}, not a ${ref.kind}`, { at });
  }
  if (ref.kind && request.expectAny?.length && !request.expectAny.includes(ref.kind)) {
    throw invalid(`${at}: must be one of ${request.expectAny.join(', ')}, not a ${ref.kind}`, { at });
  }
  if (ref.aliases !== undefined && ref.aliases !== null && (!Array.isArray(ref.aliases) || ref.aliases.some((a) => typeof a !== 'string'))) {
    throw invalid(`${at}.aliases: expected a list of names`, { at });
  }
  if (!ref.id && !ref.externalId && !ref.name && !ref.nameAr) throw invalid(`${at}: give an id, an external id, a name or an Arabic name`, { at });
  if (!ref.id && !ref.externalId && keysOf(ref).length === 0) throw invalid(`${at}: "${describe(ref)}" has no letters to match on`, { at });
}

/** The Latin-script names of a reference (its name and aliases), for the person rules. */
export function latinNames(ref: EntityRef): string[] {
  return [ref.name, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s));
}

export function ambiguous(request: RefRequest, candidates: Candidate[]): DomainError {
  const { ref, at } = request;
  return new DomainError(
    'AMBIGUOUS_REFERENCE',
    `${at}: "${describe(ref)}" matches ${candidates.length} entities: ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}. Give the id or a kind.`,
    { at, candidates },
  );
}
