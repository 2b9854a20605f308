/**
 * The JSON Schema of import files, generated from schema.graphql's input types (VisitInput,
 * RelationInput and what they use), so that an editor can check a file as it is typed. The
 * GraphQL types stay the one definition: `npm run schema:import` writes
 * examples/import-format.schema.json, and a test keeps that file equal to what this builds.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a GraphQL scalar (PartialDate gets its pattern, JSON any value). */
function scalarSchema(name: string): JsonSchema {
  switch (name) {
    case 'String':
    case 'ID':
      return { type: 'string' };
    case 'Int':
      return { type: 'integer' };
    case 'Float':
      return { type: 'number' };
    case 'Boolean':
      return { type: 'boolean' };
    case 'PartialDate':
      return { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY, YYYY-MM or YYYY-MM-DD' };
    default:
      return {};
  }
}

/** The schema of a field's type; nullable fields admit null, as GraphQL variables do. */
function typeSchema(type: GraphQLInputType): JsonSchema {
  if (isNonNullType(type)) return innerSchema(type.ofType);
  const inner = innerSchema(type);
  return { anyOf: [inner, { type: 'null' }] };
}

function innerSchema(type: GraphQLInputType): JsonSchema {
  if (isNonNullType(type)) return innerSchema(type.ofType);
  if (isListType(type)) return { type: 'array', items: typeSchema(type.ofType as GraphQLInputType) };
  const named = getNamedType(type);
  if (isScalarType(named)) return scalarSchema(named.name);
  if (isEnumType(named)) return { enum: named.getValues().map((v) => v.name) };
  return { $ref: `#/$defs/${named.name}` };
}

/** Every input object type reachable from `roots`, as JSON Schema definitions. */
function definitions(schema: GraphQLSchema, roots: string[]): Record<string, JsonSchema> {
  const defs: Record<string, JsonSchema> = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (defs[name]) continue;
    const type = schema.getType(name);
    if (!isInputObjectType(type)) throw new Error(`${name} is not an input type`);
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const field of Object.values(type.getFields())) {
      properties[field.name] = { ...(field.description ? { description: field.description } : {}), ...typeSchema(field.type) };
      if (isNonNullType(field.type)) required.push(field.name);
      const named = getNamedType(field.type);
      if (isInputObjectType(named) && !defs[named.name]) pending.push(named.name);
    }
    defs[name] = {
      type: 'object',
      ...(type.description ? { description: type.description } : {}),
      properties,
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    };
  }
  return Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
}

/** The import file: a JSON array of records (NDJSON holds the same records one per line). */
export function importFileSchema(schema: GraphQLSchema): JsonSchema {
  const record = {
    description: 'One record: a visit or a relation, written as the GraphQL variables of recordVisit / recordRelation.',
    oneOf: [
      { type: 'object', properties: { visit: { $ref: '#/$defs/VisitInput' } }, required: ['visit'], additionalProperties: false },
      { type: 'object', properties: { relation: { $ref: '#/$defs/RelationInput' } }, required: ['relation'], additionalProperties: false },
    ],
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'import-format.schema.json',
    title: 'Diplomatic visit graph: import file',
    description: 'Generated from schema.graphql (npm run schema:import); do not edit by hand. NDJSON files hold the same records, one per line.',
    type: 'array',
    items: { $ref: '#/$defs/ImportRecord' },
    $defs: { ImportRecord: record, ...definitions(schema, ['VisitInput', 'RelationInput']) },
  };
}
