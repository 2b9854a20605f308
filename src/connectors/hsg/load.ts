/**
 * Loading the Office of the Historian's records: read the files, map them to import records,
 * write them through the importer. Idempotent: the same files again change nothing. The
 * version loaded (a hash of the files) is kept on a marker source, so the start-up load runs
 * only when the data is absent or changed. A newer version updates by record id: what the
 * earlier one wrote and this one no longer states is removed, unless another source supports it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config.js';
import { cypher } from '../../db/cypher.js';
import { TX_TIMEOUT_MS, type Db } from '../../db/driver.js';
import { importEntries, type ImportEntry, type ImportReport } from '../../import/files.js';
import { linkPrecedents } from '../../graph/upkeep.js';
import { hsgRecords, SITE, type HsgRecords } from './map.js';
import { readHsg } from './read.js';

/** The copy shipped with the project. */
export const HSG_DIR = path.join(PROJECT_ROOT, 'data', 'hsg');
const MARKER = 'source:office-of-the-historian-travels-and-visits';

export interface HsgReport {
  import: ImportReport;
  counts: HsgRecords['counts'];
  /** Visits written again without the meetings read from their remarks, after those failed. */
  withoutMeetings: number;
  /** Visits and meetings an earlier version stated and this one does not: removed, or kept where another source supports them. */
  superseded: { removed: number; kept: number };
  version: string;
}

/** A hash of every XML file under the folder: what tells one version of the data from another. */
export function hsgVersion(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.xml')) hash.update(name).update(readFileSync(file));
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

export interface HsgLoadOptions {
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

export async function importHsg(db: Db, dir = HSG_DIR, options: HsgLoadOptions = {}): Promise<HsgReport> {
  const version = hsgVersion(dir);
  const data = readHsg(dir);
  const records = hsgRecords(data, version);
  const report = await importEntries(db, { entries: records.entries, failures: [] }, { batchSize: options.batchSize ?? 250, onProgress: options.onProgress, structured: true, settlePeople: true });
  // A name in a remark that fits several people fails its visit: the visit is still worth
  // having, so it is written again without the meetings read from the remark.
  const failedLines = new Set(report.failed.map((f) => f.line));
  const retry: ImportEntry[] = records.entries
    .filter((e) => failedLines.has(e.line) && e.kind === 'visit' && ((e.value as { meetings?: unknown[] }).meetings ?? []).length > 0)
    .map((e) => ({ ...e, value: { ...(e.value as object), meetings: [] } }));
  let withoutMeetings = 0;
  if (retry.length > 0) {
    const second = await importEntries(db, { entries: retry, failures: [] }, { batchSize: 50, structured: true });
    const stillFailed = new Set(second.failed.map((f) => f.line));
    withoutMeetings = retry.length - stillFailed.size;
    report.failed = report.failed.filter((f) => !failedLines.has(f.line) || stillFailed.has(f.line) || !retry.some((r) => r.line === f.line));
    report.visits.created += second.visits.created;
    report.visits.enriched += second.visits.enriched;
    report.visits.unchanged += second.visits.unchanged;
  }
  const stillFailedIds = report.failed.flatMap((f) => {
    const entry = records.entries.find((e) => e.line === f.line);
    return ((entry?.value as { properties?: { hsgIds?: string[] } } | undefined)?.properties?.hsgIds) ?? [];
  });
  const superseded = await sweepSuperseded(db, version, stillFailedIds, records.tourIds);
  await db.write((tx) => tx.run(cypher('write/hsg-marker'), { id: MARKER, name: 'Office of the Historian: travels of presidents and secretaries of state, visits of foreign leaders', url: 'https://history.state.gov/departmenthistory', version, commits: data.commits }));
  return { import: report, counts: records.counts, withoutMeetings, superseded, version };
}

/** Removes what earlier versions stated and this one does not (one transaction), and links the precedents it touched again. */
async function sweepSuperseded(db: Db, version: string, failedIds: string[], tourIds: string[]): Promise<HsgReport['superseded']> {
  return db.write(async (tx) => {
    const result = await tx.run(cypher('write/hsg-sweep'), { version, failedIds, tourIds, site: SITE });
    const pairs = result.records.flatMap((r) => {
      const hostId = r.get('hostId') as string | null;
      return hostId ? (r.get('postIds') as string[]).map((postId) => ({ hostId, postId })) : [];
    });
    await linkPrecedents(tx, { pairs });
    const first = result.records[0];
    return { removed: Number(first?.get('removed') ?? 0), kept: Number(first?.get('kept') ?? 0) };
  }, { timeoutMs: TX_TIMEOUT_MS.import }); // part of the import: it may touch every record of the data
}

/** Loads the shipped copy when the graph lacks it or holds another version. */
export async function ensureHsg(db: Db, options: HsgLoadOptions = {}): Promise<HsgReport | undefined> {
  const version = hsgVersion(HSG_DIR);
  const stored = await db.read(async (tx) => {
    const result = await tx.run('MATCH (s:Source {id: $id}) RETURN s.hsgVersion AS version', { id: MARKER });
    return result.records[0]?.get('version') as string | undefined;
  });
  if (stored === version) return undefined;
  return importHsg(db, HSG_DIR, options);
}

export function formatHsgReport(report: HsgReport): string {
  const c = report.counts;
  return [
    `Office of the Historian data ${report.version}: ${c.tripRecords} trip records (${c.trips} trips once duplicates are folded), ${c.visits} visits to the US, ${c.terms} terms, ${c.countries} countries, ${c.tours} tours (derived), ${c.events} conferences attended`,
    ...(report.withoutMeetings > 0 ? [`${report.withoutMeetings} visits written without the meetings read from their remarks (a name there fits several people)`] : []),
    ...(report.superseded.removed + report.superseded.kept > 0
      ? [`${report.superseded.removed} visits and meetings of an earlier version removed (no longer stated), ${report.superseded.kept} kept for the other sources that support them`]
      : []),
  ].join('\n');
}
