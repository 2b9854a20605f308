/**
 * Compiles a GraphQL operation's root field to the Cypher statement the API would run, without a
 * database: the selection is resolved against the real schema (fragments, directives, variables)
 * and handed to the read compiler (src/graphql/read/).
 */
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type GraphQLSchema } from 'graphql';
import { buildSchema } from '../../src/graphql/schema.js';
import { entityByIdStatement, searchStatement, timelineStatement, visitsStatement, type Statement } from '../../src/graphql/read/queries.js';
import { selectionFromText } from '../../src/graphql/read/selection.js';

let schema: GraphQLSchema | undefined;

export function compile(query: string, variables: Record<string, unknown> = {}): Statement {
  schema ??= buildSchema();
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const field = operation.selectionSet.selections[0] as FieldNode;
  const args = Object.fromEntries(
    (field.arguments ?? []).map((a) => [a.name.value, valueOf(a.value, variables)]),
  ) as Record<string, any>;
  const returnType = schema.getQueryType()!.getFields()[field.name.value]!.type;
  const typeName = String(returnType).replace(/[[\]!]/g, '');
  const selection = selectionFromText(schema, typeName, field.selectionSet!, variables, fragments);
  switch (field.name.value) {
    case 'visits': {
      const plan = visitsStatement(args, selection);
      if (!plan.statement) throw new Error('no statement');
      return plan.statement;
    }
    case 'entity':
      return entityByIdStatement(args.id, selection);
    case 'visit':
      return entityByIdStatement(args.id, selection, 'Visit');
    case 'search': {
      const statement = searchStatement(args as never, selection);
      if (!statement) throw new Error('no statement');
      return statement;
    }
    case 'timeline':
      return timelineStatement(args as never, selection);
    default:
      throw new Error(`no compiler for Query.${field.name.value} in these tests`);
  }
}

/** A literal or variable argument's value (objects and lists included). */
function valueOf(node: any, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((v: any) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f: any) => [f.name.value, valueOf(f.value, variables)]));
    default:
      throw new Error(`unexpected value ${node.kind}`);
  }
}
