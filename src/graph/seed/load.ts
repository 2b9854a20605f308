/**
 * The article's graph, written through the same writers as recorded visits and relations.
 * Loading is idempotent; at start it runs only when the stored seed version differs.
 */
import { createHash } from 'node:crypto';
import { TX_TIMEOUT_MS, type Db } from '../../db/driver.js';
import type { EntityRecord, SeedDocument } from '../records.js';
import { upsertEntities } from '../writeEntities.js';
import { writeMentions } from '../writeMentions.js';
import { writeRelations } from '../writeRelations.js';
import { writeStandaloneMeetings, writeVisits } from '../writeVisits.js';
import { esperAlgeria2020 } from './esperAlgeria2020.js';

export const SEEDS: SeedDocument[] = [esperAlgeria2020];

function versionOf(doc: SeedDocument): string {
  return createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16);
}

/** Event nodes carry their provenance like relationships do: the source and the paragraphs naming them. */
function withEventProvenance(entity: EntityRecord, sourceId: string): EntityRecord {
  if (entity.kind !== 'EVENT') return entity;
  const dateCertainty = entity.properties?.dateCertainty;
  return {
    ...entity,
    properties: {
      source: sourceId,
      sources: [sourceId],
      paragraphs: entity.paragraphs ?? [],
      certainty: 'stated',
      ...entity.properties,
      ...(dateCertainty ? { dateCertainty } : {}),
    },
  };
}

export async function loadSeedDocument(db: Db, doc: SeedDocument): Promise<void> {
  const sourceId = doc.source.id;
  const entities = doc.entities.map((e) => withEventProvenance(e, sourceId));
  await db.write(async (tx) => {
    await upsertEntities(tx, [{ ...doc.source, properties: { ...doc.source.properties, seedVersion: versionOf(doc) } }, ...entities], 'replace');
    await writeMentions(tx, doc.entities
      .filter((e) => (e.paragraphs ?? []).length > 0)
      .map((e) => ({ sourceId, entityId: e.id, paragraphs: e.paragraphs! })));
    await writeRelations(tx, doc.relations, { allowStructural: true });
    await writeVisits(tx, doc.visits);
    await writeStandaloneMeetings(tx, doc.meetings);
    await writeRelations(tx, doc.eventRelations, { allowStructural: true });
  }, { timeoutMs: TX_TIMEOUT_MS.import });
}

/** Loads every seed document (again); safe to repeat. */
export async function loadSeed(db: Db): Promise<{ documents: number }> {
  for (const doc of SEEDS) await loadSeedDocument(db, doc);
  return { documents: SEEDS.length };
}

/** Loads the seed documents that are absent or changed since they were last loaded. */
export async function ensureSeed(db: Db): Promise<{ loaded: string[]; present: string[] }> {
  const loaded: string[] = [];
  const present: string[] = [];
  for (const doc of SEEDS) {
    const stored = await db.read(async (tx) => {
      const result = await tx.run('MATCH (s:Source {id: $id}) RETURN s.seedVersion AS version', { id: doc.source.id });
      return result.records[0]?.get('version') as string | undefined;
    });
    if (stored === versionOf(doc)) {
      present.push(doc.source.id);
    } else {
      await loadSeedDocument(db, doc);
      loaded.push(doc.source.id);
    }
  }
  return { loaded, present };
}
