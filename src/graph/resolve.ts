/**
 * Entity resolution: which node an EntityRef means. By id; else by any name or alias in either
 * language, folded by normalizeName; kind-filtered where a kind is given (or implied by the
 * role, e.g. a visit's host is a country). Ambiguity is an error that lists the candidates; an
 * unknown name becomes a new entity only when its kind is given.
 *
 * A batch of any size costs at most three statements: one for all names (each distinct lookup
 * once), one exact scan only for a name whose full-text phrase hit the index limit, and one for
 * all ids (the ids given, and the readable ids wanted for new entities).
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid, type Candidate } from './errors.js';
import { entityId, slugify } from './ids.js';
import { normalizeName } from './normalize.js';
import { ENTITY_KINDS, type EntityKindName } from './ontology.js';
import type { EntityRecord, EntityRef } from './records.js';

export interface RefRequest {
  ref: EntityRef;
  /** Where the reference stands in the input, for messages: "traveler", "meetings[0].with[1]". */
  at: string;
  /** Only nodes with this label match, and a new node gets it (e.g. "Tour"). */
  label?: string;
  /** The kind the role calls for (a host is a COUNTRY): matches are filtered by it. */
  expect?: EntityKindName;
}

export interface Resolved {
  id: string;
  /** True when this call creates the entity. */
  created: boolean;
  /** The entity's English name (for display names such as "Mark Esper in Algeria"). */
  name: string;
  kind: string;
}

export interface Resolution {
  resolved: Resolved[];
  /** The entities to create, one per distinct new name. */
  toCreate: EntityRecord[];
}

/**
 * What a long run of batches (the bulk importer) has already resolved, so that each name is
 * looked up once per run rather than once per batch. Only unique answers are kept; an entry is
 * dropped as soon as an entity that could also answer it is written (a new entity, or one whose
 * names grew). What a transaction learns is kept only once it commits (`commit()`), and thrown
 * away when it rolls back (`discard()`). Writers outside the run are not seen: the importer
 * is meant to be the only writer while it runs.
 */
export class ResolveCache {
  private readonly names = new Map<string, Candidate>();
  private readonly lookupsByKey = new Map<string, Set<string>>();
  private readonly ids = new Map<string, { id: string; kind: string; name: string; labels: string[] }>();
  private pendingNames: [string, string[], Candidate][] = [];
  private pendingIds: { id: string; kind: string; name: string; labels: string[] }[] = [];
  private pendingTouched: string[] = [];

  name(lookupKey: string): Candidate | undefined {
    return this.names.get(lookupKey);
  }
  id(id: string) {
    return this.ids.get(id);
  }
  learnName(lookupKey: string, keys: string[], candidate: Candidate): void {
    this.pendingNames.push([lookupKey, keys, candidate]);
  }
  learnId(node: { id: string; kind: string; name: string; labels: string[] }): void {
    this.pendingIds.push(node);
  }
  /** Names (normalized) that an entity written in this transaction answers to. */
  touch(keys: string[]): void {
    this.pendingTouched.push(...keys);
  }
  commit(): void {
    for (const key of this.pendingTouched) {
      for (const lookupKey of this.lookupsByKey.get(key) ?? []) this.names.delete(lookupKey);
      this.lookupsByKey.delete(key);
    }
    for (const [lookupKey, keys, candidate] of this.pendingNames) {
      if (keys.some((k) => this.pendingTouched.includes(k))) continue;
      this.names.set(lookupKey, candidate);
      for (const k of keys) (this.lookupsByKey.get(k) ?? this.lookupsByKey.set(k, new Set()).get(k)!).add(lookupKey);
    }
    for (const node of this.pendingIds) this.ids.set(node.id, node);
    this.discard();
  }
  discard(): void {
    this.pendingNames = [];
    this.pendingIds = [];
    this.pendingTouched = [];
  }
}

/** Full-text hits per lookup; a lookup that reaches it is answered by an exact scan instead. */
const FULLTEXT_LIMIT = 1000;
const ID_PATTERN = /^[a-z]+:\S+$/;
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** A plain string naming an entity: an id if it looks like one ("topic:arms-sales"), else a name. */
export function refFromString(text: string, kind: EntityKindName): EntityRef {
  return ID_PATTERN.test(text) ? { id: text } : { name: text, kind };
}

function keysOf(ref: EntityRef): string[] {
  return [...new Set([ref.name, ref.nameAr].filter((s): s is string => Boolean(s)).map(normalizeName).filter(Boolean))];
}

function describe(ref: EntityRef): string {
  return ref.id ?? [ref.name, ref.nameAr].filter(Boolean).join(' / ');
}

function kindOf(request: RefRequest): EntityKindName | undefined {
  return request.ref.kind ?? request.expect;
}

function validate(request: RefRequest): void {
  const { ref, at, expect } = request;
  if (ref.kind && !ENTITY_KINDS.includes(ref.kind)) throw invalid(`${at}: unknown kind "${ref.kind}"`, { at });
  if (ref.kind && expect && ref.kind !== expect) {
    throw invalid(`${at}: must be a ${expect}, not a ${ref.kind}`, { at });
  }
  if (!ref.id && !ref.name && !ref.nameAr) throw invalid(`${at}: give an id, a name or an Arabic name`, { at });
  if (!ref.id && keysOf(ref).length === 0) throw invalid(`${at}: "${describe(ref)}" has no letters to match on`, { at });
}

interface NameLookup {
  index: number;
  keys: string[];
  query: string;
  kind: string | null;
  label: string | null;
}

async function lookUpNames(tx: Tx, lookups: NameLookup[]): Promise<Map<number, Candidate[]>> {
  const found = new Map<number, Candidate[]>();
  if (lookups.length === 0) return found;
  const result = await tx.run(cypher('write/resolve-names'), { lookups, limit: FULLTEXT_LIMIT });
  const overflow: NameLookup[] = [];
  for (const record of result.records) {
    const index = record.get('index') as number;
    if ((record.get('hits') as number) >= FULLTEXT_LIMIT) overflow.push(lookups[index]!);
    else found.set(index, (record.get('candidates') as Candidate[]).sort((a, b) => a.id.localeCompare(b.id)));
  }
  if (overflow.length > 0) {
    const scan = await tx.run(cypher('write/resolve-names-scan'), { lookups: overflow });
    for (const record of scan.records) found.set(record.get('index') as number, (record.get('candidates') as Candidate[]).sort((a, b) => a.id.localeCompare(b.id)));
  }
  return found;
}

function ambiguous(request: RefRequest, candidates: Candidate[]): DomainError {
  const { ref, at } = request;
  return new DomainError(
    'AMBIGUOUS_REFERENCE',
    `${at}: "${describe(ref)}" matches ${candidates.length} entities: ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}. Give the id or a kind.`,
    { at, candidates },
  );
}

/**
 * Serialises the creation of entities on their kind and normalized names: the lock of each key
 * is held until the transaction ends, so a concurrent writer of the same name (in any spelling
 * that folds to it) waits, then finds the entity this one created.
 */
async function lockNames(tx: Tx, records: EntityRecord[]): Promise<void> {
  const keys = [...new Set(records.flatMap((r) => keysOf(r).map((key) => `${r.kind}|${key}`)))].sort();
  await tx.run(cypher('write/lock-names'), { keys });
}

export async function resolveRefs(tx: Tx, requests: RefRequest[], cache?: ResolveCache, namesLocked = false): Promise<Resolution> {
  requests.forEach(validate);

  // Each distinct name lookup once, however many references share it.
  const lookups: NameLookup[] = [];
  const lookupOf: number[] = [];
  const candidatesFromCache = new Map<number, Candidate[]>();
  const lookupKeyByIndex: string[] = [];
  const lookupByKey = new Map<string, number>();
  const lookupKeys: string[] = [];
  requests.forEach((request, i) => {
    if (request.ref.id) return;
    const keys = keysOf(request.ref);
    const kind = kindOf(request) ?? null;
    const label = request.label ?? null;
    const key = `${keys.join('\u0000')}|${kind ?? ''}|${label ?? ''}`;
    let index = lookupByKey.get(key);
    const cached = index === undefined ? cache?.name(key) : undefined;
    if (cached) {
      index = lookups.length + lookupKeys.length + 1_000_000;
      lookupByKey.set(key, index);
      candidatesFromCache.set(index, [cached]);
    }
    if (index === undefined) {
      index = lookups.length;
      lookupByKey.set(key, index);
      lookupKeyByIndex[index] = key;
      lookups.push({
        index,
        keys,
        query: keys.map((k) => `nameKeys:"${k.replace(LUCENE_SPECIAL, (c) => `\\${c}`)}"`).join(' OR '),
        kind,
        label,
      });
    }
    lookupOf[i] = index;
    lookupKeys.push(key);
  });
  const candidatesByLookup = await lookUpNames(tx, lookups);
  for (const lookup of lookups) {
    const found = candidatesByLookup.get(lookup.index);
    if (cache && found?.length === 1) cache.learnName(lookupKeyByIndex[lookup.index]!, lookup.keys, found[0]!);
  }
  for (const [index, candidates] of candidatesFromCache) candidatesByLookup.set(index, candidates);

  // Names that match nothing: new entities where a kind is given, one per distinct name. A batch
  // must mean what its records would mean written one after the other, so a reference also
  // matches the entities that earlier references of the same call create (by any of their names).
  const newByKey = new Map<string, EntityRecord>();
  const newKeyOf: (string | undefined)[] = [];
  const earlierNew: { key: string; record: EntityRecord; keys: Set<string> }[] = [];
  requests.forEach((request, i) => {
    if (request.ref.id) return;
    const { ref, at, label } = request;
    const kind = kindOf(request);
    const keys = keysOf(ref);
    const known = candidatesByLookup.get(lookupOf[i]!) ?? [];
    const fresh = earlierNew.filter((n) =>
      keys.some((k) => n.keys.has(k)) && (!kind || n.record.kind === kind) && (!label || (n.record.labels ?? []).includes(label)));
    const candidates = [...known, ...fresh.map((n) => ({ id: n.record.id, kind: n.record.kind, name: n.record.name }))];
    if (candidates.length > 1) throw ambiguous(request, candidates);
    if (fresh.length === 1) {
      newKeyOf[i] = fresh[0]!.key;
      return;
    }
    if (candidates.length === 1) return;
    if (!ref.kind) {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `${at}: no ${request.expect ? `${request.expect} ` : 'entity '}is named "${describe(ref)}"; give its kind to create it`,
        { at, name: describe(ref) },
      );
    }
    const name = (ref.name ?? ref.nameAr)!.trim();
    const key = `${ref.kind}|${label ?? ''}|${normalizeName(name)}`;
    const record: EntityRecord = {
      id: label === 'Tour' ? `tour:${slugify(name)}` : entityId(ref.kind, name),
      kind: ref.kind,
      name,
      nameAr: ref.nameAr?.trim() || undefined,
      labels: label ? [label] : undefined,
    };
    newByKey.set(key, record);
    earlierNew.push({ key, record, keys: new Set(keys) });
    newKeyOf[i] = key;
  });
  // About to create: take the names' locks, then look again, since a writer that held them may
  // have created some of these entities meanwhile.
  if (newByKey.size > 0 && !namesLocked) {
    await lockNames(tx, [...newByKey.values()]);
    return resolveRefs(tx, requests, cache, true);
  }
  let toCreate = [...newByKey.values()];

  // One statement for the ids given and for the ids the new entities would like.
  const byIdCached = new Map<string, { id: string; kind: string; name: string; labels: string[] }>();
  const givenIds = [...new Set(requests.map((r) => r.ref.id).filter((id): id is string => Boolean(id)))].filter((id) => {
    const hit = cache?.id(id);
    if (hit) byIdCached.set(id, hit);
    return !hit;
  });
  const wantedIds = toCreate.flatMap((r) => [r.id, ...Array.from({ length: 8 }, (_, n) => `${r.id}-${n + 2}`)]);
  const byId = new Map<string, { id: string; kind: string; name: string; labels: string[] }>();
  if (givenIds.length + wantedIds.length > 0) {
    const result = await tx.run(
      'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind, n.name AS name, labels(n) AS labels, n.nameKeys AS nameKeys',
      { ids: [...givenIds, ...wantedIds] },
    );
    for (const r of result.records) byId.set(r.get('id') as string, r.toObject() as never);
  }
  for (const id of givenIds) if (byId.has(id)) cache?.learnId(byId.get(id)!);
  for (const [id, node] of byIdCached) byId.set(id, node);
  for (const record of toCreate) cache?.touch(keysOf(record));
  // A new entity whose readable id is taken by an entity with one of its names and its kind is
  // that entity: a concurrent writer created it after this one looked the name up. Taken by
  // another name, the id gets "-2", "-3"...
  const adopted = new Map<string, { id: string; kind: string; name: string }>();
  for (const [key, record] of newByKey) {
    const holder = byId.get(record.id) as { id: string; kind: string; name: string; labels: string[]; nameKeys?: string[] } | undefined;
    const keys = keysOf(record);
    if (holder && holder.kind === record.kind && (holder.nameKeys ?? []).some((k) => keys.includes(k))
      && (!record.labels?.length || record.labels.every((l) => holder.labels.includes(l)))) {
      adopted.set(key, holder);
    }
  }
  toCreate = toCreate.filter((record) => ![...adopted.keys()].some((key) => newByKey.get(key) === record));
  const taken = new Set(byId.keys());
  for (const record of toCreate) {
    let id = record.id;
    for (let n = 2; taken.has(id); n += 1) id = `${record.id}-${n}`;
    taken.add(id);
    record.id = id;
  }

  const resolved = requests.map((request, i): Resolved => {
    const { ref, at } = request;
    if (ref.id) {
      // An id that an earlier reference of this call creates is that entity, as it would be
      // had the records been written one by one.
      const fresh = toCreate.find((r) => r.id === ref.id);
      if (!byId.has(ref.id) && fresh) return { id: fresh.id, created: true, name: fresh.name, kind: fresh.kind };
      const node = byId.get(ref.id);
      if (!node) throw new DomainError('UNKNOWN_REFERENCE', `${at}: no entity has the id "${ref.id}"`, { at, id: ref.id });
      const kind = kindOf(request);
      if (kind && node.kind !== kind) throw invalid(`${at}: ${ref.id} is a ${node.kind}, not a ${kind}`, { at });
      if (request.label && !node.labels.includes(request.label)) throw invalid(`${at}: ${ref.id} is not a ${request.label}`, { at });
      return { id: node.id, created: false, name: node.name, kind: node.kind };
    }
    const key = newKeyOf[i];
    const holder = key === undefined ? undefined : adopted.get(key);
    if (holder) return { id: holder.id, created: false, name: holder.name, kind: holder.kind };
    if (key !== undefined) {
      const record = newByKey.get(key)!;
      return { id: record.id, created: true, name: record.name, kind: record.kind };
    }
    const match = candidatesByLookup.get(lookupOf[i]!)![0]!;
    return { id: match.id, created: false, name: match.name, kind: match.kind };
  });
  return { resolved, toCreate };
}
