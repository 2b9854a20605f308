/**
 * Import files, read: the records they hold, each with the line it starts on, and the failures
 * of a record as the importer and the checker report them.
 *
 * Import files hold GraphQL inputs exactly as a client would send them as variables:
 *   - a JSON array, or NDJSON (one JSON value per line; blank lines and lines starting with
 *     `//` are skipped);
 *   - each record is `{"visit": VisitInput}` or `{"relation": RelationInput}`; a bare object with
 *     a `traveler` is read as a VisitInput;
 *   - enum values are written as in GraphQL: "PERSON", "STATED".
 */
import { Neo4jError } from 'neo4j-driver';
import { DomainError } from './errors.js';
import type { EntityImport, MeetingRecord, RelationRecord, SourceRecord, VisitRecord } from './records.js';

export type ImportKind = 'visit' | 'relation' | 'entity' | 'meeting';

export interface ImportEntry {
  /** 1-based line where the record starts in the file. */
  line: number;
  kind: ImportKind;
  value: unknown;
}

export interface ImportFailure {
  line: number;
  reason: string;
  /** BAD_USER_INPUT-style reason: INVALID_INPUT, AMBIGUOUS_REFERENCE, UNKNOWN_REFERENCE, PARSE_ERROR... */
  code: string;
  candidates?: unknown;
}

function classify(value: unknown): ImportKind | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if ('visit' in v && Object.keys(v).length === 1) return 'visit';
  if ('relation' in v && Object.keys(v).length === 1) return 'relation';
  if ('entity' in v && Object.keys(v).length === 1) return 'entity';
  if ('meeting' in v && Object.keys(v).length === 1) return 'meeting';
  if ('traveler' in v) return 'visit';
  return undefined;
}

function unwrap(kind: ImportKind, value: unknown): unknown {
  const v = value as Record<string, unknown>;
  return kind in v && Object.keys(v).length === 1 ? v[kind] : v;
}

/** The 1-based line of each top-level element of a JSON array text. */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  let expectValue = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '\n') line += 1;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (depth === 1 && expectValue && c !== ']') {
      lines.push(line);
      expectValue = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth += 1;
      if (depth === 1) expectValue = true;
    } else if (c === ']' || c === '}') depth -= 1;
    else if (c === ',' && depth === 1) expectValue = true;
  }
  return lines;
}

/** Reads a JSON array or NDJSON text into entries; unreadable records become failures. */
export function parseImport(text: string): { entries: ImportEntry[]; failures: ImportFailure[] } {
  const entries: ImportEntry[] = [];
  const failures: ImportFailure[] = [];
  const add = (line: number, value: unknown) => {
    const kind = classify(value);
    if (!kind) {
      failures.push({ line, code: 'INVALID_INPUT', reason: 'a record is {"visit": {...}}, {"relation": {...}} or a VisitInput object (with a traveler)' });
    } else {
      entries.push({ line, kind, value: unwrap(kind, value) });
    }
  };
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) {
    let values: unknown[];
    try {
      values = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      failures.push({ line: 1, code: 'PARSE_ERROR', reason: `the file is not valid JSON: ${(error as Error).message}` });
      return { entries, failures };
    }
    const offset = text.length - text.replace(/^\uFEFF/, '').trimStart().length;
    const skippedLines = text.slice(0, offset).split('\n').length - 1;
    const lines = arrayElementLines(trimmed);
    values.forEach((value, i) => add((lines[i] ?? 1) + skippedLines, value));
    return { entries, failures };
  }
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      failures.push({ line: i + 1, code: 'PARSE_ERROR', reason: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    add(i + 1, value);
  });
  return { entries, failures };
}

/** What a record of a file becomes for the writers. */
export type ImportRecord = VisitRecord | (RelationRecord & { sourceInfo?: SourceRecord }) | EntityImport | MeetingRecord;

/**
 * Checks a file's record and maps it to the writers' record; throws a DomainError (INVALID_INPUT)
 * naming what is wrong. The API's input coercion is one (src/graphql/inputs.ts, recordFromEntry).
 */
export type RecordValidator = (entry: ImportEntry) => ImportRecord;

export function failureOf(line: number, error: unknown): ImportFailure {
  if (error instanceof DomainError) {
    return { line, code: error.reason, reason: error.message, ...(error.details.candidates ? { candidates: error.details.candidates } : {}) };
  }
  if (error instanceof Neo4jError) return { line, code: error.code, reason: error.message.split('\n')[0]! };
  return { line, code: 'ERROR', reason: (error as Error).message ?? String(error) };
}

/** Errors that belong to the records (bad input, or a database refusal), not to the database being away. */
export function isRecordError(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  return error instanceof Neo4jError && error.code.startsWith('Neo.ClientError.') && !error.code.startsWith('Neo.ClientError.Security');
}
