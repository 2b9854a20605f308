/**
 * GraphQL inputs → the records the writers take (src/graph/records.ts). The recordVisit and
 * recordRelation mutations map their arguments here; the file importer is handed
 * `recordFromEntry`, which first coerces a file's record against its input type (VisitInput,
 * RelationInput, EntityInput, MeetingInput) as GraphQL does with a mutation's variables.
 */
import { addResolversToSchema } from '@graphql-tools/schema';
import { coerceInputValue, isInputType, type GraphQLSchema } from 'graphql';
import { DomainError } from '../graph/errors.js';
import type { ImportEntry, ImportKind, ImportRecord } from '../graph/importFile.js';
import type { Certainty } from '../graph/ontology.js';
import type { EntityImport, EntityRef, MeetingRecord, Properties, RelationRecord, SourceRecord, VisitRecord } from '../graph/records.js';
import { checkInputText } from '../graph/text.js';
import { enumResolvers } from './enums.js';
import type { EntityInput, EntityRef as EntityRefInput, MeetingInput, RelationInput, SourceInput, VisitInput } from './generated/types.js';
import { scalarResolvers } from './scalars.js';
import { typeDefinitions } from './typeDefs.js';

/** Drops null and undefined fields (GraphQL sends null for omitted optional fields). */
function compact<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]: Exclude<T[K], null> };
}

function refOf(input: EntityRefInput): EntityRef {
  return compact({
    id: input.id?.trim() || null,
    name: input.name?.trim() || null,
    nameAr: input.nameAr?.trim() || null,
    kind: input.kind ?? null,
    role: input.role?.trim() || null,
    within: input.within ? refOf(input.within) : null,
    aliases: input.aliases ?? null,
    externalId: input.externalId?.trim() || null,
  });
}

function sourceOf(input: SourceInput | null | undefined): SourceRecord | undefined {
  return input ? compact(input) : undefined;
}

/** What every record may carry besides its own fields: facts of its kind and where it comes from. */
function provenanceOf(input: { properties?: unknown; source?: SourceInput | null; paragraphs?: number[] | null; certainty?: Certainty | null }) {
  return {
    // Kind-specific facts: an object the writers check (relationProperties.ts, text.ts).
    properties: (input.properties ?? null) as Properties | null,
    sourceInfo: sourceOf(input.source) ?? null,
    paragraphs: input.paragraphs ?? null,
    certainty: input.certainty ?? null,
  };
}

/** The names a visit or meeting record may give itself (else they are generated). */
function ownNamesOf(input: { id?: string | null; name?: string | null; nameAr?: string | null; summary?: string | null }) {
  return { id: input.id ?? null, name: input.name ?? null, nameAr: input.nameAr ?? null, summary: input.summary ?? null };
}

function meetingOf(input: MeetingInput): MeetingRecord {
  return compact({
    ...ownNamesOf(input),
    ...provenanceOf(input),
    by: input.by ? refOf(input.by) : null,
    with: input.with.map(refOf),
    attendees: input.attendees?.map(refOf) ?? null,
    date: input.date ?? null,
    endDate: input.endDate ?? null,
    topics: input.topics ?? null,
    city: input.city ? refOf(input.city) : null,
    place: input.place ? refOf(input.place) : null,
  });
}

/** VisitInput (as the resolver receives it: Certainty already 'stated'...) → VisitRecord. */
export function visitRecordFromInput(input: VisitInput): VisitRecord {
  checkInputText(input, 'visit');
  return compact({
    ...ownNamesOf(input),
    ...provenanceOf(input),
    traveler: refOf(input.traveler),
    host: refOf(input.host),
    representing: input.representing ? refOf(input.representing) : null,
    city: input.city ? refOf(input.city) : null,
    places: input.places?.map(refOf) ?? null,
    date: input.date,
    endDate: input.endDate ?? null,
    tour: input.tour?.trim() || null,
    purpose: input.purpose ?? null,
    topics: input.topics ?? null,
    meetings: input.meetings?.map(meetingOf) ?? null,
    dateCertainty: input.dateCertainty ?? null,
  });
}

/** A meeting outside any visit (the record {"meeting": MeetingInput}, with `by`). */
export function meetingRecordFromInput(input: MeetingInput): MeetingRecord {
  checkInputText(input, 'meeting');
  return meetingOf(input);
}

/** EntityInput → the record the entity writer takes. */
export function entityRecordFromInput(input: EntityInput): EntityImport {
  checkInputText(input, 'entity');
  return compact({
    id: input.id.trim(),
    kind: input.kind,
    name: input.name.trim(),
    nameAr: input.nameAr?.trim() || null,
    aliases: input.aliases ?? null,
    summary: input.summary ?? null,
    labels: input.labels ?? null,
    ...provenanceOf(input),
  });
}

export function relationRecordFromInput(input: RelationInput): RelationRecord & { sourceInfo?: SourceRecord } {
  checkInputText(input, 'relation', '', ['properties']);
  return compact({
    from: refOf(input.from),
    type: input.type,
    to: refOf(input.to),
    ...provenanceOf(input),
  });
}

const INPUT_TYPE: Record<ImportKind, string> = { visit: 'VisitInput', relation: 'RelationInput', entity: 'EntityInput', meeting: 'MeetingInput' };

let inputSchema: GraphQLSchema | undefined;

/** schema.graphql with what coercing inputs needs (scalars, the enums' stored values), no resolvers. */
function schemaForInputs(): GraphQLSchema {
  inputSchema ??= addResolversToSchema({ schema: typeDefinitions(), resolvers: { ...scalarResolvers, ...enumResolvers } });
  return inputSchema;
}

/**
 * A record of an import file → the writers' record: coerced against its input type as GraphQL
 * coerces a mutation's variables (required fields, enums, PartialDate), then mapped as the
 * mutation maps it. Every problem is one INVALID_INPUT error naming the fields.
 */
export function recordFromEntry(entry: ImportEntry): ImportRecord {
  const type = schemaForInputs().getType(INPUT_TYPE[entry.kind]);
  if (!type || !isInputType(type)) throw new Error(`the schema has no ${INPUT_TYPE[entry.kind]}`);
  const problems: string[] = [];
  const value: unknown = coerceInputValue(entry.value, type, (path, _invalid, error) => {
    problems.push(`${['input', ...path].join('.')}: ${error.message}`);
  });
  if (problems.length > 0) throw new DomainError('INVALID_INPUT', problems.join('; '));
  // Coerced against INPUT_TYPE[entry.kind]: the value has that input's shape.
  switch (entry.kind) {
    case 'visit': return visitRecordFromInput(value as VisitInput);
    case 'relation': return relationRecordFromInput(value as RelationInput);
    case 'entity': return entityRecordFromInput(value as EntityInput);
    case 'meeting': return meetingRecordFromInput(value as MeetingInput);
  }
}
