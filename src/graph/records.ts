/**
 * The shapes the domain writes: the seed, the GraphQL mutations and the bulk importer all hand
 * these to the same writers (src/graph/write*.ts), so there is one way into the graph.
 */
import type { Certainty, EntityKindName } from './ontology.js';

/** A date with its precision: "1795", "2006-02" or "2020-10-01". */
export type PartialDate = string;

export type PropertyValue = string | number | boolean | string[] | number[];
export type Properties = Record<string, PropertyValue>;

/** Where a fact comes from: a source id, the paragraphs it rests on, and on whose word. */
export interface Provenance {
  source?: string;
  paragraphs?: number[];
  certainty?: Certainty;
}

/** An existing entity by id, or by any name or alias; a new one when `kind` is given. */
export interface EntityRef {
  id?: string;
  name?: string;
  nameAr?: string;
  kind?: EntityKindName;
  /** A person's role at the time, as the source states it; kept on their part in a visit or meeting. */
  role?: string;
  /** For a city, place or region: the country or region it lies in (tells homonyms apart). */
  within?: EntityRef;
  /** Other spellings the caller knows: matched like names, and kept on a new entity. */
  aliases?: string[];
  /** An id from outside, e.g. "wikidata:Q7747" or an Office of the Historian person id. */
  externalId?: string;
}

export interface EntityRecord {
  id: string;
  kind: EntityKindName;
  name: string;
  nameAr?: string;
  /** Every other spelling, in either language, as the sources write it. */
  aliases?: string[];
  /**
   * A person's surname alone that named them before their full name was known: shown among the
   * aliases, but matched only by the person rules (in context), never exactly, since a namesake
   * of another generation bears it too.
   */
  shortForms?: string[];
  /** Our own short English description; never a sentence copied from a source. */
  summary?: string;
  /** Extra labels beside :Entity and the kind's label (only those in ontology.ts). */
  labels?: string[];
  /** Kind-specific facts, e.g. { date: "1795" } for an agreement, { role: "..." }. */
  properties?: Properties;
  /** Ids from outside (Wikidata, the Office of the Historian), matched by EntityRef.externalId. */
  externalIds?: string[];
  /** Paragraphs of the seed source that name this entity (becomes MENTIONS). */
  paragraphs?: number[];
}

/** An entity as an import file states it: the record, and the source whose paragraphs name it. */
export interface EntityImport extends EntityRecord {
  sourceInfo?: SourceRecord;
  /** For an event: on whose word it rests (default 'stated'). */
  certainty?: Certainty;
}

export interface SourceRecord {
  id?: string;
  title?: string;
  publisher?: string;
  url?: string;
  publishedAt?: PartialDate;
  language?: string;
}

export interface MeetingRecord extends Provenance {
  id?: string;
  name?: string;
  /** Arabic name; without one, a new meeting's is made from its principals' Arabic names. */
  nameAr?: string;
  summary?: string;
  /** For a meeting outside any visit: its source, as a SourceInput names it. */
  sourceInfo?: SourceRecord;
  /** The principal(s) met; the traveler (or `by`) is the other principal. */
  with: EntityRef[];
  /** For a meeting outside any visit: the principal who met `with`. */
  by?: EntityRef;
  attendees?: EntityRef[];
  date?: PartialDate;
  /** The last day of a meeting of several days. */
  endDate?: PartialDate;
  city?: EntityRef;
  place?: EntityRef;
  /** Topic ids or names. */
  topics?: string[];
  properties?: Properties;
}

export interface VisitRecord extends Provenance {
  id?: string;
  name?: string;
  /** Arabic name; without one, it is made from the traveler's and host's Arabic names. */
  nameAr?: string;
  summary?: string;
  traveler: EntityRef;
  host: EntityRef;
  /** The country or organization the traveler travels for (default: derived from the post held). */
  representing?: EntityRef;
  city?: EntityRef;
  /** Cities, places and regions visited, in order; `city` is the same as `places: [city]`. */
  places?: EntityRef[];
  date: PartialDate;
  /** The last day of a visit of several days. */
  endDate?: PartialDate;
  /** Certainty of the date alone, where it differs from the visit's (e.g. known from elsewhere). */
  dateCertainty?: Certainty;
  /** A tour id or name; visits of one tour are linked in date order. */
  tour?: string;
  purpose?: string;
  /** Topic ids or names. */
  topics?: string[];
  meetings?: MeetingRecord[];
  sourceInfo?: SourceRecord;
  properties?: Properties;
}

export interface RelationRecord extends Provenance {
  from: EntityRef | string;
  type: string;
  to: EntityRef | string;
  properties?: Properties;
}
