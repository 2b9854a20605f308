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
import { entityId, idSlug, slugify } from './ids.js';
import { nameKeys, normalizeName } from './normalize.js';
import { mergeEntities } from './merge.js';
import { ENTITY_KINDS, type EntityKindName } from './ontology.js';
import type { EntityRecord, EntityRef } from './records.js';
import { choosePerson, NewPeople, personQuery, type PersonCandidate } from './resolvePeople.js';
import { personKeys } from './personName.js';
import { escapeLucene, luceneQuery } from './lucene.js';

/**
 * Why a reference was joined to the entity it resolved to, in the order the rules are tried:
 * its id, an external id or the id of an entity merged into it, its exact name, an alias, a
 * person's name with middle names or transliteration folded, a surname alone that fits one
 * person (active near the record's date), a surname one letter off; else a new entity, which
 * may absorb a person known so far by a surname alone.
 */
export type MatchReason =
  | 'id' | 'external-id' | 'merged-id' | 'exact' | 'alias' | 'name-variant' | 'surname-in-context'
  | 'close-spelling' | 'new' | 'absorbed-short-form';

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
}

/** Kinds a `within` reference may name. */
const CONTAINER_KINDS = ['COUNTRY', 'REGION', 'CITY'];

export interface Resolved {
  id: string;
  /** True when this call creates the entity. */
  created: boolean;
  /** The entity's English name (for display names such as "Mark Esper in Algeria"). */
  name: string;
  kind: string;
  /** Which rule joined the reference to this entity. */
  reason: MatchReason;
}

export interface Resolution {
  resolved: Resolved[];
  /** The entities to create, one per distinct new name. */
  toCreate: EntityRecord[];
  /**
   * Entities to place LOCATED_IN their `within` (new ones, and found ones placed nowhere yet);
   * `request` is the index of the first request that asked for it.
   */
  toLocate: { id: string; withinId: string; request: number }[];
  /** New people who absorb a node known so far by their surname alone: new id → that node's id and names. */
  absorbs: Map<string, { id: string; keys: string[] }>;
  /** Stored people a rule joined a reference to, and the reference's names to keep as their aliases. */
  learned: Learned[];
}

export interface Learned {
  id: string;
  names: string[];
}

export interface ResolveOptions {
  /**
   * Keep the names a person rule matched as aliases of the matched person (default true). False
   * for a read-only look-up, which must not write.
   */
  learn?: boolean;
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

/** A plain string naming an entity: an id if it looks like one ("topic:arms-sales"), else a name. */
export function refFromString(text: string, kind: EntityKindName): EntityRef {
  return ID_PATTERN.test(text) ? { id: text } : { name: text, kind };
}

/** A reference's names as given (English, Arabic, aliases), trimmed, each with letters to match on. */
function namesOf(ref: EntityRef): string[] {
  return [...new Set([ref.name, ref.nameAr, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s)).map((s) => s.trim()))]
    .filter((s) => normalizeName(s));
}

/** The names of a reference that an entity with these names does not have yet. */
function namesToLearn(ref: EntityRef, known: string[]): string[] {
  const have = new Set(known.map(normalizeName));
  return namesOf(ref).filter((n) => !have.has(normalizeName(n)));
}

function keysOf(ref: EntityRef): string[] {
  return [...new Set([ref.name, ref.nameAr, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s)).map(normalizeName).filter(Boolean))];
}

function describe(ref: EntityRef): string {
  return ref.id ?? ref.externalId ?? [ref.name, ref.nameAr].filter(Boolean).join(' / ');
}

function kindOf(request: RefRequest): EntityKindName | undefined {
  return request.ref.kind ?? request.expect ?? (request.expectAny?.length === 1 ? request.expectAny[0] : undefined);
}

/** The kinds a reference may resolve to, or null for any. */
function kindsOf(request: RefRequest): string[] | null {
  const kind = kindOf(request);
  if (kind) return [kind];
  return request.expectAny?.length ? [...request.expectAny] : null;
}

function validate(request: RefRequest): void {
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

interface NameLookup {
  index: number;
  keys: string[];
  query: string;
  kind: string | null;
  kinds: string[] | null;
  label: string | null;
  /** Only candidates inside this entity (or placed nowhere) match. */
  within: string | null;
  /** The within is only implied and no kind is given: failing any match there, any place of the name. */
  fallback: boolean;
}

type LocatedCandidate = Candidate & { inside?: boolean; located?: boolean };

/**
 * With a `within`, the candidates inside it; failing those, the ones placed nowhere yet (to be
 * placed there); failing those, for an implied within and no kind (`fallback`), any of the name.
 */
function filterWithin(candidates: LocatedCandidate[], within: string | null, fallback: boolean): Candidate[] {
  const strip = (c: LocatedCandidate): Candidate => ({ id: c.id, kind: c.kind, name: c.name });
  if (within === null) return candidates.map(strip);
  const inside = candidates.filter((c) => c.inside);
  if (inside.length > 0) return inside.map(strip);
  const unplaced = candidates.filter((c) => !c.located);
  if (unplaced.length > 0 || !fallback) return unplaced.map((c) => ({ ...strip(c), unplaced: true }) as Candidate);
  return candidates.map(strip);
}

async function lookUpNames(tx: Tx, lookups: NameLookup[]): Promise<Map<number, Candidate[]>> {
  const found = new Map<number, Candidate[]>();
  if (lookups.length === 0) return found;
  const result = await tx.run(cypher('write/resolve-names'), { lookups, limit: FULLTEXT_LIMIT });
  const overflow: NameLookup[] = [];
  for (const record of result.records) {
    const index = record.get('index') as number;
    if ((record.get('hits') as number) >= FULLTEXT_LIMIT) overflow.push(lookups[index]!);
    else found.set(index, filterWithin(record.get('candidates') as LocatedCandidate[], lookups[index]!.within, lookups[index]!.fallback).sort((a, b) => a.id.localeCompare(b.id)));
  }
  if (overflow.length > 0) {
    const scan = await tx.run(cypher('write/resolve-names-scan'), { lookups: overflow });
    for (const record of scan.records) {
      const lookup = overflow.find((l) => l.index === record.get('index'))!;
      found.set(lookup.index, filterWithin(record.get('candidates') as LocatedCandidate[], lookup.within, lookup.fallback).sort((a, b) => a.id.localeCompare(b.id)));
    }
  }
  return found;
}

interface FoundNode { id: string; kind: string; name: string; labels: string[] }

/** Entities by external id or by the id of an entity merged into them, in one statement. */
async function lookUpOtherIds(tx: Tx, values: string[]): Promise<Map<string, FoundNode>> {
  const found = new Map<string, FoundNode>();
  const distinct = [...new Set(values)];
  if (distinct.length === 0) return found;
  const lookups = distinct.map((value) => ({ value, query: `externalIds:"${escapeLucene(value)}" OR mergedIds:"${escapeLucene(value)}"` }));
  const result = await tx.run(cypher('write/resolve-other-ids'), { lookups });
  for (const r of result.records) {
    const nodes = r.get('nodes') as FoundNode[];
    if (nodes.length === 1) found.set(r.get('value') as string, nodes[0]!);
  }
  return found;
}

/** The Latin-script names of a reference (its name and aliases), for the person rules. */
function latinNames(ref: EntityRef): string[] {
  return [ref.name, ...(ref.aliases ?? [])].filter((s): s is string => Boolean(s));
}

/** Person candidates per name lookup, for the lookups given (one statement, or none). */
async function lookUpPeople(tx: Tx, wanted: ({ index: number; names: string[] } | null)[]): Promise<Map<number, PersonCandidate[]>> {
  const byIndex = new Map<number, string>();
  for (const w of wanted) {
    if (!w || byIndex.has(w.index)) continue;
    const query = personQuery(w.names);
    if (query) byIndex.set(w.index, query);
  }
  const found = new Map<number, PersonCandidate[]>();
  if (byIndex.size === 0) return found;
  const result = await tx.run(cypher('write/resolve-people'), { lookups: [...byIndex].map(([index, query]) => ({ index, query })) });
  for (const r of result.records) {
    found.set(r.get('index') as number, (r.get('candidates') as PersonCandidate[]).sort((a, b) => a.id.localeCompare(b.id)));
  }
  return found;
}

/** The best search hits for a reference that matched nothing, so that the error can suggest them. */
async function suggestions(tx: Tx, request: RefRequest): Promise<Candidate[]> {
  const key = keysOf(request.ref)[0];
  if (!key) return [];
  const result = await tx.run(
    `CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: 50}) YIELD node, score
     WHERE $kinds IS NULL OR node.kind IN $kinds
     RETURN node {.id, .kind, .name} AS candidate ORDER BY score DESC, node.id LIMIT 5`,
    { lucene: luceneQuery(key), kinds: kindsOf(request) },
  );
  return result.records.map((r) => r.get('candidate') as Candidate);
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

/**
 * Resolves every reference of a batch. References `within` another are resolved after it, so
 * that its id filters their candidates (Sydney in Australia is not Sydney in Canada).
 */
export async function resolveRefs(tx: Tx, requests: RefRequest[], cache?: ResolveCache, options: ResolveOptions = {}): Promise<Resolution> {
  requests.forEach(validate);
  const resolved: Resolved[] = new Array(requests.length);
  const toCreate: EntityRecord[] = [];
  const toLocate: Resolution['toLocate'] = [];
  const absorbs: Resolution['absorbs'] = new Map();
  const learned: Learned[] = [];
  let pending = requests.map((_, i) => i);
  while (pending.length > 0) {
    const ready = pending.filter((i) => {
      const { within } = requests[i]!;
      return within === undefined || resolved[within] !== undefined;
    });
    if (ready.length === 0) throw invalid(`${requests[pending[0]!]!.at}.within: a place cannot lie within itself`);
    const level = ready.map((i) => {
      const request = requests[i]!;
      if (request.within === undefined) return { request, withinId: null };
      const container = resolved[request.within]!;
      if (!CONTAINER_KINDS.includes(container.kind)) {
        throw invalid(`${requests[request.within]!.at}: ${container.id} is a ${container.kind}; a place lies within a country, region or city`, { at: requests[request.within]!.at });
      }
      return { request, withinId: container.id };
    });
    const result = await resolveLevel(tx, level, cache, new Set(toCreate.map((r) => r.id)));
    ready.forEach((i, n) => (resolved[i] = result.resolved[n]!));
    toCreate.push(...result.toCreate);
    for (const located of result.toLocate) toLocate.push({ ...located, request: ready[located.request]! });
    for (const [newId, old] of result.absorbs) absorbs.set(newId, old);
    learned.push(...result.learned);
    const done = new Set(ready);
    pending = pending.filter((i) => !done.has(i));
  }
  // Other references of the batch that found a short-form node now absorbed mean the new one.
  const absorbedBy = new Map([...absorbs].map(([newId, old]) => [old.id, toCreate.find((r) => r.id === newId)!]));
  const final = resolved.map((r) => {
    const into = absorbedBy.get(r.id);
    return into ? { ...r, id: into.id, name: into.name } : r;
  });
  if (options.learn !== false) await learnAliases(tx, learned, cache);
  // The same place asked for twice (e.g. a visit's city and a meeting's) is placed once.
  const seen = new Set<string>();
  return {
    resolved: final,
    toCreate,
    toLocate: toLocate.filter((l) => !seen.has(`${l.id}|${l.withinId}`) && seen.add(`${l.id}|${l.withinId}`)),
    absorbs,
    learned,
  };
}

/**
 * Keeps the names a person rule matched as aliases of the people matched, so that the next
 * mention of those spellings matches as `alias` and the names tell the person apart from a
 * namesake ("Hamad bin Khalifa al-Thani" on a node "Hamad Thani" keeps "Hamad bin Jassim
 * al-Thani" off it). One statement for the whole batch.
 */
async function learnAliases(tx: Tx, learned: Learned[], cache?: ResolveCache): Promise<void> {
  const byId = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const { id, names } of learned) {
    for (const name of names) {
      // One spelling per folded form: "Sergey Lavrov" and "SERGEY LAVROV" are one alias.
      const key = `${id}|${normalizeName(name)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (byId.get(id) ?? byId.set(id, new Set()).get(id)!).add(name);
    }
  }
  if (byId.size === 0) return;
  const rows = [...byId].map(([id, names]) => {
    const aliases = [...names];
    const keys = nameKeys({ name: aliases[0]!, aliases: aliases.slice(1) });
    cache?.touch(keys);
    return { id, aliases, keys, personKeys: personKeys(aliases) };
  });
  await tx.run(cypher('write/learn-aliases'), { rows });
}

async function resolveLevel(
  tx: Tx,
  level: { request: RefRequest; withinId: string | null }[],
  cache: ResolveCache | undefined,
  reserved: Set<string>,
  namesLocked = false,
): Promise<Resolution> {
  const requests = level.map((l) => l.request);
  const withinOf = level.map((l) => l.withinId);

  // External ids first: a reference found by one is settled like a reference by id.
  const byExternal = await lookUpOtherIds(tx, requests.filter((r) => !r.ref.id && r.ref.externalId).map((r) => r.ref.externalId!));
  const settledByExternal = (request: RefRequest) => !request.ref.id && request.ref.externalId !== undefined && byExternal.has(request.ref.externalId);
  const byName = (request: RefRequest) => !request.ref.id && !settledByExternal(request) && keysOf(request.ref).length > 0;
  for (const request of requests) {
    if (request.ref.externalId && !request.ref.id && !byExternal.has(request.ref.externalId) && keysOf(request.ref).length === 0) {
      throw new DomainError('UNKNOWN_REFERENCE', `${request.at}: no entity has the external id "${request.ref.externalId}"`, { at: request.at, externalId: request.ref.externalId, candidates: [] });
    }
  }

  // Each distinct name lookup once, however many references share it.
  const lookups: NameLookup[] = [];
  const lookupOf: number[] = [];
  const candidatesFromCache = new Map<number, Candidate[]>();
  const lookupKeyByIndex: string[] = [];
  const lookupByKey = new Map<string, number>();
  const lookupKeys: string[] = [];
  requests.forEach((request, i) => {
    if (!byName(request)) return;
    const keys = keysOf(request.ref);
    const kind = kindOf(request) ?? null;
    const kinds = kindsOf(request);
    const label = request.label ?? null;
    const within = withinOf[i]!;
    const fallback = within !== null && Boolean(request.impliedWithin) && !request.ref.kind;
    const key = `${keys.join('\u0000')}|${kinds?.join(',') ?? ''}|${label ?? ''}|${within ?? ''}|${fallback}`;
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
        query: keys.map((k) => `nameKeys:"${escapeLucene(k)}"`).join(' OR '),
        kind,
        kinds,
        label,
        within,
        fallback,
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

  // Names that matched nothing exactly and may name a person: the person rules, one statement
  // for all of them.
  const peopleByLookup = await lookUpPeople(tx, requests.map((request, i) => {
    if (!byName(request) || request.label) return null;
    const kinds = kindsOf(request);
    if (kinds && !kinds.includes('PERSON')) return null;
    if ((candidatesByLookup.get(lookupOf[i]!) ?? []).length > 0) return null;
    return { index: lookupOf[i]!, names: latinNames(request.ref) };
  }));

  // Names that match nothing: new entities where a kind is given, one per distinct name. A batch
  // must mean what its records would mean written one after the other, so a reference also
  // matches the entities that earlier references of the same call create (by any of their names).
  const newByKey = new Map<string, EntityRecord>();
  /** The container a new entity was asked for within, and its preferred id beside the plain one. */
  const newWithin = new Map<EntityRecord, { withinId: string; request: number }>();
  const newKeyOf: (string | undefined)[] = [];
  type NewEntry = { key: string; record: EntityRecord; keys: Set<string> };
  const earlierNew: NewEntry[] = [];
  const newPeople = new NewPeople<NewEntry>();
  /** References joined by a person rule to a person this batch creates, and the rule. */
  const newPersonReason = new Map<number, MatchReason>();
  const personMatch = new Map<number, { candidate: Candidate; reason: MatchReason }>();
  const absorbByKey = new Map<string, { id: string; keys: string[] }>();
  const learned: Learned[] = [];
  let unknown: RefRequest | undefined;
  requests.forEach((request, i) => {
    if (!byName(request) || unknown) return;
    const { ref, label } = request;
    const kind = kindOf(request);
    const keys = keysOf(ref);
    const known = candidatesByLookup.get(lookupOf[i]!) ?? [];
    const within = withinOf[i]!;
    const named = earlierNew.filter((n) =>
      keys.some((k) => n.keys.has(k)) && (!kind || n.record.kind === kind) && (!label || (n.record.labels ?? []).includes(label)));
    const there = named.filter((n) => within === null || newWithin.get(n.record) === undefined || newWithin.get(n.record)!.withinId === within);
    const fresh = there.length > 0 || known.length > 0 || !request.impliedWithin || ref.kind ? there : named;
    const candidates = [...known, ...fresh.map((n) => ({ id: n.record.id, kind: n.record.kind, name: n.record.name }))];
    if (candidates.length > 1) throw ambiguous(request, candidates);
    if (fresh.length === 1) {
      newKeyOf[i] = fresh[0]!.key;
      newPeople.seen(fresh[0]!, request.date);
      return;
    }
    if (candidates.length === 1) return;
    // The person rules weigh the stored people and the ones this batch creates alike.
    const kinds = kindsOf(request);
    const mayBePerson = !label && (!kinds || kinds.includes('PERSON'));
    const batchPeople = mayBePerson ? newPeople.candidates(latinNames(ref)) : new Map<PersonCandidate, NewEntry>();
    // A stored person weighs with the names earlier references of this batch taught it: "Hamad bin
    // Khalifa al-Thani" then "Hamad bin Jassim al-Thani" in one remark are two men.
    const stored = (peopleByLookup.get(lookupOf[i]!) ?? []).map((c) => {
      const taught = learned.filter((l) => l.id === c.id).flatMap((l) => l.names);
      return taught.length > 0 ? { ...c, aliases: [...c.aliases, ...taught] } : c;
    });
    const people = [...stored, ...batchPeople.keys()];
    const choice = people.length > 0 ? choosePerson(latinNames(ref), request.date, people) : null;
    if (choice && 'match' in choice) {
      const entry = batchPeople.get(choice.match);
      if (entry) {
        newKeyOf[i] = entry.key;
        newPeople.seen(entry, request.date);
        newPersonReason.set(i, choice.reason);
        // A person this batch creates takes the names a rule matched as aliases from the start.
        if (choice.learn) {
          const record = entry.record;
          record.aliases = [...(record.aliases ?? []), ...namesToLearn(ref, [record.name, record.nameAr ?? '', ...(record.aliases ?? [])])];
        }
      } else {
        const original = (peopleByLookup.get(lookupOf[i]!) ?? []).find((c) => c.id === choice.match.id) ?? choice.match;
        personMatch.set(i, { candidate: original, reason: choice.reason });
        const names = choice.learn ? namesToLearn(ref, [choice.match.name, ...choice.match.aliases]) : [];
        if (names.length > 0) learned.push({ id: choice.match.id, names });
      }
      return;
    }
    const shortForm = choice && 'absorb' in choice ? batchPeople.get(choice.absorb) : undefined;
    if (shortForm && ref.kind) {
      // Known so far in this batch by the surname alone: the entity to be created takes the
      // fuller name, and keeps the short one as an alias.
      const record = shortForm.record;
      const name = (ref.name ?? ref.nameAr)!.trim();
      record.aliases = [...new Set([...(record.aliases ?? []), record.name, ...(ref.aliases ?? []).map((a) => a.trim())])].filter((a) => a && a !== name);
      record.name = name;
      record.id = entityId(record.kind, name);
      record.nameAr = record.nameAr ?? (ref.nameAr?.trim() || undefined);
      if (ref.externalId) record.externalIds = [...new Set([...(record.externalIds ?? []), ref.externalId])];
      for (const k of keys) shortForm.keys.add(k);
      newPeople.renamed(shortForm, record);
      newPeople.seen(shortForm, request.date);
      newKeyOf[i] = shortForm.key;
      newPersonReason.set(i, 'absorbed-short-form');
      return;
    }
    // An unclear surname without a kind is the caller's to settle; with a kind it stays a node
    // of its own, for the review queue (duplicateCandidates) to show.
    if (choice && 'ambiguous' in choice && !ref.kind) throw ambiguous(request, choice.ambiguous.map(({ id, kind: k, name }) => ({ id, kind: k, name })));
    if (!ref.kind) {
      unknown = request;
      return;
    }
    const name = (ref.name ?? ref.nameAr)!.trim();
    const key = `${ref.kind}|${label ?? ''}|${normalizeName(name)}|${within ?? ''}`;
    const record: EntityRecord = {
      id: label === 'Tour' ? `tour:${slugify(name)}` : entityId(ref.kind, name),
      kind: ref.kind,
      name,
      nameAr: ref.nameAr?.trim() || undefined,
      aliases: (ref.aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name),
      labels: label ? [label] : undefined,
      externalIds: ref.externalId ? [ref.externalId] : undefined,
    };
    if (choice && 'absorb' in choice && !shortForm) absorbByKey.set(key, { id: choice.absorb.id, keys: nameKeys(choice.absorb) });
    newByKey.set(key, record);
    if (within !== null) newWithin.set(record, { withinId: within, request: i });
    const entry = { key, record, keys: new Set(keys) };
    earlierNew.push(entry);
    if (ref.kind === 'PERSON' && !label) newPeople.add(entry, record, request.date);
    newKeyOf[i] = key;
  });
  if (unknown) {
    const request: RefRequest = unknown;
    const candidates = await suggestions(tx, request);
    const hint = candidates.length > 0 ? `; did you mean ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}?` : '';
    const kinds = kindsOf(request);
    throw new DomainError(
      'UNKNOWN_REFERENCE',
      `${request.at}: no ${kinds ? `${kinds.join(' or ')} ` : 'entity '}is named "${describe(request.ref)}"; give its kind to create it${hint}`,
      { at: request.at, name: describe(request.ref), candidates },
    );
  }
  // About to create: take the names' locks, then look again, since a writer that held them may
  // have created some of these entities meanwhile.
  if (newByKey.size > 0 && !namesLocked) {
    await lockNames(tx, [...newByKey.values()]);
    return resolveLevel(tx, level, cache, reserved, true);
  }
  let toCreate = [...newByKey.values()];


  // One statement for the ids given and for the ids the new entities would like.
  const byIdCached = new Map<string, { id: string; kind: string; name: string; labels: string[] }>();
  const givenIds = [...new Set(requests.map((r) => r.ref.id).filter((id): id is string => Boolean(id)))].filter((id) => {
    const hit = cache?.id(id);
    if (hit) byIdCached.set(id, hit);
    return !hit;
  });
  // A new place whose plain id is taken first tries its container's name: city:sydney-canada.
  const placedId = (r: EntityRecord) => (newWithin.has(r) ? `${r.id}-${idSlug(newWithin.get(r)!.withinId)}` : null);
  const wantedIds = toCreate.flatMap((r) => [r.id, ...[placedId(r)].filter((x): x is string => x !== null), ...Array.from({ length: 8 }, (_, n) => `${r.id}-${n + 2}`)]);
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
  // An id that no entity has may be the id of one merged into another: it still answers.
  const byMergedId = await lookUpOtherIds(tx, givenIds.filter((id) => !byId.has(id) && !toCreate.some((r) => r.id === id)));
  for (const record of toCreate) cache?.touch(keysOf(record));
  // A new entity whose readable id is taken by an entity with one of its names and its kind is
  // that entity: a concurrent writer created it after this one looked the name up. Taken by
  // another name, the id gets "-2", "-3"...
  const adopted = new Map<string, { id: string; kind: string; name: string }>();
  for (const [key, record] of newByKey) {
    // A place asked for within a container was looked up there: a holder of its plain id lies elsewhere.
    if (newWithin.has(record)) continue;
    const holder = byId.get(record.id) as { id: string; kind: string; name: string; labels: string[]; nameKeys?: string[] } | undefined;
    const keys = keysOf(record);
    if (holder && holder.kind === record.kind && (holder.nameKeys ?? []).some((k) => keys.includes(k))
      && (!record.labels?.length || record.labels.every((l) => holder.labels.includes(l)))) {
      adopted.set(key, holder);
    }
  }
  toCreate = toCreate.filter((record) => ![...adopted.keys()].some((key) => newByKey.get(key) === record));
  const taken = new Set([...byId.keys(), ...reserved]);
  for (const record of toCreate) {
    let id = record.id;
    const placed = placedId(record);
    if (taken.has(id) && placed && !taken.has(placed)) id = placed;
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
      if (!byId.has(ref.id) && fresh) return { id: fresh.id, created: true, name: fresh.name, kind: fresh.kind, reason: 'new' };
      const node = byId.get(ref.id) ?? byMergedId.get(ref.id);
      if (!node) throw new DomainError('UNKNOWN_REFERENCE', `${at}: no entity has the id "${ref.id}"`, { at, id: ref.id, candidates: [] });
      const reason: MatchReason = byId.has(ref.id) ? 'id' : 'merged-id';
      const kind = kindOf(request);
      if (kind && node.kind !== kind) throw invalid(`${at}: ${ref.id} is a ${node.kind}, not a ${kind}`, { at });
      const kinds = kindsOf(request);
      if (kinds && kinds.length > 1 && !kinds.includes(node.kind)) throw invalid(`${at}: ${ref.id} is a ${node.kind}, not one of ${kinds.join(', ')}`, { at });
      if (request.label && !node.labels.includes(request.label)) throw invalid(`${at}: ${ref.id} is not a ${request.label}`, { at });
      return { id: node.id, created: false, name: node.name, kind: node.kind, reason };
    }
    if (settledByExternal(request)) {
      const node = byExternal.get(ref.externalId!)!;
      const kinds = kindsOf(request);
      if (kinds && !kinds.includes(node.kind)) throw invalid(`${at}: ${ref.externalId} is ${node.id}, a ${node.kind}, not one of ${kinds.join(', ')}`, { at });
      return { id: node.id, created: false, name: node.name, kind: node.kind, reason: 'external-id' };
    }
    const key = newKeyOf[i];
    const holder = key === undefined ? undefined : adopted.get(key);
    if (holder) return { id: holder.id, created: false, name: holder.name, kind: holder.kind, reason: 'exact' };
    if (key !== undefined) {
      const record = newByKey.get(key)!;
      return { id: record.id, created: true, name: record.name, kind: record.kind, reason: newPersonReason.get(i) ?? (absorbByKey.has(key) ? 'absorbed-short-form' : 'new') };
    }
    const person = personMatch.get(i);
    if (person) return { ...person.candidate, created: false, reason: person.reason };
    const match = candidatesByLookup.get(lookupOf[i]!)![0]!;
    return { id: match.id, created: false, name: match.name, kind: match.kind, reason: keysOf(ref).includes(normalizeName(match.name)) ? 'exact' : 'alias' };
  });
  // Placed: new entities asked for within a container, and found ones that were placed nowhere.
  const toLocate: Resolution['toLocate'] = [];
  for (const [record, { withinId, request }] of newWithin) {
    if (toCreate.includes(record)) toLocate.push({ id: record.id, withinId, request });
  }
  requests.forEach((request, i) => {
    const within = withinOf[i];
    if (request.ref.id || !within || newKeyOf[i] !== undefined) return;
    const match = candidatesByLookup.get(lookupOf[i]!)?.[0] as (Candidate & { unplaced?: boolean }) | undefined;
    if (match?.unplaced) toLocate.push({ id: match.id, withinId: within, request: i });
  });
  const absorbs = new Map<string, { id: string; keys: string[] }>();
  for (const [key, old] of absorbByKey) {
    const record = newByKey.get(key)!;
    if (toCreate.includes(record)) absorbs.set(record.id, old);
  }
  return { resolved, toCreate, toLocate, absorbs, learned };
}

/**
 * The new people who take over a node known so far by their surname alone: each short-form node
 * is merged into the new one (relationships, provenance and id moved). Run right after the new
 * entities are written, in the same transaction.
 */
export async function absorbShortForms(tx: Tx, absorbs: Resolution['absorbs'], cache?: ResolveCache): Promise<void> {
  for (const [newId, old] of absorbs) {
    cache?.touch(old.keys);
    await mergeEntities(tx, newId, old.id);
  }
}

