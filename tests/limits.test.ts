/**
 * Each limit is defined once (src/graphql/limits.ts); the places that cannot import it (the
 * static Cypher of Query.path, README's table, the SDL's defaults) are checked against it here,
 * without a database.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ARGUMENT_RANGES, LIMITS, MAX_SEARCH_TEXT, argumentRange } from '../src/graphql/limits.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const n = (value: number) => value.toLocaleString('en-US');
const range = (field: string, argument: string) => argumentRange(field, argument).map(n).join('–');

describe('limits defined once', () => {
  it("bounds Query.path's pattern by the largest maxHops allowed", () => {
    // A variable-length pattern takes no parameter for its bound: the text must carry it.
    const bounds = [...read('cypher/read/path.cypher').matchAll(/\*\.\.(\d+)/g)].map((m) => Number(m[1]));
    expect(bounds).toEqual([argumentRange('Query.path', 'maxHops')[1]]);
  });

  it("lists the limits in README's table as they are defined", () => {
    const readme = read('README.md');
    const lines = readme.slice(readme.indexOf('### Limits and errors')).split('\n');
    const first = lines.findIndex((line) => line.startsWith('|'));
    const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
    const cells = lines.slice(first + 2, end).map((row) => row.split('|').slice(1, -1).map((c) => c.trim()));
    expect(cells).toEqual([
      ['depth (introspection exempt)', n(LIMITS.maxDepth)],
      ['cost (object field 2, scalar 1, ×1.5 per level)', n(LIMITS.maxCost)],
      ['aliases / tokens / directives', `${n(LIMITS.maxAliases)} / ${n(LIMITS.maxTokens)} / ${n(LIMITS.maxDirectives)}`],
      ['`search`, `timeline`, `relations` `first`', range('Query.search', 'first')],
      ['`visits` `first`', range('Query.visits', 'first')],
      ['`mentions` `first`', range('Person.mentions', 'first')],
      ['`neighborhood`', `depth ${range('Query.neighborhood', 'depth')}, limit ${range('Query.neighborhood', 'limit')}`],
      ['`path` `maxHops`', range('Query.path', 'maxHops')],
      ['`search` text', `at most ${MAX_SEARCH_TEXT} characters`],
    ]);
    expect(range('Query.timeline', 'first')).toBe(range('Query.search', 'first'));
    expect(range('Person.relations', 'first')).toBe(range('Query.search', 'first'));
  });

  it("keeps every default of schema.graphql's ranged arguments within its range", () => {
    const schema = buildSchema(read('schema.graphql'));
    const outside: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const ranges = ARGUMENT_RANGES[`${type.name}.${field.name}`] ?? ARGUMENT_RANGES[`*.${field.name}`];
        for (const arg of field.args) {
          const [min, max] = ranges?.[arg.name] ?? [];
          if (typeof arg.defaultValue === 'number' && min !== undefined && (arg.defaultValue < min || arg.defaultValue > max!)) {
            outside.push(`${type.name}.${field.name}(${arg.name}: ${arg.defaultValue})`);
          }
        }
      }
    }
    expect(outside).toEqual([]);
  });
});
