import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { parsePartialDate } from '../graph/partialDate.js';

function checked(value: unknown): string {
  if (typeof value !== 'string') {
    throw new GraphQLError('PartialDate must be a string such as "2006", "2006-02" or "2020-10-01"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const parsed = parsePartialDate(value);
  if (typeof parsed === 'string') throw new GraphQLError(parsed, { extensions: { code: 'BAD_USER_INPUT' } });
  return value;
}

export const PartialDateScalar = new GraphQLScalarType<string, string>({
  name: 'PartialDate',
  description: 'A date with its precision: "1795", "2006-02" or "2020-10-01".',
  serialize: (value) => String(value),
  parseValue: checked,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('PartialDate must be a string such as "2006", "2006-02" or "2020-10-01"', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return checked(ast.value);
  },
});

export const scalarResolvers = { JSON: JSONResolver, PartialDate: PartialDateScalar };
