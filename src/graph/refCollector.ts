/**
 * A batch's references, collected before any is resolved: where each stands in the input, the
 * kinds it may be, the date it is read at and the office it holds. The answers come back by index.
 */
import { invalid } from './errors.js';
import { normalizeName } from './normalize.js';
import type { EntityKindName } from './ontology.js';
import type { EntityRef } from './records.js';
import type { RefRequest } from './references.js';

export const PLACE_KINDS: EntityKindName[] = ['CITY', 'PLACE', 'REGION'];

/** Collects every reference of a batch, remembering where each one's answer goes. */
export class RefCollector {
  readonly requests: RefRequest[] = [];
  /** The date of the record being planned: a surname alone means the person active then. */
  date: string | undefined;
  /**
   * @param impliedWithin the request a place lies within unless it says otherwise (a visit's city
   *   is within the host country); a place given by id is taken as it is.
   */
  add(ref: EntityRef, at: string, expect?: EntityKindName | EntityKindName[], label?: string, impliedWithin?: number): number {
    if (!ref || typeof ref !== 'object') throw invalid(`${at}: expected a reference ({ id } or { name, kind })`, { at });
    let within: number | undefined;
    let implied = false;
    const expectAny = Array.isArray(expect) ? expect : undefined;
    const expectOne = Array.isArray(expect) ? undefined : expect;
    if (ref.within) {
      const kind = ref.kind ?? expectOne;
      if (kind && !PLACE_KINDS.includes(kind)) throw invalid(`${at}.within: only a city, place or region lies within another entity`, { at });
      within = this.add(ref.within, `${at}.within`);
    } else if (impliedWithin !== undefined && !ref.id) {
      within = impliedWithin;
      implied = true;
    }
    if (ref.role !== undefined && (typeof ref.role !== 'string' || ref.role.trim() === '')) throw invalid(`${at}.role: give the role as text`, { at });
    this.requests.push({ ref, at, expect: expectOne, ...(expectAny ? { expectAny } : {}), label, within, date: this.date, ...(implied ? { impliedWithin: true } : {}) });
    return this.requests.length - 1;
  }

  /**
   * Notes the office a person's reference holds in this record (a role for a country), which
   * lets a person rule join two forms of one name decades apart.
   */
  office(index: number, role: string | undefined, country: EntityRef | undefined): number {
    const request = this.requests[index]!;
    if (role?.trim() && country && !request.ref.id) request.office = { role: role.trim(), country };
    return index;
  }
}

/** A role as the source states it, folded for matching post names ("Prime Minister" → "prime minister"). */
export function roleKey(ref: EntityRef): string | null {
  return ref.role ? normalizeName(ref.role) || null : null;
}
