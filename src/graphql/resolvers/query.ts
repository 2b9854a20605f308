/**
 * Query: every root field is one Cypher statement built from its selection set (src/graphql/read/),
 * run in one read transaction: one database round trip per root field, however deep the query.
 */
import { RELATIONSHIP_TYPES } from '../../graph/ontology.js';
import type { QueryResolvers } from '../generated/types.js';
import { currentId } from '../../graph/merge.js';
import * as read from '../read/queries.js';
import { selectionOf } from '../read/selection.js';

export const Query: QueryResolvers = {
  entity: (_parent, { id }, { db }, info) => {
    const selection = selectionOf(info);
    // An id merged into another entity answers with the entity it went into.
    return db.read(async (tx) => read.readEntity(tx, (await currentId(tx, id)) ?? id, selection)) as never;
  },

  visit: (_parent, { id }, { db }, info) => {
    const selection = selectionOf(info);
    return db.read((tx) => read.readEntity(tx, id, selection, 'Visit')) as never;
  },

  search: (_parent, args, { db }, info) => {
    const statement = read.searchStatement(args, selectionOf(info));
    if (!statement) return [];
    return db.read((tx) => read.search(tx, statement)) as never;
  },

  neighborhood: (_parent, args, { db }) => {
    const statement = read.neighborhoodStatement(args);
    return db.read((tx) => read.graph(tx, statement)) as never;
  },

  path: (_parent, args, { db }) => {
    const statement = read.pathStatement(args);
    return db.read((tx) => read.graph(tx, statement)) as never;
  },

  visits: async (_parent, args, { db }, info) => {
    const plan = read.visitsStatement(args, selectionOf(info));
    if (!plan.statement) return read.visits(undefined as never, plan) as never;
    return db.read((tx) => read.visits(tx, plan)) as never;
  },

  timeline: (_parent, args, { db }, info) => {
    const statement = read.timelineStatement(args, selectionOf(info));
    return db.read((tx) => read.timeline(tx, statement)) as never;
  },

  relationshipTypes: () =>
    Object.entries(RELATIONSHIP_TYPES).map(([name, t]) => ({ name, from: t.from, to: t.to, meaning: t.meaning, structural: t.structural })),
};
