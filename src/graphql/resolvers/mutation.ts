/**
 * Mutation: recordVisit and recordRelation. Each is one write transaction (retried when a
 * concurrent call created the same new entity first), through the same writers as the seed and
 * the bulk importer (src/graphql/inputs.ts maps the inputs). The result is projected inside that
 * transaction with the request's own selection (src/graphql/read/queries.ts), so it shows the
 * graph exactly as this write left it.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Tx } from '../../db/driver.js';
import { writeRetrying } from '../../db/retry.js';
import { correctRelation, removeRelation, type CorrectionInput } from '../../graph/correctRelations.js';
import { addAliases, currentId, dismissDuplicate, mergeEntities, setExternalIds } from '../../graph/merge.js';
import { checkInputText } from '../../graph/text.js';
import { writeRelations } from '../../graph/writeRelations.js';
import type { ResolutionNote } from '../../graph/references.js';
import { writeVisits } from '../../graph/writeVisits.js';
import { unauthenticated } from '../errors.js';
import { relationRecordFromInput, visitRecordFromInput } from '../inputs.js';
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

/** The resolutions of a write, each with its entity projected as the request asks. */
async function projectResolutions(tx: Tx, info: GraphQLResolveInfo, notes: ResolutionNote[]) {
  const entities = await project(tx, info, ['resolutions', 'entity'], notes.map((n) => n.id));
  const byId = new Map(entities.map((e) => [e.id as string, e]));
  return notes.map((n) => ({ at: n.at, reason: n.reason, created: n.created, entity: byId.get(n.id) ?? { id: n.id } }));
}

/** One entity after a curation write, projected as the request asks. */
async function projectEntity(tx: Tx, info: GraphQLResolveInfo, path: string[], id: string) {
  const selection = subSelection(info, path);
  return selection ? ((await fetchEntitiesById(tx, [id], selection))[0] ?? { id }) : { id };
}

export const Mutation: MutationResolvers = {
  correctRelation: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    return db.write(async (tx) => {
      const id = await correctRelation(tx, input as CorrectionInput);
      return projectRelation(tx, info, [], id);
    });
  },

  removeRelation: async (_parent, { input }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    return db.write((tx) => removeRelation(tx, input));
  },

  addAliases: async (_parent, { id, aliases }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    checkInputText({ id, aliases }, 'addAliases');
    return db.write(async (tx) => {
      await addAliases(tx, id, aliases);
      return projectEntity(tx, info, [], id);
    });
  },

  dismissDuplicate: async (_parent, { a, b }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    checkInputText({ a, b }, 'dismissDuplicate');
    return db.write(async (tx) => {
      await dismissDuplicate(tx, a, b);
      return true;
    });
  },

  setExternalIds: async (_parent, { id, externalIds }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    checkInputText({ id, externalIds }, 'setExternalIds');
    return db.write(async (tx) => {
      await setExternalIds(tx, id, externalIds);
      return projectEntity(tx, info, [], id);
    });
  },

  mergeEntities: async (_parent, { keep, merge }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    checkInputText({ keep, merge }, 'mergeEntities');
    return db.write(async (tx) => {
      // An id merged earlier names the entity it went into.
      const keepId = (await currentId(tx, keep)) ?? keep;
      const mergeId = (await currentId(tx, merge)) ?? merge;
      const outcome = await mergeEntities(tx, keepId, mergeId);
      return { ...outcome, entity: await projectEntity(tx, info, ['entity'], keepId) };
    });
  },

  recordVisit: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    const record = visitRecordFromInput(input);
    return writeRetrying(db, async (tx) => {
      const [result] = await writeVisits(tx, [record]);
      const { visitId, created, linked, resolutions } = result!;
      const [visit] = await project(tx, info, ['visit'], [visitId], 'Visit');
      return {
        visit: visit ?? { id: visitId },
        created: await project(tx, info, ['created'], created),
        linked: await project(tx, info, ['linked'], linked),
        resolutions: await projectResolutions(tx, info, resolutions),
      };
    });
  },

  recordRelation: async (_parent, { input }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    const record = relationRecordFromInput(input);
    return writeRetrying(db, async (tx) => {
      const [result] = await writeRelations(tx, [record]);
      const { relationId, fromId, toId, type, updated, created, resolutions } = result!;
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
        resolutions: await projectResolutions(tx, info, resolutions),
      };
    });
  },
};
