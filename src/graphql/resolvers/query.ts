/**
 * Query: every root field is one Cypher statement built from its selection set (src/graphql/read/),
 * run as an auto-commit read: one database round trip per root field, however deep the query.
 */
import { RELATIONSHIP_TYPES } from '../../graph/ontology.js';
import type { QueryResolvers } from '../generated/types.js';
import { currentId } from '../../graph/merge.js';
import * as read from '../read/queries.js';
import { selectionOf, subSelection } from '../read/selection.js';
import { cypher } from '../../db/cypher.js';
import neo4j from 'neo4j-driver';
import { badInput } from '../errors.js';

export const Query: QueryResolvers = {
  duplicateCandidates: (_parent, { kind, first, after }, { db }, info) => {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput('"first" must be between 1 and 100.', { argument: 'first' });
    const offset = after ? Number(Buffer.from(after, 'base64url').toString('utf8').replace(/^dup:/, '')) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badInput('"after" is not a cursor of this list.', { argument: 'after' });
    return db.read(async (tx) => {
      const result = await tx.run(cypher('read/duplicate-candidates'), { kind: kind ?? 'PERSON', offset: neo4j.int(offset), limit: neo4j.int(limit + 1) });
      const pairs = result.records.map((r) => ({ a: r.get('a') as string, b: r.get('b') as string, reason: r.get('reason') as string, score: Number(r.get('score')) }));
      const page = pairs.slice(0, limit);
      const fetch = async (side: 'a' | 'b') => {
        const selection = subSelection(info, ['items', side]);
        return selection ? read.fetchEntitiesById(tx, page.map((p) => p[side]), selection) : page.map((p) => ({ id: p[side] }));
      };
      const [as, bs] = [await fetch('a'), await fetch('b')];
      return {
        items: page.map((p, i) => ({ ...p, a: as[i], b: bs[i] })),
        hasNextPage: pairs.length > limit,
        endCursor: pairs.length > limit ? Buffer.from(`dup:${offset + limit}`).toString('base64url') : null,
      };
    });
  },

  entity: (_parent, { id }, { db }, info) => {
    const selection = selectionOf(info);
    // An id merged into another entity answers with the entity it went into (a second round trip
    // only for an id that is not there).
    return db.read(async (tx) => {
      const found = await read.readEntity(tx, id, selection);
      if (found) return found;
      const kept = await currentId(tx, id);
      return kept && kept !== id ? read.readEntity(tx, kept, selection) : null;
    });
  },

  visit: (_parent, { id }, { db }, info) => {
    const selection = selectionOf(info);
    return db.read((tx) => read.readEntity(tx, id, selection, 'Visit'));
  },

  search: (_parent, args, { db }, info) => {
    const statement = read.searchStatement(args, selectionOf(info));
    if (!statement) return [];
    return db.read((tx) => read.search(tx, statement));
  },

  neighborhood: (_parent, args, { db }) => {
    const statement = read.neighborhoodStatement(args);
    return db.read((tx) => read.neighborhood(tx, statement));
  },

  neighborhoodGroup: (_parent, args, { db }, info) => {
    const statement = read.neighborhoodGroupStatement(args, selectionOf(info));
    return db.read((tx) => read.neighborhoodGroup(tx, statement));
  },

  path: (_parent, args, { db }) => {
    const statement = read.pathStatement(args);
    return db.read((tx) => read.graph(tx, statement));
  },

  visits: async (_parent, args, { db }, info) => {
    const plan = read.visitsStatement(args, selectionOf(info));
    if (!plan.statement) return read.visits(undefined as never, plan);
    return db.read((tx) => read.visits(tx, plan));
  },

  timeline: (_parent, args, { db }, info) => {
    const statement = read.timelineStatement(args, selectionOf(info));
    return db.read((tx) => read.timeline(tx, statement));
  },

  relationshipTypes: () =>
    Object.values(RELATIONSHIP_TYPES).map((t) => ({ name: t.name, from: t.from, to: t.to, meaning: t.meaning, structural: t.structural, writtenBy: [...t.writtenBy], label: t.en, labelAr: t.ar })),
};
