/**
 * Corrections of relations recorded from outside: setting or removing a property, or removing
 * the relation. Each is one transaction and leaves its trace: a correction is appended to the
 * relation's `corrections` (JSON texts: when, what was set, what was removed, why); a removed
 * relation becomes a Retraction node with its type, ends, properties and the reason. A visit's
 * own edges (structural types) are not corrected this way: record the visit again instead.
 */
import { cypher } from '../db/cypher.js';
import type { Tx } from '../db/driver.js';
import { DomainError, invalid } from './errors.js';
import { RELATIONSHIP_TYPES } from './ontology.js';
import { checkDeclaredProperties } from './relationProperties.js';
import { checkText } from './text.js';

const PROVENANCE = ['source', 'sources', 'paragraphs', 'certainty', 'corrections'];

interface Found {
  type: string;
  fromId: string;
  toId: string;
  properties: Record<string, unknown>;
}

async function findRelation(tx: Tx, id: string): Promise<Found> {
  const result = await tx.run(
    'MATCH (a)-[r]->(b) WHERE elementId(r) = $id RETURN type(r) AS type, a.id AS fromId, b.id AS toId, properties(r) AS properties',
    { id },
  );
  const record = result.records[0];
  if (!record) throw new DomainError('UNKNOWN_REFERENCE', `input.id: no relation has the id "${id}"`, { at: 'input.id', id });
  const found = record.toObject() as Found;
  const type = RELATIONSHIP_TYPES[found.type as keyof typeof RELATIONSHIP_TYPES];
  if (!type || type.structural) {
    throw invalid(`input.id: ${found.type} is part of a visit or meeting and is corrected by recording it again`, { at: 'input.id' });
  }
  return found;
}

export interface CorrectionInput {
  id: string;
  set?: Record<string, unknown> | null;
  remove?: string[] | null;
  reason: string;
}

/** Sets and removes properties of one relation; returns its id. */
export async function correctRelation(tx: Tx, input: CorrectionInput): Promise<string> {
  checkText(input.reason, 'input.reason', 'title');
  const set = input.set ?? {};
  const remove = input.remove ?? [];
  if (Object.keys(set).length === 0 && remove.length === 0) throw invalid('input: give properties to set or to remove', { at: 'input' });
  const found = await findRelation(tx, input.id);
  checkDeclaredProperties(found.type, set, 'input.set');
  for (const key of remove) {
    if (PROVENANCE.includes(key)) throw invalid(`input.remove: "${key}" is provenance and stays`, { at: 'input.remove' });
    if (!Object.hasOwn(found.properties, key)) throw invalid(`input.remove: the relation has no property "${key.slice(0, 60)}"`, { at: 'input.remove' });
  }
  const properties: Record<string, unknown> = { ...found.properties, ...set };
  for (const key of remove) delete properties[key];
  const correction = JSON.stringify({ at: new Date().toISOString(), set, removed: remove, was: Object.fromEntries([...Object.keys(set), ...remove].map((k) => [k, found.properties[k] ?? null])), reason: input.reason });
  properties.corrections = [...((found.properties.corrections as string[] | undefined) ?? []), correction];
  await tx.run('MATCH ()-[r]->() WHERE elementId(r) = $id SET r = $properties', { id: input.id, properties });
  return input.id;
}

/** Removes one relation, keeping a Retraction; returns what it was. */
export async function removeRelation(tx: Tx, input: { id: string; reason: string }): Promise<Found & { id: string; reason: string }> {
  checkText(input.reason, 'input.reason', 'title');
  const found = await findRelation(tx, input.id);
  await tx.run(cypher('write/remove-relation'), {
    id: input.id,
    propertiesJson: JSON.stringify(found.properties),
    reason: input.reason,
    at: new Date().toISOString(),
  });
  return { id: input.id, ...found, reason: input.reason };
}
