/**
 * Mutation: recordVisit and recordRelation. Each is one write transaction (retried when a
 * concurrent call created the same new entity first), through the same writers as the seed and
 * the bulk importer (src/graph/import.ts maps the inputs). The result is projected inside that
 * transaction with the request's own selection (src/graphql/read/queries.ts), so it shows the
 * graph exactly as this write left it.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Tx } from '../../db/driver.js';
import {
  relationRecordFromInput,
  visitRecordFromInput,
  writeRetrying,
  type RelationInputValue,
  type VisitInputValue,
} from '../../graph/import.js';
import { correctRelation, removeRelation, type CorrectionInput } from '../../graph/correctRelations.js';
import { writeRelations } from '../../graph/writeRelations.js';
import { writeVisits } from '../../graph/writeVisits.js';
import { unauthenticated } from '../errors.js';
import type { MutationResolvers } from '../generated/types.js';
import { fetchEntitiesById, type Row } from '../read/queries.js';
import { subSelection } from '../read/selection.js';

/** Entities by id with the selection found under `path` of the payload; [] when not asked for. */
async function project(tx: Tx, info: GraphQLResolveInfo, path: string[], ids: string[], typeName?: string): Promise<Row[]> {
  const selection = subSelection(info, path);
  if (!selection || ids.length === 0) return [];
  return (await fetchEntitiesById(tx, ids, selection, typeName)).filter((row): row is Row => row !== null);
}

async function projectOne(tx: Tx, info: GraphQLResolveInfo, path: string[], id: string | null | undefined): Promise<Row | null> {
  if (!id) return null;
  return (await project(tx, info, path, [id]))[0] ?? null;
}

/** A relation by id as a Relation object, its entities projected with the selection under `prefix`. */
async function projectRelation(tx: Tx, info: GraphQLResolveInfo, prefix: string[], relationId: string) {
  const found = await tx.run(
    'MATCH (a)-[r]->(b) WHERE elementId(r) = $id RETURN type(r) AS type, a.id AS fromId, b.id AS toId, properties(r) AS properties',
    { id: relationId },
  );
  const row = found.records[0]!.toObject() as { type: string; fromId: string; toId: string; properties: Record<string, unknown> };
  const { properties } = row;
  const source = typeof properties.source === 'string' ? properties.source : null;
  const sources = Array.isArray(properties.sources) ? (properties.sources as string[]) : source ? [source] : [];
  return {
    id: relationId,
    type: row.type,
    direction: 'OUT',
    from: await projectOne(tx, info, [...prefix, 'from'], row.fromId),
    to: await projectOne(tx, info, [...prefix, 'to'], row.toId),
    other: await projectOne(tx, info, [...prefix, 'other'], row.toId),
    properties,
    provenance: {
      sourceId: source,
      source: await projectOne(tx, info, [...prefix, 'provenance', 'source'], source),
      sources: await project(tx, info, [...prefix, 'provenance', 'sources'], sources),
      paragraphs: Array.isArray(properties.paragraphs) ? properties.paragraphs : [],
      certainty: properties.certainty ?? null,
    },
  };
}

export const Mutation: MutationResolvers = {
  correctRelation: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    return db.write(async (tx) => {
      const id = await correctRelation(tx, input as CorrectionInput);
      return projectRelation(tx, info, [], id);
    }) as never;
  },

  removeRelation: async (_parent, { input }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    return db.write((tx) => removeRelation(tx, input)) as never;
  },

  recordVisit: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    const record = visitRecordFromInput(input as unknown as VisitInputValue);
    return writeRetrying(db, async (tx) => {
      const [result] = await writeVisits(tx, [record]);
      const { visitId, created, linked } = result!;
      const [visit] = await project(tx, info, ['visit'], [visitId], 'Visit');
      return {
        visit: visit ?? { id: visitId },
        created: await project(tx, info, ['created'], created),
        linked: await project(tx, info, ['linked'], linked),
      };
    }) as never;
  },

  recordRelation: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    const record = relationRecordFromInput(input as unknown as RelationInputValue);
    return writeRetrying(db, async (tx) => {
      const [result] = await writeRelations(tx, [record]);
      const { relationId, fromId, toId, type, updated, created } = result!;
      // The relation as a plain object (read by field name); its entities projected by id.
      const found = await tx.run('MATCH ()-[r]->() WHERE elementId(r) = $id RETURN properties(r) AS properties', { id: relationId });
      const properties = (found.records[0]?.get('properties') ?? {}) as Record<string, unknown>;
      const source = typeof properties.source === 'string' ? properties.source : null;
      const sources = Array.isArray(properties.sources) ? (properties.sources as string[]) : source ? [source] : [];
      const relation = {
        id: relationId,
        type,
        direction: 'OUT',
        from: await projectOne(tx, info, ['relation', 'from'], fromId),
        to: await projectOne(tx, info, ['relation', 'to'], toId),
        other: await projectOne(tx, info, ['relation', 'other'], toId),
        properties,
        provenance: {
          sourceId: source,
          source: await projectOne(tx, info, ['relation', 'provenance', 'source'], source),
          sources: await project(tx, info, ['relation', 'provenance', 'sources'], sources),
          paragraphs: Array.isArray(properties.paragraphs) ? properties.paragraphs : [],
          certainty: properties.certainty ?? null,
        },
      };
      return {
        relation,
        created: await project(tx, info, ['created'], created),
        updated,
      };
    }) as never;
  },
};
