/**
 * Entity resolution: which node an EntityRef means. By id; else by any name or alias in either
 * language, folded by normalizeName; kind-filtered where a kind is given. Ambiguity is an error
 * that lists the candidates; an unknown name becomes a new entity only when its kind is given.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid, type Candidate } from './errors.js';
import { entityId } from './ids.js';
import { normalizeName } from './normalize.js';
import { ENTITY_KINDS, type EntityKindName } from './ontology.js';
import type { EntityRecord, EntityRef } from './records.js';

export interface RefRequest {
  ref: EntityRef;
  /** Where the reference stands in the input, for messages: "traveler", "meetings[0].with[1]". */
  at: string;
  /** Only nodes with this label match, and a new node gets it (e.g. "Tour"). */
  label?: string;
}

export interface Resolved {
  id: string;
  /** True when this call creates the entity. */
  created: boolean;
}

export interface Resolution {
  resolved: Resolved[];
  /** The entities to create, one per distinct new name. */
  toCreate: EntityRecord[];
}

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

function validate(request: RefRequest): void {
  const { ref, at } = request;
  if (ref.kind && !ENTITY_KINDS.includes(ref.kind)) throw invalid(`${at}: unknown kind "${ref.kind}"`);
  if (!ref.id && !ref.name && !ref.nameAr) throw invalid(`${at}: give an id, a name or an Arabic name`);
  if (!ref.id && keysOf(ref).length === 0) throw invalid(`${at}: "${describe(ref)}" has no letters to match on`);
}

export async function resolveRefs(tx: Tx, requests: RefRequest[]): Promise<Resolution> {
  requests.forEach(validate);
  const lookups = requests.map((request, index) => {
    const keys = keysOf(request.ref);
    return {
      index,
      id: request.ref.id ?? null,
      keys,
      query: keys.map((k) => `nameKeys:"${k.replace(LUCENE_SPECIAL, (c) => `\\${c}`)}"`).join(' OR '),
      kind: request.ref.kind ?? null,
      label: request.label ?? null,
    };
  });
  const candidatesByIndex = new Map<number, Candidate[]>();
  if (lookups.length > 0) {
    const result = await tx.run(cypher('write/resolve-refs'), { lookups });
    for (const record of result.records) candidatesByIndex.set(record.get('index') as number, record.get('candidates') as Candidate[]);
  }

  const resolved: Resolved[] = [];
  const newByKey = new Map<string, EntityRecord>();
  const pending: { index: number; key: string }[] = [];
  requests.forEach(({ ref, at, label }, index) => {
    const candidates = candidatesByIndex.get(index) ?? [];
    if (candidates.length === 1) {
      resolved[index] = { id: candidates[0]!.id, created: false };
      return;
    }
    if (candidates.length > 1) {
      throw new DomainError(
        'AMBIGUOUS_REFERENCE',
        `${at}: "${describe(ref)}" matches ${candidates.length} entities: ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}. Give the id or a kind.`,
        { at, candidates },
      );
    }
    if (ref.id) {
      throw new DomainError('UNKNOWN_REFERENCE', `${at}: no entity has the id "${ref.id}"`, { at, id: ref.id });
    }
    if (!ref.kind) {
      throw new DomainError(
        'UNKNOWN_REFERENCE',
        `${at}: no entity is named "${describe(ref)}"; give its kind to create it`,
        { at, name: describe(ref) },
      );
    }
    const name = ref.name ?? ref.nameAr!;
    const key = `${ref.kind}|${label ?? ''}|${normalizeName(name)}`;
    if (!newByKey.has(key)) {
      newByKey.set(key, {
        id: entityId(ref.kind, name),
        kind: ref.kind,
        name,
        nameAr: ref.nameAr,
        aliases: ref.nameAr && ref.name ? [] : undefined,
        labels: label ? [label] : undefined,
      });
    }
    pending.push({ index, key });
  });

  const toCreate = [...newByKey.values()];
  if (toCreate.length > 0) await makeIdsUnique(tx, toCreate);
  for (const { index, key } of pending) resolved[index] = { id: newByKey.get(key)!.id, created: true };
  return { resolved, toCreate };
}

/** A new entity whose readable id is already taken (by another name) gets "-2", "-3"... */
async function makeIdsUnique(tx: Tx, records: EntityRecord[]): Promise<void> {
  const wanted = records.map((r) => r.id);
  const candidates = wanted.flatMap((id) => [id, ...Array.from({ length: 8 }, (_, i) => `${id}-${i + 2}`)]);
  const result = await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(n.id) AS taken', { ids: candidates });
  const taken = new Set<string>(result.records[0]?.get('taken') as string[]);
  for (const record of records) {
    let id = record.id;
    for (let n = 2; taken.has(id); n += 1) id = `${record.id}-${n}`;
    taken.add(id);
    record.id = id;
  }
}
