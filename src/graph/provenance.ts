/**
 * Provenance of a fact (ONTOLOGY.md, "Provenance"): the source it was first recorded from, every
 * source that supports it, the paragraphs it rests on and on whose word. Every writer checks and
 * builds it here, so a visit, a meeting, a relation and an event node carry the same map.
 */
import { invalid } from './errors.js';
import { CERTAINTIES, type Certainty } from './ontology.js';
import { parsePartialDate, startOf } from './partialDate.js';

/** What a record says about where it comes from. */
export interface ProvenanceFields {
  source?: string;
  paragraphs?: number[];
  certainty?: Certainty;
}

/** The provenance map every edge and event node carries. */
export interface Provenance {
  source: string | null;
  sources: string[];
  paragraphs: number[];
  certainty: Certainty;
}

/** Refuses paragraph numbers that are not whole numbers from 0, and a certainty outside the ontology. */
export function checkProvenance(record: ProvenanceFields, at: string): void {
  for (const p of record.paragraphs ?? []) {
    if (!Number.isInteger(p) || p < 0) throw invalid(`${at}.paragraphs: ${p} is not a paragraph number (0 or more)`, { at });
  }
  checkCertainty(record.certainty, `${at}.certainty`, at);
}

/** Refuses a certainty (or a date's certainty) outside the ontology's list. */
export function checkCertainty(certainty: string | undefined | null, field: string, at: string): void {
  if (certainty && !CERTAINTIES.includes(certainty as Certainty)) {
    throw invalid(`${field}: "${certainty}" is not one of ${CERTAINTIES.join(', ')}`, { at });
  }
}

/**
 * The provenance map of a record: `sourceId` (the Source node its SourceInput resolved to) wins
 * over a source id the record names itself; a record without a certainty is `stated`.
 */
export function provenanceOf(record: ProvenanceFields, sourceId?: string | null): Provenance {
  const source = sourceId ?? record.source ?? null;
  return {
    source,
    sources: source ? [source] : [],
    paragraphs: record.paragraphs ?? [],
    certainty: record.certainty ?? 'stated',
  };
}

/** Refuses a string that is not a PartialDate ("1795", "2006-02", "2020-10-01"). */
export function checkDate(value: string, at: string): void {
  const parsed = typeof value === 'string' ? parsePartialDate(value) : `${JSON.stringify(value)} is not a date string`;
  if (typeof parsed === 'string') throw invalid(`${at}: ${parsed}`, { at });
}

/** Checks an end date: valid, and not before the date it ends. */
export function checkEndDate(date: string | undefined, endDate: string | undefined, at: string): void {
  if (endDate === undefined || endDate === null) return;
  checkDate(endDate, `${at}.endDate`);
  if (!date) throw invalid(`${at}.endDate: an end date needs a date`, { at });
  if (startOf(endDate) < startOf(date)) throw invalid(`${at}.endDate: ${endDate} is before the date ${date}`, { at });
}
