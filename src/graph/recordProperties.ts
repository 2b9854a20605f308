/**
 * The free-form `properties` a record (an entity, a relation, a visit) may carry: scalars and
 * lists of one scalar type, dates as partial dates, and never the provenance keys, which are
 * written from the record's own fields.
 */
import { invalid } from './errors.js';
import { isPartialDate } from './partialDate.js';

const DATE_PROPERTIES = ['since', 'until', 'date', 'endDate'];
/** Provenance is written from the record's own fields, never from `properties`. */
const RESERVED_PROPERTIES = ['source', 'sources', 'paragraphs', 'certainty'];

export function checkProperties(properties: unknown, at: string): void {
  if (properties === undefined || properties === null) return;
  if (typeof properties !== 'object' || Array.isArray(properties)) throw invalid(`${at}.properties: expected an object`, { at });
  for (const [key, value] of Object.entries(properties)) {
    if (RESERVED_PROPERTIES.includes(key)) {
      throw invalid(`${at}.properties.${key}: provenance goes in the record's own source, paragraphs and certainty`, { at });
    }
    const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    const ok = scalar(value)
      || (Array.isArray(value) && value.every(scalar) && new Set(value.map((v) => typeof v)).size <= 1);
    if (!ok) throw invalid(`${at}.properties.${key}: only strings, numbers, booleans and lists of one of them can be stored`, { at });
    if (DATE_PROPERTIES.includes(key) && (typeof value !== 'string' || !isPartialDate(value))) {
      throw invalid(`${at}.properties.${key}: "${String(value)}" is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)`, { at });
    }
  }
  const { since, until } = properties as Record<string, unknown>;
  if (typeof since === 'string' && typeof until === 'string' && until < since.slice(0, until.length)) {
    throw invalid(`${at}.properties: until (${until}) is before since (${since})`, { at });
  }
}
