/**
 * The cost of a query counted in items: each field of object type costs one item for each value
 * it may produce, and a list field produces up to its cap or its `first` (listSizes.ts) for each
 * value of its parent. Nested lists multiply, which is what makes a few lines of GraphQL ask the
 * database for millions of rows. A query over MAX_QUERY_ITEMS is refused with
 * QUERY_TOO_EXPENSIVE before anything runs. Variables count as the largest value allowed.
 */
import { createRequire } from 'node:module';
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  SelectionSetNode,
  ValidationContext,
  ASTVisitor,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_QUERY_ITEMS, listCap, sizeArgument } from './read/listSizes.js';

// The one copy of graphql-js the schema was built with (see read/selection.ts).
const { GraphQLError, Kind, getNamedType, getNullableType, isCompositeType, isListType, isObjectType, isInterfaceType } =
  createRequire(import.meta.url)('graphql') as typeof import('graphql');

function argumentSize(field: FieldNode, spec: { arg: string; default: number; max: number }): number {
  const arg = field.arguments?.find((a) => a.name.value === spec.arg);
  if (!arg) return spec.default;
  if (arg.value.kind === Kind.INT) return Math.min(Number(arg.value.value), spec.max);
  return spec.max;
}

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

/** Items a selection set may produce under `multiplier` values of `type`. */
function costOf(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  type: GraphQLCompositeType,
  set: SelectionSetNode,
  multiplier: number,
  seen: Set<string>,
): number {
  let total = 0;
  for (const selection of set.selections) {
    if (total > MAX_QUERY_ITEMS) return total;
    if (selection.kind === Kind.FIELD) {
      const def = fieldsOf(type)[selection.name.value];
      if (!def || !selection.selectionSet) continue;
      const named = getNamedType(def.type);
      if (!isCompositeType(named)) continue;
      const spec = sizeArgument(type.name, def.name);
      const size = spec ? argumentSize(selection, spec) : isListType(getNullableType(def.type)) ? listCap(type.name, def.name) : 1;
      const count = multiplier * size;
      total += count + costOf(schema, fragments, named, selection.selectionSet, count, seen);
    } else {
      const condition = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : fragments[selection.name.value]?.typeCondition.name.value;
      const sub = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
      if (!sub) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(selection.name.value)) continue; // a cycle: refused by validation anyway
        seen = new Set(seen).add(selection.name.value);
      }
      const conditionType = condition ? schema.getType(condition) : type;
      if (!conditionType || !isCompositeType(conditionType)) continue;
      total += costOf(schema, fragments, conditionType, sub, multiplier, seen);
    }
  }
  return total;
}

/** The cost of every operation of a document (the largest one counts). */
export function queryItems(schema: GraphQLSchema, document: DocumentNode): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  let most = 0;
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    const root = def.operation === 'mutation' ? schema.getMutationType() : def.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
    if (!root) continue;
    most = Math.max(most, costOf(schema, fragments, root, def.selectionSet, 1, new Set()));
  }
  return most;
}

function listCostRule(context: ValidationContext): ASTVisitor {
  return {
    Document: {
      enter(document) {
        const items = queryItems(context.getSchema(), document);
        if (items > MAX_QUERY_ITEMS) {
          context.reportError(
            new GraphQLError(
              `This query may ask for about ${items > 1e9 ? 'more than a billion' : items.toLocaleString('en')} items, more than the ${MAX_QUERY_ITEMS.toLocaleString('en')} allowed: each list counts as its \`first\` or its cap, times the lists above it. Ask for fewer nested lists or smaller pages.`,
              { extensions: { code: 'QUERY_TOO_EXPENSIVE', items, maxItems: MAX_QUERY_ITEMS } },
            ),
          );
        }
        return false;
      },
    },
  };
}

/** The rule as a yoga plugin, checked with the other validation rules. */
export function useListCost(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(listCostRule);
    },
  };
}
