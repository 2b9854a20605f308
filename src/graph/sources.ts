/**
 * Which Source node a SourceInput means. Two different sources are never one node: a source with
 * a url is identified by it; without one, by its whole title, publisher and date. A readable id
 * that would be cut (long titles) ends in a hash of the whole identity, and a record that
 * disagrees with the node its id names (another title, publisher, date or url) is refused.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '../db/driver.js';
import { DomainError, invalid } from './errors.js';
import { latinSlug, slugify } from './ids.js';
import type { EntityRecord, SourceRecord } from './records.js';
import { checkDate } from './provenance.js';

const MAX_SLUG = 80;
const FIELDS = ['title', 'publisher', 'url', 'publishedAt', 'language'] as const;

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** The readable id of a source from its identity; a slug that would be cut gets a hash of the whole. */
export function sourceIdOf(info: SourceRecord): string {
  const words = [info.publisher, info.publishedAt, info.title ?? info.url].filter(Boolean).join(' ');
  const whole = latinSlug(words);
  if (whole.length === 0 || whole.length <= MAX_SLUG) return `source:${slugify(words)}`;
  const identity = info.url ?? `${info.title ?? ''}\u0000${info.publisher ?? ''}\u0000${info.publishedAt ?? ''}`;
  return `source:${whole.slice(0, MAX_SLUG - 9).replace(/-+$/, '')}-${hash(identity)}`;
}

function check(info: SourceRecord, at: string): void {
  if (info.publishedAt) checkDate(info.publishedAt, `${at}.publishedAt`);
  if (!info.title && !info.url && !info.id) throw invalid(`${at}: give at least an id, a title or a url`, { at });
  if (info.id && !/^source:[a-z0-9]+(-[a-z0-9]+)*$/.test(info.id)) {
    throw invalid(`${at}.id: "${info.id}" is not a source id (source:<slug>)`, { at });
  }
}

/** A source named by its id alone: a reference to a source in the graph, never written. */
export type SourceEntity = EntityRecord & { referenceOnly?: boolean };

function isReference(info: SourceRecord): boolean {
  return Boolean(info.id) && FIELDS.every((key) => !info[key]);
}

function recordOf(id: string, info: SourceRecord): SourceEntity {
  const properties: Record<string, string> = {};
  for (const key of FIELDS) {
    const value = info[key];
    if (value) properties[key] = value;
  }
  return { id, kind: 'SOURCE', name: (info.title ?? info.url ?? info.id)!, properties, ...(isReference(info) ? { referenceOnly: true } : {}) };
}

/** The sources of a batch that are to be written (created, or filled in): not mere references. */
export function sourcesToWrite(sources: (SourceEntity | undefined)[]): EntityRecord[] {
  const list = sources.filter((s): s is SourceEntity => s !== undefined && !s.referenceOnly);
  return [...new Map(list.map(({ referenceOnly: _r, ...s }) => [s.id, s])).values()];
}

/**
 * The Source entity a SourceInput describes, checked, without looking at the graph: its id as
 * given or made from its identity (resolveSources also finds a known url and refuses conflicts).
 */
export function sourceEntity(info: SourceRecord, at = 'source'): EntityRecord {
  check(info, at);
  const { referenceOnly: _r, ...record } = recordOf(info.id ?? sourceIdOf(info), info);
  return record;
}

type Found = { id: string; kind: string; title?: string; publisher?: string; url?: string; publishedAt?: string };

/**
 * The Source entity of each input (undefined where there is none), its id found or made.
 * Refuses, before anything is written, a record whose id names a different source.
 */
export async function resolveSources(tx: Tx, infos: (SourceRecord | undefined)[], at: (i: number) => string): Promise<(SourceEntity | undefined)[]> {
  infos.forEach((info, i) => info && check(info, at(i)));
  const urls = [...new Set(infos.flatMap((info) => (info?.url && !info.id ? [info.url] : [])))];
  const byUrl = new Map<string, string>();
  if (urls.length > 0) {
    const found = await tx.run('UNWIND $urls AS url MATCH (s:Source {url: url}) RETURN url, min(s.id) AS id', { urls });
    for (const r of found.records) byUrl.set(r.get('url') as string, r.get('id') as string);
  }
  const wanted = infos.map((info) => (info ? info.id ?? (info.url && byUrl.get(info.url)) ?? sourceIdOf(info) : undefined));
  const ids = [...new Set(wanted.filter((id): id is string => id !== undefined))];
  const existing = new Map<string, Found>();
  if (ids.length > 0) {
    const found = await tx.run(
      'UNWIND $ids AS id MATCH (s:Entity {id: id}) RETURN s {.id, .kind, .title, .publisher, .url, .publishedAt} AS s',
      { ids },
    );
    for (const r of found.records) {
      const s = r.get('s') as Found;
      existing.set(s.id, s);
    }
  }
  /** Sources of this batch by id, so that two records of one batch are checked against each other. */
  const mine = new Map<string, SourceRecord>();
  return infos.map((info, i) => {
    if (!info) return undefined;
    let id = wanted[i]!;
    if (isReference(info) && !existing.has(id) && !mine.has(id)) {
      throw new DomainError('UNKNOWN_REFERENCE', `${at(i)}.id: no source has the id "${id}"; give its title (or url) to record a new one`, { at: `${at(i)}.id`, id });
    }
    const known = existing.get(id) ?? (mine.has(id) ? { id, kind: 'SOURCE', ...mine.get(id) } : undefined);
    // Another url under the same readable id is another source: its id carries the url's hash.
    if (known && !info.id && info.url && known.url && known.url !== info.url) {
      id = `${id.slice(0, 'source:'.length + MAX_SLUG - 9).replace(/-+$/, '')}-${hash(info.url)}`;
      const again = existing.get(id) ?? (mine.has(id) ? { id, kind: 'SOURCE', ...mine.get(id) } : undefined);
      if (again) conflicts(again, info, at(i));
    } else if (known) {
      conflicts(known, info, at(i));
    }
    if (!mine.has(id)) mine.set(id, info);
    return recordOf(id, info);
  });
}

/** Refuses a record that says something else than the source node its id names. */
function conflicts(known: Found, info: SourceRecord, at: string): void {
  if (known.kind !== 'SOURCE') throw invalid(`${at}: ${known.id} is a ${known.kind}, not a source`, { at });
  for (const key of ['title', 'publisher', 'url', 'publishedAt'] as const) {
    const mineValue = info[key];
    const theirs = known[key];
    if (mineValue && theirs && mineValue !== theirs) {
      throw invalid(
        `${at}: the source ${known.id} has ${key} "${theirs}", this record says "${mineValue}"; two different sources cannot share an id (give another id, or the same ${key})`,
        { at, sourceId: known.id, field: key },
      );
    }
  }
}
