/**
 * The vocabulary is written once, in src/graph/ontology.ts. What cannot be derived from it (the
 * SDL's enums and entity types, ONTOLOGY.md's tables, the per-type blocks of write-edges.cypher)
 * is checked against it here, without a database.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInterfaceType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CERTAINTIES, ENTITY_KINDS, ENTITY_LABELS, EVENT_SUBLABELS, KINDS, RELATIONSHIP_TYPES, entityTypeOf, kindsOfEnd, typesWrittenBy,
} from '../src/graph/ontology.js';
import { VISIT_MODEL_EDGE_TYPES } from '../src/graph/edgeBatch.js';

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const schema: GraphQLSchema = buildSchema(read('schema.graphql'));

function enumValues(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of schema.graphql`);
  return type.getValues().map((v) => v.name);
}

/** The rows of the first Markdown table after `heading`, as cells with backticks and escapes removed. */
function tableAfter(doc: string, heading: string): string[][] {
  const start = doc.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`ONTOLOGY.md has no heading "${heading}"`);
  const lines = doc.slice(start + heading.length + 2).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|').replace(/`/g, '')));
  }
  return rows;
}

describe('schema.graphql follows the ontology', () => {
  it('has the ontology kinds as EntityKind, in the same order', () => {
    expect(enumValues('EntityKind')).toEqual(ENTITY_KINDS);
  });

  it('has one type implementing Entity for each kind label and event sub-label', () => {
    const entity = schema.getType('Entity');
    if (!isInterfaceType(entity)) throw new Error('Entity is not an interface');
    const implementations = schema.getPossibleTypes(entity).map((t) => t.name).sort();
    expect(implementations).toEqual(ENTITY_LABELS.filter((l) => l !== 'Entity').sort());
  });

  it('has the certainties as the Certainty enum', () => {
    expect(enumValues('Certainty')).toEqual(CERTAINTIES.map((c) => c.toUpperCase()));
  });
});

describe('ONTOLOGY.md follows the ontology', () => {
  const doc = read('ONTOLOGY.md');

  it('lists every kind with its label, in order', () => {
    const rows = tableAfter(doc, '### One label per kind').map(([label, kind]) => [label, kind]);
    expect(rows).toEqual(ENTITY_KINDS.map((kind) => [`:${KINDS[kind].label}`, kind]));
  });

  it('lists the event sub-labels', () => {
    const rows = tableAfter(doc, '### Sub-labels of `:Event`: `:Visit`, `:Meeting`, `:Tour`').map(([label]) => label);
    expect(rows).toEqual(EVENT_SUBLABELS.map((label) => `:${label}`));
  });

  it('lists every relationship type with its ends and whether it is structural, in order', () => {
    const rows = tableAfter(doc, '## Relationship types').map(([type, ends, structural]) => [type, ends, structural]);
    const expected = Object.values(RELATIONSHIP_TYPES).map((t) => [t.name, `${t.from.split('|').join(' | ')} → ${t.to.split('|').join(' | ')}`, t.structural ? 'yes' : 'no']);
    expect(rows).toEqual(expected);
  });
});

describe('what the ontology derives', () => {
  it('lets write-edges.cypher write exactly the types the visit writer sends as edges', () => {
    expect([...VISIT_MODEL_EDGE_TYPES].sort()).toEqual(typesWrittenBy('visit-edges').sort());
    // The types it names in its text (those looked up by their event) are among them.
    const named = [...read('cypher/write/write-edges.cypher').matchAll(/WHEN '([A-Z_]+)'/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const type of named) expect(typesWrittenBy('visit-edges')).toContain(type);
  });

  it('lets recordRelation write only the types whose writers include it', () => {
    // HELD_AT and OCCURRED_IN are written with visits and recorded on their own (a ceremony's venue).
    expect(RELATIONSHIP_TYPES.HELD_AT).toMatchObject({ structural: false, writtenBy: ['visit-edges', 'relation'] });
    expect(RELATIONSHIP_TYPES.IN_CITY.structural).toBe(true);
    expect(RELATIONSHIP_TYPES.MENTIONS.structural).toBe(true);
    expect(RELATIONSHIP_TYPES.BUYS_ARMS_FROM.structural).toBe(false);
  });

  it('names every relationship type in both languages', () => {
    for (const t of Object.values(RELATIONSHIP_TYPES)) {
      expect(t.ar, t.name).toMatch(/[\u0600-\u06FF]/);
      expect(t.en, t.name).toBe(t.name.toLowerCase().replace(/_/g, ' '));
    }
  });

  it('resolves a node to its most specific type, and an end to the kinds it admits', () => {
    expect(entityTypeOf({ kind: 'EVENT', labels: ['Entity', 'Event', 'Meeting'] })).toBe('Meeting');
    expect(entityTypeOf({ kind: 'EVENT', labels: ['Entity', 'Event'] })).toBe('Event');
    expect(entityTypeOf({ kind: 'POSITION', labels: ['Entity', 'Position'] })).toBe('Position');
    expect(kindsOfEnd('Country|Organization')).toEqual(['COUNTRY', 'ORGANIZATION']);
    expect(kindsOfEnd('Visit|Place')).toEqual(['EVENT', 'PLACE']);
    expect(kindsOfEnd('Entity')).toBeNull();
  });
});
