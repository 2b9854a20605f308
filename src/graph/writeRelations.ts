/** Facts other than visits: one relation of the vocabulary each (BUYS_ARMS_FROM, HOLDS_POSITION...). */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid } from './errors.js';
import { RELATIONSHIP_TYPES, type RelationshipType, CERTAINTIES } from './ontology.js';
import { isPartialDate } from './partialDate.js';
import type { EntityRef, RelationRecord, SourceRecord } from './records.js';
import { resolveRefs } from './resolve.js';
import { upsertEntities } from './writeEntities.js';
import { writeMentions } from './writeMentions.js';
import { linkPrecedents, sourceEntity } from './writeVisits.js';

export interface RelationWriteResult {
  relationId: string;
  fromId: string;
  toId: string;
  type: RelationshipType;
  /** True when the relation existed and was updated. */
  updated: boolean;
  created: string[];
}

export interface RelationWriteOptions {
  /** The seed may write the visit model's own types; callers from outside may not. */
  allowStructural?: boolean;
}

const DATE_PROPERTIES = ['since', 'until', 'date', 'endDate'];

export function recordableTypes(allowStructural = false): RelationshipType[] {
  return (Object.keys(RELATIONSHIP_TYPES) as RelationshipType[]).filter((t) => allowStructural || !RELATIONSHIP_TYPES[t].structural);
}

function checkType(type: string, at: string, allowStructural: boolean): RelationshipType {
  const allowed = recordableTypes(allowStructural);
  if (!(allowed as string[]).includes(type)) {
    throw new DomainError(
      'UNKNOWN_RELATIONSHIP_TYPE',
      `${at}.type: "${type}" is not a relationship type that can be recorded; use one of ${allowed.join(', ')}`,
      { allowed },
    );
  }
  return type as RelationshipType;
}

function asRef(value: EntityRef | string): EntityRef {
  return typeof value === 'string' ? { id: value } : value;
}

export async function writeRelations(
  tx: Tx,
  records: (RelationRecord & { sourceInfo?: SourceRecord })[],
  options: RelationWriteOptions = {},
): Promise<RelationWriteResult[]> {
  const types = records.map((record, i) => {
    const at = records.length === 1 ? 'input' : `relations[${i}]`;
    for (const key of DATE_PROPERTIES) {
      const value = record.properties?.[key];
      if (value !== undefined && (typeof value !== 'string' || !isPartialDate(value))) {
        throw invalid(`${at}.properties.${key}: "${String(value)}" is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)`);
      }
    }
    for (const p of record.paragraphs ?? []) {
      if (!Number.isInteger(p) || p < 0) throw invalid(`${at}.paragraphs: ${p} is not a paragraph number`);
    }
    if (record.certainty && !CERTAINTIES.includes(record.certainty)) {
      throw invalid(`${at}.certainty: "${record.certainty}" is not one of ${CERTAINTIES.join(', ')}`);
    }
    return checkType(record.type, at, options.allowStructural ?? false);
  });
  const requests = records.flatMap((record, i) => {
    const at = records.length === 1 ? 'input' : `relations[${i}]`;
    return [{ ref: asRef(record.from), at: `${at}.from` }, { ref: asRef(record.to), at: `${at}.to` }];
  });
  const { resolved, toCreate } = await resolveRefs(tx, requests);
  const sources = records.map((r) => (r.sourceInfo ? sourceEntity(r.sourceInfo) : undefined));
  const createdIds = await upsertEntities(tx, [...toCreate, ...sources.filter((s) => s !== undefined)], 'fill');

  const rows = records.map((record, index) => {
    const source = sources[index]?.id ?? record.source ?? null;
    return {
      index,
      fromId: resolved[index * 2]!.id,
      toId: resolved[index * 2 + 1]!.id,
      type: types[index]!,
      prov: { source, sources: source ? [source] : [], paragraphs: record.paragraphs ?? [], certainty: record.certainty ?? 'stated' },
      properties: record.properties ?? {},
    };
  });
  const result = await tx.run(cypher('write/write-relations'), { relations: rows });
  const byIndex = new Map(result.records.map((r) => [r.get('index') as number, r]));

  await writeMentions(tx, rows.flatMap((row) =>
    row.prov.source ? [row.fromId, row.toId].map((entityId) => ({ sourceId: row.prov.source!, entityId, paragraphs: row.prov.paragraphs })) : [],
  ));
  // A post held changes which earlier visit a visit follows.
  const postChanges = rows.filter((row) => row.type === 'HOLDS_POSITION').map((row) => row.fromId);
  if (postChanges.length > 0) {
    const touched = await tx.run(
      'MATCH (p:Person)<-[:TRAVELER]-(v:Visit)-[:HOST_COUNTRY]->(h) WHERE p.id IN $ids RETURN DISTINCT h.id AS hostId, min(v.dateStart) AS dateStart',
      { ids: postChanges },
    );
    await linkPrecedents(tx, touched.records.map((r) => ({ hostId: r.get('hostId') as string, dateStart: r.get('dateStart') as string })));
  }

  return rows.map((row) => {
    const record = byIndex.get(row.index)!;
    const created = [row.fromId, row.toId, sources[row.index]?.id].filter((id): id is string => Boolean(id) && createdIds.has(id!));
    return { relationId: record.get('relationId') as string, fromId: row.fromId, toId: row.toId, type: row.type, updated: record.get('updated') as boolean, created };
  });
}
