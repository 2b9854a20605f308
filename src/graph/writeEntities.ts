/** Entities by id: the seed's, and the new ones that references create. */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { nameKeys } from './normalize.js';
import { personNameKeys } from './personName.js';
import { EVENT_SUBLABELS, KIND_LABEL, type Certainty } from './ontology.js';
import { endOf, startOf, isPartialDate } from './partialDate.js';
import type { EntityImport, EntityRecord, Properties } from './records.js';
import type { Tx as WriteTx } from '../db/driver.js';
import { ENTITY_KINDS } from './ontology.js';
import { checkProvenance, provenanceOf } from './provenance.js';
import { resolveSources, sourcesToWrite } from './sources.js';
import { writeMentions } from './writeMentions.js';
import { checkProperties } from './recordProperties.js';
import { invalid } from './errors.js';
import type { NodeRefs } from './nodeRefs.js';

const ALLOWED_EXTRA_LABELS = new Set<string>(EVENT_SUBLABELS);

/** Dated nodes also carry dateStart/dateEnd (full days) so that they sort and filter by range. */
export function dateBounds(properties: Properties | undefined): Properties {
  const date = properties?.date;
  if (typeof date !== 'string') return {};
  if (!isPartialDate(date)) throw invalid(`date: "${date}" is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  const endDate = typeof properties?.endDate === 'string' ? properties.endDate : date;
  if (!isPartialDate(endDate)) throw invalid(`endDate: "${endDate}" is not a valid date`);
  return { dateStart: startOf(date), dateEnd: endOf(endDate) };
}

export function entityRow(record: EntityRecord) {
  const extra = (record.labels ?? []).filter((label) => {
    if (!ALLOWED_EXTRA_LABELS.has(label)) throw invalid(`label "${label}" is not in the ontology`);
    return true;
  });
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    nameAr: record.nameAr ?? null,
    aliases: [...(record.aliases ?? []), ...(record.shortForms ?? []).filter((s) => !(record.aliases ?? []).includes(s))],
    nameKeys: nameKeys(record),
    // People are also found by their folded given name and surname (src/graph/personName.ts).
    ...(record.kind === 'PERSON' ? personNameKeys(record.name, record.aliases) : { personKeys: null, surnameKey: null }),
    externalIds: record.externalIds ?? [],
    summary: record.summary ?? null,
    labels: ['Entity', KIND_LABEL[record.kind], ...extra],
    properties: { ...(record.properties ?? {}), ...dateBounds(record.properties) },
  };
}

/** Writes the entities; returns the ids of those that did not exist before (and notes every element id in `nodes`). */
export async function upsertEntities(tx: Tx, records: EntityRecord[], mode: 'replace' | 'fill', nodes?: NodeRefs): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const result = await tx.run(cypher('write/upsert-entities'), { entities: records.map(entityRow), mode });
  if (nodes) for (const r of result.records) nodes.set(r.get('id') as string, r.get('node') as string, r.get('nameAr') as string | null, r.get('name') as string | null);
  return new Set(result.records.filter((r) => r.get('created')).map((r) => r.get('id') as string));
}

/** Event nodes carry their provenance like relationships do: the source and the paragraphs naming them. */
export function withEventProvenance(entity: EntityRecord, sourceId: string, certainty?: Certainty): EntityRecord {
  if (entity.kind !== 'EVENT') return entity;
  const dateCertainty = entity.properties?.dateCertainty;
  return {
    ...entity,
    properties: {
      ...provenanceOf({ paragraphs: entity.paragraphs, certainty }, sourceId),
      source: sourceId,
      ...entity.properties,
      ...(dateCertainty ? { dateCertainty } : {}),
    },
  };
}

/**
 * Entity records of an import file: written by id, with MENTIONS from their source for the
 * paragraphs that name them. A trusted file (the article's own data) states them with
 * authority: its names, aliases and summary replace what the node had. Any other file only fills
 * in what is missing, and may not give the visit model's own labels (Visit, Meeting).
 */
export async function writeEntityRecords(tx: WriteTx, records: EntityImport[], options: { trusted?: boolean; mentions?: boolean } = {}): Promise<{ created: string[]; written: string[] }> {
  if (records.length === 0) return { created: [], written: [] };
  records.forEach((record, i) => {
    const at = records.length === 1 ? 'input' : `entities[${i}]`;
    if (!ENTITY_KINDS.includes(record.kind)) throw invalid(`${at}.kind: unknown kind "${record.kind}"`, { at });
    if (!/^[a-z]+:[a-z0-9\u0600-\u06ff]+(-[a-z0-9\u0600-\u06ff]+)*$/.test(record.id)) throw invalid(`${at}.id: "${record.id}" is not an id (<kind>:<slug>)`, { at });
    if (!record.name?.trim()) throw invalid(`${at}.name: an entity needs an English name`, { at });
    if (!options.trusted && (record.labels ?? []).some((l) => l !== 'Tour')) {
      throw invalid(`${at}.labels: only a trusted file may give the labels ${(record.labels ?? []).filter((l) => l !== 'Tour').join(', ')}`, { at });
    }
    checkProvenance(record, at);
    checkProperties(record.properties, at);
  });
  const mode = options.trusted ? 'replace' : 'fill';
  // Sources first: the other records of the batch may name them (an article file starts with its own).
  const isSource = (r: EntityImport) => r.kind === 'SOURCE';
  const strip = ({ sourceInfo: _s, certainty: _c, ...record }: EntityImport): EntityRecord => record;
  const created = await upsertEntities(tx, records.filter(isSource).map(strip), mode);
  const sources = await resolveSources(tx, records.map((r) => r.sourceInfo), (i) => (records.length === 1 ? 'input.source' : `entities[${i}].source`));
  await upsertEntities(tx, sourcesToWrite(sources), 'fill');
  const rows = records.flatMap((record, i) => {
    if (isSource(record)) return [];
    const sourceId = sources[i]?.id;
    return [sourceId ? withEventProvenance(strip(record), sourceId, record.certainty) : strip(record)];
  });
  for (const id of await upsertEntities(tx, rows, mode)) created.add(id);
  if (options.mentions !== false) await writeMentions(tx, records.flatMap((record, i) => {
    const sourceId = sources[i]?.id;
    return sourceId && (record.paragraphs ?? []).length > 0 ? [{ sourceId, entityId: record.id, paragraphs: record.paragraphs! }] : [];
  }));
  return { created: [...created], written: records.map((r) => r.id) };
}

/** LOCATED_IN for places new to the graph (or placed nowhere yet), within what the input says. */
export async function locate(tx: Tx, rows: { id: string; withinId: string; source?: string; paragraphs?: number[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(cypher('write/locate'), {
    rows: rows.map((r) => ({ id: r.id, withinId: r.withinId, source: r.source ?? null, paragraphs: r.paragraphs ?? [] })),
  });
}
