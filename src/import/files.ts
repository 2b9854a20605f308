/**
 * Import files as the CLI, the seed, the connectors and the benches read them: the importer
 * (src/graph/import.ts) handed the API's own input coercion (src/graphql/inputs.ts), so a file's
 * record is checked exactly as the same record sent to a mutation.
 */
import type { Db } from '../db/driver.js';
import {
  importEntries as importEntriesWith,
  type ImportOptions,
  type ImportReport,
} from '../graph/import.js';
import { checkImportText as checkWith, type CheckReport } from '../graph/importCheck.js';
import { parseImport, type ImportEntry, type ImportFailure } from '../graph/importFile.js';
import { recordFromEntry } from '../graphql/inputs.js';

export { DEFAULT_BATCH_SIZE, formatReport } from '../graph/import.js';
export { formatCheckReport } from '../graph/importCheck.js';
export { parseImport } from '../graph/importFile.js';
export type { ImportReport } from '../graph/import.js';
export type { CheckReport } from '../graph/importCheck.js';
export type { ImportEntry, ImportFailure, ImportKind } from '../graph/importFile.js';

export type FileImportOptions = Omit<ImportOptions, 'validate'>;

/** Imports parsed entries (see src/graph/import.ts for the rules). */
export function importEntries(db: Db, parsed: { entries: ImportEntry[]; failures: ImportFailure[] }, options: FileImportOptions = {}): Promise<ImportReport> {
  return importEntriesWith(db, parsed, { ...options, validate: recordFromEntry });
}

/** Reads, parses and imports a file's text. */
export function importText(db: Db, text: string, options: FileImportOptions = {}): Promise<ImportReport> {
  return importEntries(db, parseImport(text), options);
}

/** Checks a file's text without a database (`npm run import -- --check`). */
export function checkImportText(text: string, options: { trusted?: boolean } = {}): CheckReport {
  return checkWith(text, { ...options, validate: recordFromEntry });
}
