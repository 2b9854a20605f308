/** Facts other than visits: one relation of the vocabulary each (BUYS_ARMS_FROM, HOLDS_POSITION...). */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid } from './errors.js';
import { RELATIONSHIP_TYPES, kindsOfEnd, type RelationshipType } from './ontology.js';
import { checkProvenance, provenanceOf } from './provenance.js';
import { endOf, startOf } from './partialDate.js';
import { checkDeclaredProperties } from './relationProperties.js';
import { checkProperties } from './recordProperties.js';
import type { EntityRef, RelationRecord, SourceRecord } from './records.js';
import { absorbShortForms, resolveRefs, type ResolveCache } from './resolve.js';
import { nameKeys, normalizeName } from './normalize.js';
import { upsertEntities } from './writeEntities.js';
import { writeMentions } from './writeMentions.js';
import type { ResolutionNote } from './references.js';
import { keepDerived, type Upkeep } from './upkeep.js';
import { resolveSources, sourcesToWrite } from './sources.js';

export interface RelationWriteResult {
  relationId: string;
  fromId: string;
  toId: string;
  type: RelationshipType;
  /** True when the relation existed and was updated. */
  updated: boolean;
  /** False when writing it again changed none of its properties. */
  changed: boolean;
  created: string[];
  /** How each end was resolved, and by which rule. */
  resolutions: ResolutionNote[];
}

export interface RelationWriteOptions {
  /** The seed may write the visit model's own types; callers from outside may not. */
  allowStructural?: boolean;
  /** Names and ids resolved by earlier batches of the same run (the bulk importer). */
  cache?: ResolveCache;
  /** Precedents to bring up to date at the end of the run (the bulk importer), not now. */
  upkeep?: Upkeep;
  /** False for a structured dataset: its sources do not MENTIONS what its records name (ONTOLOGY.md). */
  mentions?: boolean;
}

export function recordableTypes(allowStructural = false): RelationshipType[] {
  return (Object.keys(RELATIONSHIP_TYPES) as RelationshipType[]).filter((t) => allowStructural || !RELATIONSHIP_TYPES[t].structural);
}

export function checkType(type: string, at: string, allowStructural: boolean): RelationshipType {
  const allowed = recordableTypes(allowStructural);
  if (!(allowed as string[]).includes(type)) {
    throw new DomainError(
      'UNKNOWN_RELATIONSHIP_TYPE',
      `${at}.type: "${type}" is not a relationship type that can be recorded; use one of ${allowed.join(', ')}`,
      { at, allowed },
    );
  }
  return type as RelationshipType;
}

function asRef(value: EntityRef | string): EntityRef {
  return typeof value === 'string' ? { id: value } : value;
}

type RecordWithSource = RelationRecord & { sourceInfo?: SourceRecord };
type RelationRow = ReturnType<typeof rowsOf>[number];

const atOf = (records: unknown[], i: number) => (records.length === 1 ? 'input' : `relations[${i}]`);

/**
 * One statement per step, whatever the batch size: check, resolve both ends, write sources and new
 * entities, write the relations, then their mentions and what a post held changes.
 */
export async function writeRelations(tx: Tx, records: RecordWithSource[], options: RelationWriteOptions = {}): Promise<RelationWriteResult[]> {
  if (records.length === 0) return [];
  const allowStructural = options.allowStructural ?? false;
  const types = checkRecords(records, allowStructural);
  const requests = endRequests(records, types, allowStructural);
  const { resolved, toCreate, absorbs } = await resolveRefs(tx, requests, options.cache);
  if (!allowStructural) checkEndKinds(records, types, resolved);
  const sources = await resolveSources(tx, records.map((r) => r.sourceInfo), (i) => `${atOf(records, i)}.source`);
  const newSources = sourcesToWrite(sources);
  for (const source of newSources) options.cache?.touch(nameKeys(source));
  const createdIds = await upsertEntities(tx, [...toCreate, ...newSources], 'fill');
  await absorbShortForms(tx, absorbs, options.cache);

  const rows = rowsOf(records, types, resolved, sources);
  const written = await writeRows(tx, rows);
  if (options.mentions !== false) await writeMentions(tx, mentionsOf(rows));
  await followPostsHeld(tx, rows, options.upkeep);

  return rows.map((row) => {
    const record = written.get(row.index)!;
    const created = [...new Set([row.fromId, row.toId, sources[row.index]?.id])].filter((id): id is string => Boolean(id) && createdIds.has(id!));
    return {
      relationId: record.get('relationId') as string,
      fromId: row.fromId,
      toId: row.toId,
      type: row.type,
      updated: record.get('updated') as boolean,
      changed: record.get('changed') as boolean,
      created,
      resolutions: [0, 1].map((k) => {
        const r = resolved[row.index * 2 + k]!;
        return { at: requests[row.index * 2 + k]!.at, id: r.id, reason: r.reason, created: r.created };
      }),
    };
  });
}

/** Type, properties and provenance of every record, before anything is read or written. */
function checkRecords(records: RecordWithSource[], allowStructural: boolean): RelationshipType[] {
  return records.map((record, i) => {
    const at = atOf(records, i);
    const type = checkType(record.type, at, allowStructural);
    checkProperties(record.properties, at);
    // Recorded from outside: only the properties the type declares.
    if (!allowStructural) checkDeclaredProperties(type, record.properties, at);
    checkProvenance(record, at);
    if (!record.from || !record.to) throw invalid(`${at}: a relation needs from and to`, { at });
    return type;
  });
}

/** Both ends of every record, each narrowed to the kinds the type admits there (POST_OF ends at a country or an organization). */
function endRequests(records: RecordWithSource[], types: RelationshipType[], allowStructural: boolean) {
  return records.flatMap((record, i) => {
    const at = atOf(records, i);
    const type = types[i]!;
    const narrow = (side: 'from' | 'to') => (allowStructural ? undefined : kindsOfEnd(RELATIONSHIP_TYPES[type][side]) ?? undefined);
    return [{ ref: asRef(record.from), at: `${at}.from`, expectAny: narrow('from') }, { ref: asRef(record.to), at: `${at}.to`, expectAny: narrow('to') }];
  });
}

/** Recorded from outside: each end must be of a kind the type admits (ONTOLOGY.md). */
function checkEndKinds(records: RecordWithSource[], types: RelationshipType[], resolved: { id: string; kind: string }[]): void {
  records.forEach((_, i) => {
    const at = atOf(records, i);
    const type = types[i]!;
    for (const [side, end] of [['from', resolved[i * 2]!], ['to', resolved[i * 2 + 1]!]] as const) {
      const kinds = kindsOfEnd(RELATIONSHIP_TYPES[type][side]);
      if (kinds && !(kinds as string[]).includes(end.kind)) {
        throw invalid(`${at}.${side}: ${type} goes from ${RELATIONSHIP_TYPES[type].from} to ${RELATIONSHIP_TYPES[type].to}; ${end.id} is a ${end.kind}`, { at: `${at}.${side}` });
      }
    }
  });
}

function rowsOf(records: RecordWithSource[], types: RelationshipType[], resolved: { id: string }[], sources: ({ id: string } | null | undefined)[]) {
  return records.map((record, index) => ({
    index,
    fromId: resolved[index * 2]!.id,
    toId: resolved[index * 2 + 1]!.id,
    type: types[index]!,
    prov: provenanceOf(record, sources[index]?.id),
    properties: record.properties ?? {},
    // The full days a term's ends cover, to find the term it overlaps (HOLDS_POSITION).
    sinceStart: typeof record.properties?.since === 'string' ? startOf(record.properties.since) : null,
    untilEnd: typeof record.properties?.until === 'string' ? endOf(record.properties.until) : null,
  }));
}

/**
 * The statement sees each (from, type, to) once: a relation written twice in one batch goes in a
 * second round, which finds what the first wrote. Returns each row's written relation by index.
 */
async function writeRows(tx: Tx, rows: RelationRow[]): Promise<Map<number, { get(key: string): unknown }>> {
  const rounds: RelationRow[][] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.fromId}\u0000${row.type}\u0000${row.toId}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(row);
  }
  const byIndex = new Map<number, { get(key: string): unknown }>();
  for (const relations of rounds) {
    const result = await tx.run(cypher('write/write-relations'), { relations });
    for (const r of result.records) byIndex.set(r.get('index') as number, r);
  }
  return byIndex;
}

function mentionsOf(rows: RelationRow[]) {
  return rows.flatMap((row) =>
    row.prov.source ? [row.fromId, row.toId].map((entityId) => ({ sourceId: row.prov.source!, entityId, paragraphs: row.prov.paragraphs })) : [],
  );
}

/**
 * A post held changes which earlier visit a visit follows, in every country its holder visited,
 * and whom the holder travelled for on visits recorded before the post was known.
 */
async function followPostsHeld(tx: Tx, rows: RelationRow[], upkeep: Upkeep | undefined): Promise<void> {
  const posts = rows.filter((row) => row.type === 'HOLDS_POSITION').map((row) => ({ personId: row.fromId, postId: row.toId }));
  if (posts.length === 0) return;
  const touched = (await tx.run(cypher('write/visits-of-post-holders'), { posts })).records.map((r) => ({
    hostId: r.get('hostId') as string,
    postId: r.get('postId') as string,
    visitId: r.get('visitId') as string,
    role: r.get('role') as string | null,
  }));
  await keepDerived(tx, upkeep, { pairs: [...new Map(touched.map((t) => [`${t.hostId}|${t.postId}`, { hostId: t.hostId, postId: t.postId }])).values()] });
  const visits = [...new Map(touched.map((t) => [t.visitId, { visitId: t.visitId, roleKey: t.role ? normalizeName(t.role) || null : null }])).values()];
  if (visits.length > 0) await tx.run(cypher('write/link-representing'), { visits });
}
