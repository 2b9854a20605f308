/** Checking an import file without a database: every record's problems that need no graph, with their lines. */
import { DomainError } from './errors.js';
import { failureOf, parseImport, type ImportEntry, type ImportFailure, type ImportRecord, type RecordValidator } from './importFile.js';
import { checkDate, checkEndDate, checkProvenance } from './provenance.js';
import type { EntityImport, MeetingRecord, RelationRecord, VisitRecord } from './records.js';
import { checkProperties } from './recordProperties.js';
import { checkType } from './writeRelations.js';

export interface CheckReport {
  records: number;
  /** Every problem found, each with the line its record starts on. */
  problems: ImportFailure[];
}

/** What a record can be refused for without looking at the graph: dates, ends, kinds, types. */
function checkRecordAlone(entry: ImportEntry, record: ImportRecord, trusted: boolean): void {
  if (entry.kind === 'relation') {
    const relation = record as RelationRecord;
    checkType(relation.type, 'input', trusted);
    checkProperties(relation.properties, 'input');
    return;
  }
  if (entry.kind === 'entity') {
    checkProperties((record as EntityImport).properties, 'input');
    return;
  }
  if (entry.kind === 'meeting') {
    const meeting = record as MeetingRecord;
    if (!meeting.by) throw new DomainError('INVALID_INPUT', 'input.by: a meeting outside a visit needs the person who held it');
    if (!meeting.date) throw new DomainError('INVALID_INPUT', 'input.date: a meeting outside a visit needs a date');
    checkDate(meeting.date, 'input.date');
    checkEndDate(meeting.date, meeting.endDate, 'input');
    return;
  }
  const visit = record as VisitRecord;
  checkDate(visit.date, 'input.date');
  checkEndDate(visit.date, visit.endDate, 'input');
  checkProvenance(visit, 'input');
  (visit.places ?? []).forEach((place, i) => {
    if (place.kind && !['CITY', 'PLACE', 'REGION'].includes(place.kind)) {
      throw new DomainError('INVALID_INPUT', `input.places[${i}]: a place is a CITY, PLACE or REGION, not a ${place.kind}`);
    }
  });
  (visit.meetings ?? []).forEach((meeting, i) => {
    const at = `input.meetings[${i}]`;
    if (meeting.date) checkDate(meeting.date, `${at}.date`);
    checkEndDate(meeting.date ?? visit.date, meeting.endDate, at);
    checkProvenance(meeting, at);
  });
  if (visit.sourceInfo?.publishedAt) checkDate(visit.sourceInfo.publishedAt, 'input.source.publishedAt');
}

/**
 * `npm run import -- --check FILE`: reads and checks every record as the importer would, with
 * its validator (the schema's input types) and the rules that need no graph (dates, end before start, until
 * before since, kinds of places, relationship types), and reports every problem with its line.
 * Writes nothing and needs no database; names are resolved only when the file is imported.
 */
export function checkImportText(text: string, options: { validate: RecordValidator; trusted?: boolean }): CheckReport {
  const { entries, failures } = parseImport(text);
  const problems = [...failures];
  for (const entry of entries) {
    try {
      checkRecordAlone(entry, options.validate(entry), options.trusted ?? false);
    } catch (error) {
      problems.push(failureOf(entry.line, error));
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { records: entries.length + failures.length, problems };
}

export function formatCheckReport(report: CheckReport): string {
  return [
    `${report.records} records checked, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} (nothing written)`,
    ...report.problems.map((f) => `  line ${f.line}: [${f.code}] ${f.reason}`),
  ].join('\n');
}
