/**
 * The bulk importer: import files through the same writers as the mutations (writeVisits,
 * writeRelations...), with the same retries (src/db/retry.ts). It is handed a RecordValidator
 * that turns a file's record into a writer's record (src/graphql/inputs.ts: the mutation's own
 * input coercion and mapping); src/import/files.ts binds the two for the CLI, seed and benches.
 *
 * Records (importFile.ts) are validated and mapped by the RecordValidator (against the API's
 * VisitInput / RelationInput...: required fields, enums, PartialDate), then written in batches of
 * consecutive records of one kind, in file order. A batch that fails is split in halves until
 * the failing records stand alone; each of those fails on its own, with its line number and
 * reason, and writes nothing. `strict` writes everything in one transaction, or nothing.
 */
import { TX_TIMEOUT_MS, type Db, type Tx } from '../db/driver.js';
import { writeRetrying } from '../db/retry.js';
import { DomainError } from './errors.js';
import { failureOf, isRecordError, parseImport, type ImportEntry, type ImportFailure, type ImportKind, type ImportRecord, type RecordValidator } from './importFile.js';
import { refreshGroupSummaries } from './groupSummaries.js';
import type { EntityImport, MeetingRecord, RelationRecord, VisitRecord } from './records.js';
import { settlePeople, type SettleJoinHeard } from './settlePeople.js';
import { ResolveCache } from './resolve.js';
import { Upkeep } from './upkeep.js';
import { writeRelations, type RelationWriteResult } from './writeRelations.js';
import { writeStandaloneMeetings, type MeetingWriteResult } from './writeMeetings.js';
import { writeVisits, type VisitWriteResult } from './writeVisits.js';
import { writeEntityRecords } from './writeEntities.js';
import { nameKeys } from './normalize.js';

export interface ImportReport {
  records: number;
  visits: { created: number; enriched: number; unchanged: number };
  relations: { created: number; updated: number; unchanged: number };
  /** Distinct entities created (people, countries, topics, sources, meetings...) and existing ones linked. */
  entities: { created: number; linked: number };
  /** Entity records ({"entity": ...}) written. */
  entityRecords: number;
  /** Standalone meetings ({"meeting": ...}): new, or already in the graph. */
  meetings: { created: number; unchanged: number };
  failed: ImportFailure[];
  /** People merged into another once the whole file was in (settlePeople). */
  settled: number;
  /** False in strict mode when a failure rolled everything back. */
  applied: boolean;
  /**
   * Set only when the group summaries could not be counted at the end: the records are written
   * all the same, neighbourhoods walk where no summary applies, and the next refresh counts them.
   */
  groupSummariesFailed?: string;
  strict: boolean;
  ms: number;
}

interface Prepared {
  line: number;
  kind: ImportKind;
  record: ImportRecord;
}

interface Outcome {
  visits: VisitWriteResult[];
  relations: RelationWriteResult[];
  entities: { created: string[]; written: string[] };
  meetings: MeetingWriteResult[];
}

const NO_ENTITIES = { created: [], written: [] };

/** How a batch is written: what the file is trusted with, and what is done once at the end of the run. */
interface BatchOptions {
  trusted?: boolean;
  structured?: boolean;
  upkeep?: Upkeep;
}

async function writeBatch(tx: Tx, batch: Prepared[], cache?: ResolveCache, { trusted = false, structured = false, upkeep }: BatchOptions = {}): Promise<Outcome> {
  cache?.discard(); // what an earlier, failed attempt learned
  const outcome: Outcome = { visits: [], relations: [], entities: NO_ENTITIES, meetings: [] };
  const records = batch.map((p) => p.record);
  const mentions = !structured;
  switch (batch[0]!.kind) {
    case 'visit':
      outcome.visits = await writeVisits(tx, records as VisitRecord[], { status: true, cache, upkeep, mentions });
      break;
    case 'relation':
      // Structural types (the visit model's own edges) only from a trusted file.
      outcome.relations = await writeRelations(tx, records as RelationRecord[], { cache, allowStructural: trusted, upkeep, mentions });
      break;
    case 'entity':
      outcome.entities = await writeEntityRecords(tx, records as EntityImport[], { trusted, mentions });
      // Names just written may answer lookups the cache holds.
      for (const record of records as EntityImport[]) cache?.touch(nameKeys(record));
      break;
    case 'meeting':
      outcome.meetings = await writeStandaloneMeetings(tx, records as MeetingRecord[], { mentions });
      break;
  }
  return outcome;
}

function written(outcome: Outcome): number {
  return outcome.visits.length + outcome.relations.length + outcome.entities.written.length + outcome.meetings.length;
}

/** Consecutive records of one kind, at most `size` each, in file order. */
function batchesOf(prepared: Prepared[], size: number): Prepared[][] {
  const batches: Prepared[][] = [];
  for (const p of prepared) {
    const last = batches[batches.length - 1];
    if (last && last.length < size && last[0]!.kind === p.kind) last.push(p);
    else batches.push([p]);
  }
  return batches;
}

/** Records per transaction unless told otherwise. */
export const DEFAULT_BATCH_SIZE = 500;

export interface ImportOptions {
  /** Turns each record into the writers' record (see RecordValidator). */
  validate: RecordValidator;
  /** Records per transaction (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
  /** All or nothing: one transaction for the whole file. */
  strict?: boolean;
  /** Called after each batch with the number of records done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * A trusted file (the article data that `npm run seed` loads, or `npm run import -- --trusted`)
   * may write the visit model's structural relations and states its entities with authority.
   */
  trusted?: boolean;
  /**
   * A structured dataset (the Office of the Historian's records): every fact cites its record's
   * page, and the pages do not MENTIONS what the records name (ONTOLOGY.md, "Sources").
   */
  structured?: boolean;
  /**
   * Once the whole file is in, apply the person rules again with everything it brought
   * (src/graph/settlePeople.ts): `npm run import` does.
   */
  settlePeople?: boolean;
  /** Hears of each join the settle step makes, with its rule (for reading them by hand: bench/hsg/import.ts). */
  onSettle?: (join: SettleJoinHeard) => void;
}

class Rollback extends Error {}

/** Step 1: each entry checked and mapped by the validator; an entry it refuses fails on its own line. */
function prepareEntries(entries: ImportEntry[], validate: RecordValidator, failed: ImportFailure[]): Prepared[] {
  const prepared: Prepared[] = [];
  for (const entry of entries) {
    try {
      prepared.push({ line: entry.line, kind: entry.kind, record: validate(entry) });
    } catch (error) {
      if (!isRecordError(error)) throw error;
      failed.push(failureOf(entry.line, error));
    }
  }
  return prepared;
}

/** The report as batches commit: counts, and the distinct entities created and linked. */
class ReportTally {
  readonly report: ImportReport;
  private readonly createdIds = new Set<string>();
  private readonly linkedIds = new Set<string>();
  /** Records done (written, or failed), for onProgress. */
  done: number;

  constructor(readonly total: number, failed: ImportFailure[], strict: boolean, private readonly onProgress?: (done: number, total: number) => void) {
    this.report = {
      records: total,
      visits: { created: 0, enriched: 0, unchanged: 0 },
      relations: { created: 0, updated: 0, unchanged: 0 },
      entities: { created: 0, linked: 0 },
      entityRecords: 0,
      meetings: { created: 0, unchanged: 0 },
      failed,
      settled: 0,
      applied: true,
      strict,
      ms: 0,
    };
    this.done = failed.length;
  }

  progress(records: number): void {
    this.done += records;
    this.onProgress?.(this.done, this.total);
  }

  add(outcome: Outcome): void {
    const { report, createdIds, linkedIds } = this;
    report.entityRecords += outcome.entities.written.length;
    outcome.entities.created.forEach((id) => createdIds.add(id));
    outcome.entities.written.forEach((id) => linkedIds.add(id));
    for (const m of outcome.meetings) {
      report.meetings[m.created.includes(m.meetingId) ? 'created' : 'unchanged'] += 1;
      m.created.forEach((id) => createdIds.add(id));
      m.linked.forEach((id) => linkedIds.add(id));
    }
    for (const v of outcome.visits) {
      report.visits[v.status ?? 'created'] += 1;
      v.created.forEach((id) => createdIds.add(id));
      v.linked.forEach((id) => linkedIds.add(id));
    }
    for (const r of outcome.relations) {
      if (!r.updated) report.relations.created += 1;
      else if (r.changed) report.relations.updated += 1;
      else report.relations.unchanged += 1;
      r.created.forEach((id) => createdIds.add(id));
      for (const id of [r.fromId, r.toId]) if (!r.created.includes(id)) linkedIds.add(id);
    }
  }

  finish(started: number): ImportReport {
    for (const id of this.createdIds) this.linkedIds.delete(id);
    this.report.entities = { created: this.createdIds.size, linked: this.linkedIds.size };
    this.report.failed.sort((a, b) => a.line - b.line);
    this.report.ms = Math.round(performance.now() - started);
    return this.report;
  }
}

/** Strict: every batch in one transaction, or nothing; on failure, the first failing record is found and reported. */
async function importAllOrNothing(db: Db, batches: Prepared[][], options: ImportOptions, tally: ReportTally): Promise<void> {
  const { report } = tally;
  if (report.failed.length > 0) {
    report.applied = false;
    return;
  }
  const outcomes: Outcome[] = [];
  const before = tally.done;
  try {
    await writeRetrying(db, async (tx) => {
      outcomes.length = 0;
      const upkeep = new Upkeep();
      for (const batch of batches) {
        outcomes.push(await writeBatch(tx, batch, undefined, { ...options, upkeep }));
        options.onProgress?.(before + outcomes.reduce((n, o) => n + written(o), 0), tally.total);
      }
      await upkeep.apply(tx);
      if (options.settlePeople) report.settled = await settlePeople(tx, options.onSettle);
    }, { timeoutMs: TX_TIMEOUT_MS.import * Math.max(1, batches.length) });
  } catch (error) {
    if (!isRecordError(error)) throw error;
    report.applied = false;
    report.failed.push(await locateFailure(db, batches, error, options));
    return;
  }
  outcomes.forEach((outcome) => tally.add(outcome));
}

/**
 * One transaction per batch. A batch that fails is split in halves, down to the records that
 * fail on their own. Names are resolved once per run (the cache keeps only what committed
 * batches learned); tours, precedents and people are brought up to date once, at the end.
 */
async function importBatchByBatch(db: Db, batches: Prepared[][], options: ImportOptions, tally: ReportTally): Promise<void> {
  const cache = new ResolveCache();
  const upkeep = new Upkeep();
  const run = async (batch: Prepared[]): Promise<void> => {
    try {
      let noted = new Upkeep();
      const outcome = await writeRetrying(db, (tx) => {
        noted = new Upkeep();
        return writeBatch(tx, batch, cache, { ...options, upkeep: noted });
      }, { timeoutMs: TX_TIMEOUT_MS.import });
      upkeep.absorb(noted);
      cache.commit();
      tally.add(outcome);
      tally.progress(batch.length);
    } catch (error) {
      cache.discard();
      if (!isRecordError(error)) throw error;
      if (batch.length === 1) {
        tally.report.failed.push(failureOf(batch[0]!.line, error));
        tally.progress(1);
        return;
      }
      const middle = Math.ceil(batch.length / 2);
      await run(batch.slice(0, middle));
      await run(batch.slice(middle));
    }
  };
  for (const batch of batches) await run(batch);
  if (!upkeep.empty) await writeRetrying(db, (tx) => upkeep.apply(tx), { timeoutMs: TX_TIMEOUT_MS.import });
  if (options.settlePeople) tally.report.settled = await writeRetrying(db, (tx) => settlePeople(tx, options.onSettle), { timeoutMs: TX_TIMEOUT_MS.import });
}

/** Imports parsed entries through the writers; see the module comment for the rules. */
export async function importEntries(db: Db, parsed: { entries: ImportEntry[]; failures: ImportFailure[] }, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const failed: ImportFailure[] = [...parsed.failures];
  const prepared = prepareEntries(parsed.entries, options.validate, failed);
  const total = parsed.entries.length + parsed.failures.length;
  const tally = new ReportTally(total, failed, options.strict ?? false, options.onProgress);
  tally.progress(0);
  const batches = batchesOf(prepared, Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE));
  if (options.strict) await importAllOrNothing(db, batches, options, tally);
  else await importBatchByBatch(db, batches, options, tally);
  // Dense nodes' group summaries, once for the whole import (a process of its own has no keeper).
  let summariesFailed: string | undefined;
  try {
    await refreshGroupSummaries(db);
  } catch (error) {
    summariesFailed = (error as Error).message;
  }
  const report = tally.finish(started);
  return summariesFailed === undefined ? report : { ...report, groupSummariesFailed: summariesFailed };
}

/**
 * Strict mode failed: finds the first failing record by replaying the file in one transaction
 * that is always rolled back (earlier batches whole, then the failing one record by record).
 */
async function locateFailure(db: Db, batches: Prepared[][], original: unknown, options: BatchOptions): Promise<ImportFailure> {
  let found: ImportFailure | undefined;
  try {
    await db.write(async (tx) => {
      for (const batch of batches) {
        try {
          await writeBatch(tx, batch, undefined, options);
          continue;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
        // Resolution and validation errors are raised before the batch writes anything, so the
        // transaction is still usable: try its records one by one.
        for (const p of batch) {
          try {
            await writeBatch(tx, [p], undefined, options);
          } catch (error) {
            found = failureOf(p.line, error);
            throw new Rollback();
          }
        }
      }
      throw new Rollback();
    }, { timeoutMs: TX_TIMEOUT_MS.import * Math.max(1, batches.length) });
  } catch (error) {
    if (!(error instanceof Rollback) && !found) found = failureOf(batches[0]?.[0]?.line ?? 0, error);
  }
  return found ?? failureOf(0, original);
}

/** Reads, parses and imports a file's text. */
export async function importText(db: Db, text: string, options: ImportOptions): Promise<ImportReport> {
  return importEntries(db, parseImport(text), options);
}

/** The report in words, for the terminal. */
export function formatReport(report: ImportReport): string {
  const lines = [
    `${report.records} records in ${(report.ms / 1000).toFixed(1)} s${report.strict ? ' (strict: all or nothing)' : ''}${report.applied ? '' : ' — NOTHING WRITTEN'}`,
    `visits:    ${report.visits.created} created, ${report.visits.enriched} enriched (linked to an existing visit), ${report.visits.unchanged} unchanged`,
    `relations: ${report.relations.created} created, ${report.relations.updated} updated, ${report.relations.unchanged} unchanged`,
    `entities:  ${report.entities.created} created, ${report.entities.linked} existing linked`,
    ...(report.entityRecords + report.meetings.created + report.meetings.unchanged > 0
      ? [`records:   ${report.entityRecords} entity records written, ${report.meetings.created} meetings created, ${report.meetings.unchanged} already known`]
      : []),
    ...(report.settled > 0 ? [`people:    ${report.settled} joined to another once the whole file was in`] : []),
    `failed:    ${report.failed.length}`,
    ...report.failed.map((f) => `  line ${f.line}: [${f.code}] ${f.reason}`),
    ...(report.groupSummariesFailed
      ? [`summaries: not counted (${report.groupSummariesFailed}); the records are written, and \`npm run summaries\` counts them`]
      : []),
  ];
  return lines.join('\n');
}
