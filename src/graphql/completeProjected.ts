/**
 * A faster completion of read queries whose answer the root field's one Cypher statement has
 * already shaped (src/graphql/read/project.ts). The generic executor walks every field of such an
 * answer again: an info object, arguments and a resolver call per field, and result objects
 * without a prototype on which JSON.stringify takes its slow path. For a query of one plain read
 * field, this plugin calls the root resolver itself and copies the answer into plain objects,
 * reading each field exactly as its resolver would.
 *
 * Whenever anything is unusual it steps aside and the generic executor runs the query as before:
 * fragment spreads, directives, several root fields, a resolver it does not know, a null in a
 * non-null field, a value a scalar refuses, a type it cannot resolve, a root resolver that
 * throws before it reaches the database. Only a root resolver that fails after starting its read is
 * answered here (the error located at the field, as the executor does), so that a failed read is
 * never run twice.
 */
import {
  getArgumentValues,
  getVariableValues,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  locatedError,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Json = Record<string, unknown>;

/** Thrown inside the walk: this answer is left to the generic executor. */
const STEP_ASIDE = Symbol('step aside');


/** Root fields whose answers are projected maps or plain objects (resolvers/query.ts). */
const PROJECTED_ROOTS = new Set(['visits', 'visit', 'entity', 'search', 'timeline', 'neighborhood', 'neighborhoodGroup', 'path']);

/** The field resolvers this walk may call: they read the parent only (by response key or name). */
export const projectedReaders = new WeakSet<GraphQLFieldResolver<unknown, unknown>>();

interface Plan {
  operation: OperationDefinitionNode;
  field: FieldNode;
}

const plans = new WeakMap<DocumentNode, Plan | null>();

/** Whether no node of the selection uses a fragment spread or a directive. */
function plainSelection(set: SelectionSetNode | undefined): boolean {
  if (!set) return true;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) return false;
    if (selection.directives?.length) return false;
    if (!plainSelection(selection.selectionSet)) return false;
  }
  return true;
}

function planOf(document: DocumentNode, operationName: string | null | undefined): Plan | null {
  if (operationName) return null;
  let plan = plans.get(document);
  if (plan !== undefined) return plan;
  plan = null;
  const [operation, ...others] = document.definitions;
  if (others.length === 0 && operation?.kind === Kind.OPERATION_DEFINITION && operation.operation === 'query' && !operation.directives?.length) {
    const [field, ...more] = operation.selectionSet.selections;
    if (more.length === 0 && field?.kind === Kind.FIELD && !field.alias && PROJECTED_ROOTS.has(field.name.value) && !field.directives?.length && plainSelection(field.selectionSet)) {
      plan = { operation, field };
    }
  }
  plans.set(document, plan);
  return plan;
}

/** graphql's CollectFields for a plain selection (no spreads, no directives), kept per set and type. */
const collected = new WeakMap<SelectionSetNode, Map<string, [string, FieldNode][]>>();
function fieldsOf(schema: GraphQLSchema, type: GraphQLObjectType, set: SelectionSetNode): [string, FieldNode][] {
  let byType = collected.get(set);
  if (!byType) collected.set(set, (byType = new Map()));
  let fields = byType.get(type.name);
  if (fields) return fields;
  const into = new Map<string, FieldNode>();
  const walk = (s: SelectionSetNode) => {
    for (const selection of s.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        // The same key twice would need its selection sets merged: the executor does that.
        if (into.has(key)) throw STEP_ASIDE;
        into.set(key, selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (!condition) continue;
        if (condition === type || (isAbstractType(condition) && schema.isSubType(condition, type))) walk(selection.selectionSet);
      } else {
        throw STEP_ASIDE;
      }
    }
  };
  walk(set);
  fields = [...into];
  byType.set(type.name, fields);
  return fields;
}

interface Walk {
  schema: GraphQLSchema;
  context: unknown;
}

function complete(walk: Walk, type: GraphQLOutputType, value: unknown, field: FieldNode): unknown {
  if (isNonNullType(type)) {
    if (value === null || value === undefined) throw STEP_ASIDE;
    return complete(walk, type.ofType, value, field);
  }
  if (value === null || value === undefined) return null;
  if (typeof (value as { then?: unknown }).then === 'function') throw STEP_ASIDE;
  if (isListType(type)) {
    if (!Array.isArray(value)) throw STEP_ASIDE;
    return value.map((item) => complete(walk, type.ofType, item, field));
  }
  if (isLeafType(type)) {
    let serialized: unknown;
    try {
      serialized = type.serialize(value);
    } catch {
      throw STEP_ASIDE;
    }
    if (serialized === undefined) throw STEP_ASIDE;
    return serialized;
  }
  let objectType: GraphQLObjectType;
  if (isAbstractType(type)) {
    const name = type.resolveType?.(value, walk.context, {} as GraphQLResolveInfo, type);
    const resolved = typeof name === 'string' ? walk.schema.getType(name) : undefined;
    if (!resolved || !isObjectType(resolved) || !walk.schema.isSubType(type, resolved)) throw STEP_ASIDE;
    objectType = resolved;
  } else if (isObjectType(type)) {
    objectType = type;
  } else {
    throw STEP_ASIDE;
  }
  if (objectType.isTypeOf || typeof value !== 'object' || !field.selectionSet) throw STEP_ASIDE;
  return completeObject(walk, objectType, value as Json, field.selectionSet);
}

function completeObject(walk: Walk, type: GraphQLObjectType, parent: Json, set: SelectionSetNode): Json {
  const out: Json = {};
  const defs = type.getFields();
  for (const [key, node] of fieldsOf(walk.schema, type, set)) {
    const name = node.name.value;
    if (name === '__typename') {
      out[key] = type.name;
      continue;
    }
    const def = defs[name];
    if (!def) throw STEP_ASIDE;
    let value: unknown;
    if (def.resolve) {
      if (!projectedReaders.has(def.resolve)) throw STEP_ASIDE;
      // What these readers use of the resolve info: the response key and the field name.
      value = def.resolve(parent, {}, walk.context, { fieldName: name, path: { key, prev: undefined, typename: type.name } } as GraphQLResolveInfo);
    } else {
      value = parent[name];
      if (typeof value === 'function') throw STEP_ASIDE;
    }
    out[key] = complete(walk, def.type, value, node);
  }
  return out;
}

type ExecuteFn = (args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  rootValue?: unknown;
  contextValue?: unknown;
  variableValues?: Record<string, unknown> | null;
  operationName?: string | null;
}) => unknown;

function projectedExecute(execute: ExecuteFn): ExecuteFn {
  return (args) => {
    const plan = planOf(args.document, args.operationName);
    const query = args.schema.getQueryType();
    const def: GraphQLField<unknown, unknown> | undefined = plan ? query?.getFields()[plan.field.name.value] : undefined;
    if (!plan || !query || !def?.resolve) return execute(args);
    const variables = getVariableValues(args.schema, plan.operation.variableDefinitions ?? [], args.variableValues ?? {});
    if (variables.errors) return execute(args);
    const key = plan.field.name.value;
    const info: GraphQLResolveInfo = {
      fieldName: key,
      fieldNodes: [plan.field],
      returnType: def.type,
      parentType: query,
      path: { prev: undefined, key, typename: query.name },
      schema: args.schema,
      fragments: {},
      rootValue: args.rootValue,
      operation: plan.operation,
      variableValues: variables.coerced,
    };
    let pending: unknown;
    try {
      pending = def.resolve(args.rootValue, getArgumentValues(def, plan.field, variables.coerced), args.contextValue, info);
    } catch {
      // Bad input found before any read: the executor reports it, at no cost.
      return execute(args);
    }
    const walk: Walk = { schema: args.schema, context: args.contextValue };
    const finish = (value: unknown) => {
      try {
        return { data: { [key]: complete(walk, def.type, value, plan.field) } };
      } catch {
        // STEP_ASIDE, or anything a reader threw: the executor reports it as it always has.
        return execute(args);
      }
    };
    const fail = (error: unknown) => {
      const located = locatedError(error instanceof Error ? error : new Error(String(error)), [plan.field], [key]);
      return { errors: [located], data: isNonNullType(def.type) ? null : { [key]: null } };
    };
    if (pending && typeof (pending as Promise<unknown>).then === 'function') return (pending as Promise<unknown>).then(finish, fail);
    return finish(pending);
  };
}

/** The plugin: queries of one projected read field are completed here; all others as before. */
export function useProjectedCompletion(): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(projectedExecute(executeFn as ExecuteFn) as typeof executeFn);
    },
  };
}

