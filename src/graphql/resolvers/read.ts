/**
 * Field resolvers of the read types. They only read what the root field's single Cypher
 * statement projected (src/graphql/read/project.ts): a projected map (`__rk`) is keyed by
 * response key, so aliases of one field with different arguments each find their own value;
 * any other object (built by hand, e.g. by a mutation) is read by field name.
 */
import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { connectionResolvers, edgeResolvers } from '../read/connections.js';
import { projectedReaders } from '../completeProjected.js';

type Parent = Record<string, unknown>;

const readProjected: GraphQLFieldResolver<Parent, unknown> = (parent, _args, _context, info) =>
  parent.__rk ? parent[info.path.key as string] : parent[info.fieldName];

/** Node properties shown through their own fields, or internal (nameKeys): not repeated in `properties`. */
const NOT_IN_PROPERTIES = new Set(['id', 'kind', 'name', 'nameAr', 'aliases', 'summary', 'nameKeys']);

const readProperties: GraphQLFieldResolver<Parent, unknown> = (parent, args, context, info) => {
  const value = readProjected(parent, args, context, info) as Record<string, unknown> | null | undefined;
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => !NOT_IN_PROPERTIES.has(key)));
};

/** Read types that are not entities but are projected maps too. */
const PROJECTED_TYPES = ['Relation', 'Provenance', 'PositionHeld', 'PositionHolder', 'ArmsTrade', 'TimelineEntry', 'Note', 'Participation'];

/** The field resolvers of every entity, projected and page type of `schema` (schema.graphql's types). */
export function readResolvers(schema: GraphQLSchema): Record<string, Record<string, { resolve: GraphQLFieldResolver<Parent, unknown> }>> {
  const resolvers: Record<string, Record<string, GraphQLFieldResolver<Parent, unknown>>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const isEntity = type.getInterfaces().some((i) => i.name === 'Entity');
    if (!isEntity && !PROJECTED_TYPES.includes(type.name)) continue;
    const fields: Record<string, GraphQLFieldResolver<Parent, unknown>> = {};
    for (const name of Object.keys(type.getFields())) {
      fields[name] = isEntity && name === 'properties' ? readProperties : readProjected;
    }
    resolvers[type.name] = fields;
  }
  // Pages: a connection's rows come projected (connections.ts) or built (Query.visits).
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    if (type.name.endsWith('Connection') && type.getFields().pageInfo) resolvers[type.name] = connectionResolvers();
    if (type.name.endsWith('Edge') && type.getFields().cursor) resolvers[type.name] = edgeResolvers();
  }
  // All of them only read their parent, so a query can be completed without the generic executor
  // (completeProjected.ts). Given as { resolve } so that the schema keeps these very functions
  // (a bare function would be bound to its map) and the completion can recognise them.
  const configs: Record<string, Record<string, { resolve: GraphQLFieldResolver<Parent, unknown> }>> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    configs[typeName] = {};
    for (const [fieldName, resolve] of Object.entries(fields)) {
      projectedReaders.add(resolve as GraphQLFieldResolver<unknown, unknown>);
      configs[typeName][fieldName] = { resolve };
    }
  }
  return configs;
}

