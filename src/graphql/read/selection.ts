/**
 * The selection set of a field, resolved against the schema: fragments and inline fragments
 * flattened, @skip/@include applied, aliases kept as response keys, arguments coerced, and,
 * for an interface such as Entity, the fields each concrete type would receive.
 *
 * The Cypher builder (project.ts) walks this tree to write one query for a whole root field.
 */
import { createRequire } from 'node:module';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
  GraphQLUnionType,
  SelectionSetNode,
} from 'graphql';
import { MemoTable } from './memo.js';

// graphql-js checks its classes with instanceof. Yoga and graphql-tools load its CommonJS build;
// under Vite (vitest) a plain `import` would get the ES build, a second copy whose checks fail
// on the schema's types. Requiring it gives the one copy everything else uses, in both cases.
const {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
} = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** One field asked for, under its response key (the alias, else the field name). */
export interface FieldSelection {
  responseKey: string;
  name: string;
  args: Record<string, unknown>;
  /** For a field of object or interface type: what is asked of it. */
  sub?: TypeSelection;
}

/** What is asked of a value of some object or interface type. */
export interface TypeSelection {
  /** The declared (named) type of the field: an object type or an interface. */
  typeName: string;
  /** For every concrete type the value may have: its fields, by response key, in query order. */
  byType: Map<string, Map<string, FieldSelection>>;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(walk: Walk, node: { directives?: readonly unknown[] }): boolean {
  const n = node as FieldNode;
  if (!n.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, n, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, n, walk.variables);
  return include?.if !== false;
}

function applies(walk: Walk, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = walk.schema.getType(condition);
  return Boolean(conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type));
}

/** graphql-js's CollectFields for one concrete type, over several selection sets. */
function collectFields(
  walk: Walk,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  into = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (!included(walk, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = into.get(key);
        if (list) list.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(walk, selection.typeCondition?.name.value, type)) {
          collectFields(walk, type, [selection.selectionSet], into, visited);
        }
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = walk.fragments[name];
        if (fragment && applies(walk, fragment.typeCondition.name.value, type)) {
          collectFields(walk, type, [fragment.selectionSet], into, visited);
        }
      }
    }
  }
  return into;
}

function possibleTypes(schema: GraphQLSchema, typeName: string): readonly GraphQLObjectType[] {
  const type = schema.getType(typeName);
  if (!type) throw new Error(`unknown type ${typeName}`);
  if (isObjectType(type)) return [type];
  if (isAbstractType(type)) return schema.getPossibleTypes(type as GraphQLInterfaceType | GraphQLUnionType);
  throw new Error(`${typeName} is not a composite type`);
}

function selectType(walk: Walk, typeName: string, selectionSets: readonly SelectionSetNode[]): TypeSelection {
  const byType = new Map<string, Map<string, FieldSelection>>();
  for (const type of possibleTypes(walk.schema, typeName)) {
    const fields = new Map<string, FieldSelection>();
    for (const [responseKey, nodes] of collectFields(walk, type, selectionSets)) {
      const first = nodes[0]!;
      const name = first.name.value;
      if (name.startsWith('__')) continue; // __typename: answered by graphql-js itself
      const def = type.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
      if (!def) continue;
      const args = getArgumentValues(def, first, walk.variables);
      const named = getNamedType(def.type);
      const field: FieldSelection = { responseKey, name, args };
      if (isCompositeType(named)) {
        const sets = nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => Boolean(s));
        field.sub = selectType(walk, named.name, sets);
      }
      fields.set(responseKey, field);
    }
    byType.set(type.name, fields);
  }
  return { typeName, byType };
}

function selectionOfInfo(info: GraphQLResolveInfo): TypeSelection {
  const named = getNamedType(info.returnType);
  const walk: Walk = { schema: info.schema, fragments: info.fragments, variables: info.variableValues };
  const sets = info.fieldNodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => Boolean(s));
  return selectType(walk, named.name, sets);
}

const selectionMemo = new MemoTable<FieldNode, TypeSelection>();
const schemaIds = new WeakMap<GraphQLSchema, number>();
let schemaCount = 0;
const schemaId = (schema: GraphQLSchema) => schemaIds.get(schema) ?? schemaIds.set(schema, ++schemaCount).get(schema)!;

/**
 * The selection of the field being resolved (for a root resolver: the whole tree under it).
 * Built once per field node of a cached document, schema and variables (which decide @skip,
 * @include and the arguments), then reused.
 */
export function selectionOf(info: GraphQLResolveInfo): TypeSelection {
  const [node] = info.fieldNodes;
  if (!node || info.fieldNodes.length !== 1) return selectionOfInfo(info);
  const variant = `${schemaId(info.schema)}|${JSON.stringify(info.variableValues)}`;
  return selectionMemo.get(node, variant) ?? selectionMemo.set(node, variant, selectionOfInfo(info));
}

/**
 * The selection of a sub-field of the field being resolved, e.g. `edges.node` of a connection,
 * or `visit` of a mutation payload: `subSelection(info, ['visit'])`. Every alias of the path's
 * fields is followed and merged.
 */
export function subSelection(info: GraphQLResolveInfo, path: readonly string[]): TypeSelection | undefined {
  let current: TypeSelection | undefined = selectionOf(info);
  for (const name of path) {
    if (!current) return undefined;
    const merged: FieldSelection[] = [];
    for (const fields of current.byType.values()) {
      for (const field of fields.values()) if (field.name === name && field.sub) merged.push(field);
    }
    if (merged.length === 0) return undefined;
    current = mergeSelections(merged.map((f) => f.sub!));
  }
  return current;
}

/** Several selections of one type as one (fields under every response key of each). */
export function mergeSelections(selections: readonly TypeSelection[]): TypeSelection {
  const first = selections[0]!;
  const byType = new Map<string, Map<string, FieldSelection>>();
  for (const selection of selections) {
    for (const [typeName, fields] of selection.byType) {
      const into = byType.get(typeName) ?? new Map<string, FieldSelection>();
      for (const [key, field] of fields) if (!into.has(key)) into.set(key, field);
      byType.set(typeName, into);
    }
  }
  return { typeName: first.typeName, byType };
}

/**
 * A selection written as a GraphQL selection set, for callers without a resolve info
 * (benchmarks, tests, a writer projecting what it wrote): `selectionFromText(schema, 'Visit',
 * '{ id traveler { name } }')`.
 */
export function selectionFromText(
  schema: GraphQLSchema,
  typeName: string,
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown> = {},
  fragments: Record<string, FragmentDefinitionNode> = {},
): TypeSelection {
  return selectType({ schema, fragments, variables }, typeName, [selectionSet]);
}

/** True when any concrete type asks for the field (by name). */
export function asks(selection: TypeSelection | undefined, fieldName: string): boolean {
  if (!selection) return false;
  for (const fields of selection.byType.values()) {
    for (const field of fields.values()) if (field.name === fieldName) return true;
  }
  return false;
}

/** The fields of an object type's selection (one concrete type), in query order. */
export function objectFields(selection: TypeSelection): FieldSelection[] {
  return [...(selection.byType.get(selection.typeName)?.values() ?? [])];
}
