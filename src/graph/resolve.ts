/**
 * Entity resolution: which node an EntityRef means. By id; else by any name or alias in either
 * language, folded by normalizeName; kind-filtered where a kind is given (or implied by the
 * role, e.g. a visit's host is a country). Ambiguity is an error that lists the candidates; an
 * unknown name becomes a new entity only when its kind is given.
 *
 * A batch costs a fixed number of statements whatever its size, per level of `within` nesting:
 * one for external ids, one for all names (each distinct lookup once; plus an exact scan only for
 * a name whose full-text phrase hit the index limit), one for the person rules' candidates, one
 * for the name locks before creating (after which the level is looked up once more), one for all
 * ids (given, and wanted for new entities), one for ids of merged entities, and one that keeps
 * the names a person rule matched as aliases. The decisions between them need no database
 * (resolveByName.ts).
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid, type Candidate } from './errors.js';
import { idSlug } from './ids.js';
import { nameKeys, normalizeName } from './normalize.js';
import { mergeEntities } from './merge.js';
import type { EntityKindName } from './ontology.js';
import type { EntityRecord, EntityRef } from './records.js';
import { personQuery, type PersonCandidate } from './resolvePeople.js';
import { describe, keysOf, kindOf, kindsOf, latinNames, validate, type MatchReason, type RefRequest } from './references.js';
import { decideByName, type ByNamePlan, type FoundByName, type Learned } from './resolveByName.js';
import { personKeys } from './personName.js';
import { escapeLucene, luceneQuery } from './lucene.js';

export type { MatchReason, RefRequest } from './references.js';

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

interface FoundNode { id: string; kind: string; name: string; labels: string[]; nameKeys?: string[] }

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

/**
 * Serialises the creation of entities on their kind and normalized names: the lock of each key
 * is held until the transaction ends, so a concurrent writer of the same name (in any spelling
 * that folds to it) waits, then finds the entity this one created. True when some key was taken
 * before (a writer that held it may have created the entity since it was looked up).
 */
async function lockNames(tx: Tx, records: EntityRecord[]): Promise<boolean> {
  const keys = [...new Set(records.flatMap((r) => keysOf(r).map((key) => `${r.kind}|${key}`)))].sort();
  const result = await tx.run(cypher('write/lock-names'), { keys });
  return result.records[0]?.get('heldBefore') === true;
}

/** The pending references whose container (if any) is resolved, each with its container's id. */
function nextLevel(requests: RefRequest[], pending: number[], resolved: Resolved[]) {
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
  return { ready, level };
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
    const { ready, level } = nextLevel(requests, pending, resolved);
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

/** Whether a reference is settled by its external id (found), so that its names are not looked up. */
function settledByExternal(request: RefRequest, byExternal: Map<string, FoundNode>): boolean {
  return !request.ref.id && request.ref.externalId !== undefined && byExternal.has(request.ref.externalId);
}

/**
 * Resolves one level of a batch (references whose container, if any, is resolved), as a
 * pipeline: external ids, then names (exact, then the person rules), then what each name that
 * matched nothing becomes, then ids for the new entities; the answers come last.
 */
async function resolveLevel(
  tx: Tx,
  level: { request: RefRequest; withinId: string | null }[],
  cache: ResolveCache | undefined,
  reserved: Set<string>,
  namesLocked = false,
): Promise<Resolution> {
  const requests = level.map((l) => l.request);
  const withinOf = level.map((l) => l.withinId);
  const byExternal = await findByExternalIds(tx, requests);
  const byName = (request: RefRequest) => !request.ref.id && !settledByExternal(request, byExternal) && keysOf(request.ref).length > 0;
  const found = await findByNames(tx, requests, withinOf, byName, cache);
  const plan = decideByName(requests, withinOf, byName, found);
  if (plan.unknown) throw await unknownReference(tx, plan.unknown);
  // About to create: take the names' locks, then look again if a writer held one before (it may
  // have created some of these entities meanwhile). Names no one ever locked need no second look.
  if (plan.newByKey.size > 0 && !namesLocked && await lockNames(tx, [...plan.newByKey.values()])) {
    return resolveLevel(tx, level, cache, reserved, true);
  }
  const ids = await settleIds(tx, requests, plan, cache, reserved);
  const resolved = requests.map((request, i) => answer(request, i, { byExternal, found, plan, ids }));
  return {
    resolved,
    toCreate: ids.toCreate,
    toLocate: placements(requests, withinOf, found, plan, ids.toCreate),
    absorbs: absorbsOf(plan, ids.toCreate),
    learned: plan.learned,
  };
}

/** References by external id, in one statement; one that finds nothing and has no name fails. */
async function findByExternalIds(tx: Tx, requests: RefRequest[]): Promise<Map<string, FoundNode>> {
  const byExternal = await lookUpOtherIds(tx, requests.filter((r) => !r.ref.id && r.ref.externalId).map((r) => r.ref.externalId!));
  for (const request of requests) {
    if (request.ref.externalId && !request.ref.id && !byExternal.has(request.ref.externalId) && keysOf(request.ref).length === 0) {
      throw new DomainError('UNKNOWN_REFERENCE', `${request.at}: no entity has the external id "${request.ref.externalId}"`, { at: request.at, externalId: request.ref.externalId, candidates: [] });
    }
  }
  return byExternal;
}

/** Exact matches for every name (from the run's cache or one statement), then the person rules' candidates. */
async function findByNames(
  tx: Tx, requests: RefRequest[], withinOf: (string | null)[], byName: (r: RefRequest) => boolean, cache?: ResolveCache,
): Promise<FoundByName> {
  const { lookups, lookupOf, lookupKeyByIndex, fromCache } = planNameLookups(requests, withinOf, byName, cache);
  const candidates = await lookUpNames(tx, lookups);
  for (const lookup of lookups) {
    const hits = candidates.get(lookup.index);
    if (cache && hits?.length === 1) cache.learnName(lookupKeyByIndex[lookup.index]!, lookup.keys, hits[0]!);
  }
  for (const [index, hits] of fromCache) candidates.set(index, hits);
  const people = await lookUpPeople(tx, requests.map((request, i) => {
    if (!byName(request) || request.label) return null;
    const kinds = kindsOf(request);
    if (kinds && !kinds.includes('PERSON')) return null;
    if ((candidates.get(lookupOf[i]!) ?? []).length > 0) return null;
    return { index: lookupOf[i]!, names: latinNames(request.ref) };
  }));
  return { lookupOf, candidates, people };
}

/** Each distinct name lookup once, however many references share it; answered from the cache where it can be. */
function planNameLookups(requests: RefRequest[], withinOf: (string | null)[], byName: (r: RefRequest) => boolean, cache?: ResolveCache) {
  const lookups: NameLookup[] = [];
  const lookupOf: number[] = [];
  const fromCache = new Map<number, Candidate[]>();
  const lookupKeyByIndex: string[] = [];
  const lookupByKey = new Map<string, number>();
  let cachedCount = 0;
  requests.forEach((request, i) => {
    if (!byName(request)) return;
    const keys = keysOf(request.ref);
    const kinds = kindsOf(request);
    const label = request.label ?? null;
    const within = withinOf[i]!;
    const fallback = within !== null && Boolean(request.impliedWithin) && !request.ref.kind;
    const key = `${keys.join('\u0000')}|${kinds?.join(',') ?? ''}|${label ?? ''}|${within ?? ''}|${fallback}`;
    let index = lookupByKey.get(key);
    const cached = index === undefined ? cache?.name(key) : undefined;
    if (cached) {
      // Above any statement lookup's index, so that the two never collide.
      index = 1_000_000 + cachedCount++;
      lookupByKey.set(key, index);
      fromCache.set(index, [cached]);
    }
    if (index === undefined) {
      index = lookups.length;
      lookupByKey.set(key, index);
      lookupKeyByIndex[index] = key;
      const query = keys.map((k) => `nameKeys:"${escapeLucene(k)}"`).join(' OR ');
      lookups.push({ index, keys, query, kind: kindOf(request) ?? null, kinds, label, within, fallback });
    }
    lookupOf[i] = index;
  });
  return { lookups, lookupOf, lookupKeyByIndex, fromCache };
}

/** The error for a name that matched nothing and gave no kind, with the best search hits as suggestions. */
async function unknownReference(tx: Tx, request: RefRequest): Promise<DomainError> {
  const candidates = await suggestions(tx, request);
  const hint = candidates.length > 0 ? `; did you mean ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}?` : '';
  const kinds = kindsOf(request);
  return new DomainError(
    'UNKNOWN_REFERENCE',
    `${request.at}: no ${kinds ? `${kinds.join(' or ')} ` : 'entity '}is named "${describe(request.ref)}"; give its kind to create it${hint}`,
    { at: request.at, name: describe(request.ref), candidates },
  );
}

/** The nodes behind the ids given, and the ids the new entities get. */
interface SettledIds {
  byId: Map<string, FoundNode>;
  /** Ids of entities merged into others, which still answer. */
  byMergedId: Map<string, FoundNode>;
  /** New entities a concurrent writer created meanwhile, by plan key: these are found, not created. */
  adopted: Map<string, { id: string; kind: string; name: string }>;
  /** The entities to create, each with a free id. */
  toCreate: EntityRecord[];
}

/** A new place whose plain id is taken first tries its container's name: city:sydney-canada. */
function placedId(plan: ByNamePlan, record: EntityRecord): string | null {
  const within = plan.newWithin.get(record);
  return within ? `${record.id}-${idSlug(within.withinId)}` : null;
}

/** One statement for the ids given and the ids the new entities would like; then each new entity's id. */
async function settleIds(tx: Tx, requests: RefRequest[], plan: ByNamePlan, cache: ResolveCache | undefined, reserved: Set<string>): Promise<SettledIds> {
  const planned = [...plan.newByKey.values()];
  const { byId, givenIds, mergedIds } = await lookUpIds(tx, requests, plan, planned, cache);
  // An id that no entity has may be the id of one merged into another: it still answers.
  const byMergedId = await lookUpOtherIds(tx, givenIds.filter((id) => !byId.has(id) && !planned.some((r) => r.id === id)));
  for (const record of planned) cache?.touch(keysOf(record));
  const adopted = adoptConcurrent(plan, byId);
  const adoptedRecords = new Set([...adopted.keys()].map((key) => plan.newByKey.get(key)));
  const toCreate = planned.filter((record) => !adoptedRecords.has(record));
  assignFreeIds(plan, toCreate, new Set([...byId.keys(), ...mergedIds, ...reserved]));
  return { byId, byMergedId, adopted, toCreate };
}

async function lookUpIds(tx: Tx, requests: RefRequest[], plan: ByNamePlan, planned: EntityRecord[], cache?: ResolveCache) {
  const byIdCached = new Map<string, FoundNode>();
  const givenIds = [...new Set(requests.map((r) => r.ref.id).filter((id): id is string => Boolean(id)))].filter((id) => {
    const hit = cache?.id(id);
    if (hit) byIdCached.set(id, hit);
    return !hit;
  });
  const wantedByRecord = planned.map((r) => [r.id, ...[placedId(plan, r)].filter((x): x is string => x !== null), ...Array.from({ length: 8 }, (_, n) => `${r.id}-${n + 2}`)]);
  const wantedIds = wantedByRecord.flat();
  const byId = new Map<string, FoundNode>();
  // An id an absorbed or merged entity had keeps answering for the entity that took it over, so
  // a namesake created later must not be given it.
  const mergedIds = new Set<string>();
  if (givenIds.length + wantedIds.length > 0) {
    const mergedLookups = wantedByRecord.map((ids) => ({ ids, query: ids.map((id) => `mergedIds:"${escapeLucene(id)}"`).join(' OR ') }));
    const result = await tx.run(cypher('write/find-taken-ids'), { ids: [...givenIds, ...wantedIds], mergedLookups });
    for (const r of result.records) {
      const { merged, ...node } = r.toObject() as FoundNode & { merged: boolean };
      if (merged) mergedIds.add(node.id);
      else byId.set(node.id, node);
    }
  }
  for (const id of givenIds) if (byId.has(id)) cache?.learnId(byId.get(id)!);
  for (const [id, node] of byIdCached) byId.set(id, node);
  return { byId, givenIds, mergedIds };
}

/**
 * A new entity whose readable id is taken by an entity with one of its names and its kind is
 * that entity: a concurrent writer created it after this one looked the name up.
 */
function adoptConcurrent(plan: ByNamePlan, byId: Map<string, FoundNode>): SettledIds['adopted'] {
  const adopted: SettledIds['adopted'] = new Map();
  for (const [key, record] of plan.newByKey) {
    // A place asked for within a container was looked up there: a holder of its plain id lies elsewhere.
    if (plan.newWithin.has(record)) continue;
    const holder = byId.get(record.id);
    const keys = keysOf(record);
    if (holder && holder.kind === record.kind && (holder.nameKeys ?? []).some((k) => keys.includes(k))
      && (!record.labels?.length || record.labels.every((l) => holder.labels.includes(l)))) {
      adopted.set(key, holder);
    }
  }
  return adopted;
}

/** An id taken by another name gets "-2", "-3"... (after the container's name, for a place). */
function assignFreeIds(plan: ByNamePlan, toCreate: EntityRecord[], taken: Set<string>): void {
  for (const record of toCreate) {
    let id = record.id;
    const placed = placedId(plan, record);
    if (taken.has(id) && placed && !taken.has(placed)) id = placed;
    for (let n = 2; taken.has(id); n += 1) id = `${record.id}-${n}`;
    taken.add(id);
    record.id = id;
  }
}

/** The answer for one reference, with the rule that joined it. */
function answer(
  request: RefRequest, i: number,
  { byExternal, found, plan, ids }: { byExternal: Map<string, FoundNode>; found: FoundByName; plan: ByNamePlan; ids: SettledIds },
): Resolved {
  const { ref, at } = request;
  if (ref.id) return answerById(request, ids);
  if (settledByExternal(request, byExternal)) {
    const node = byExternal.get(ref.externalId!)!;
    const kinds = kindsOf(request);
    if (kinds && !kinds.includes(node.kind)) throw invalid(`${at}: ${ref.externalId} is ${node.id}, a ${node.kind}, not one of ${kinds.join(', ')}`, { at });
    return { id: node.id, created: false, name: node.name, kind: node.kind, reason: 'external-id' };
  }
  const key = plan.newKeyOf[i];
  const holder = key === undefined ? undefined : ids.adopted.get(key);
  if (holder) return { id: holder.id, created: false, name: holder.name, kind: holder.kind, reason: 'exact' };
  if (key !== undefined) {
    const record = plan.newByKey.get(key)!;
    return { id: record.id, created: true, name: record.name, kind: record.kind, reason: plan.newPersonReason.get(i) ?? (plan.absorbByKey.has(key) ? 'absorbed-short-form' : 'new') };
  }
  const person = plan.personMatch.get(i);
  if (person) return { ...person.candidate, created: false, reason: person.reason };
  const match = found.candidates.get(found.lookupOf[i]!)![0]!;
  return { id: match.id, created: false, name: match.name, kind: match.kind, reason: keysOf(ref).includes(normalizeName(match.name)) ? 'exact' : 'alias' };
}

function answerById(request: RefRequest, ids: SettledIds): Resolved {
  const { at } = request;
  const id = request.ref.id!;
  // An id that an earlier reference of this call creates is that entity, as it would be
  // had the records been written one by one.
  const fresh = ids.toCreate.find((r) => r.id === id);
  if (!ids.byId.has(id) && fresh) return { id: fresh.id, created: true, name: fresh.name, kind: fresh.kind, reason: 'new' };
  const node = ids.byId.get(id) ?? ids.byMergedId.get(id);
  if (!node) throw new DomainError('UNKNOWN_REFERENCE', `${at}: no entity has the id "${id}"`, { at, id, candidates: [] });
  const reason: MatchReason = ids.byId.has(id) ? 'id' : 'merged-id';
  const kind = kindOf(request);
  if (kind && node.kind !== kind) throw invalid(`${at}: ${id} is a ${node.kind}, not a ${kind}`, { at });
  const kinds = kindsOf(request);
  if (kinds && kinds.length > 1 && !kinds.includes(node.kind)) throw invalid(`${at}: ${id} is a ${node.kind}, not one of ${kinds.join(', ')}`, { at });
  if (request.label && !node.labels.includes(request.label)) throw invalid(`${at}: ${id} is not a ${request.label}`, { at });
  return { id: node.id, created: false, name: node.name, kind: node.kind, reason };
}

/** Placed: new entities asked for within a container, and found ones that were placed nowhere. */
function placements(requests: RefRequest[], withinOf: (string | null)[], found: FoundByName, plan: ByNamePlan, toCreate: EntityRecord[]): Resolution['toLocate'] {
  const toLocate: Resolution['toLocate'] = [];
  for (const [record, { withinId, request }] of plan.newWithin) {
    if (toCreate.includes(record)) toLocate.push({ id: record.id, withinId, request });
  }
  requests.forEach((request, i) => {
    const within = withinOf[i];
    if (request.ref.id || !within || plan.newKeyOf[i] !== undefined) return;
    const match = found.candidates.get(found.lookupOf[i]!)?.[0] as (Candidate & { unplaced?: boolean }) | undefined;
    if (match?.unplaced) toLocate.push({ id: match.id, withinId: within, request: i });
  });
  return toLocate;
}

/** The stored short forms that new people absorb, by the new person's (final) id. */
function absorbsOf(plan: ByNamePlan, toCreate: EntityRecord[]): Resolution['absorbs'] {
  const absorbs: Resolution['absorbs'] = new Map();
  for (const [key, old] of plan.absorbByKey) {
    const record = plan.newByKey.get(key)!;
    if (toCreate.includes(record)) absorbs.set(record.id, old);
  }
  return absorbs;
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

