/** Readable ids: "<kind>:<slug>", e.g. person:antony-blinken, visit:mark-esper-algeria-2020-10-01. */
import { createHash } from 'node:crypto';
import type { EntityKindName } from './ontology.js';
import { normalizeName } from './normalize.js';

/** The whole of a text's Latin letters and digits, joined by dashes ("" when it has none). */
export function latinSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Latin letters and digits joined by dashes; names in other scripts get a short stable hash. */
export function slugify(text: string): string {
  const latin = latinSlug(text);
  if (latin.length > 0) return latin.slice(0, 80);
  return `n${createHash('sha1').update(normalizeName(text)).digest('hex').slice(0, 10)}`;
}

export function entityId(kind: EntityKindName, name: string): string {
  return `${kind.toLowerCase()}:${slugify(name)}`;
}

/** The part of an id after its kind: "person:mark-esper" → "mark-esper". */
export function idSlug(id: string): string {
  const colon = id.indexOf(':');
  return colon >= 0 ? id.slice(colon + 1) : slugify(id);
}

export function visitId(travelerId: string, hostId: string, date: string): string {
  return `visit:${idSlug(travelerId)}-${idSlug(hostId)}-${date}`;
}

export function meetingId(principalIds: string[], date: string): string {
  return `meeting:${principalIds.map(idSlug).join('-')}-${date}`;
}
