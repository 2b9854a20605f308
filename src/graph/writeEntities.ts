/** Entities by id: the seed's, and the new ones that references create. */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { nameKeys } from './normalize.js';
import { EVENT_SUBLABELS, KIND_LABEL } from './ontology.js';
import { endOf, startOf, isPartialDate } from './partialDate.js';
import type { EntityRecord, Properties } from './records.js';
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
    aliases: record.aliases ?? [],
    nameKeys: nameKeys(record),
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
