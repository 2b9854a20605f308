/**
 * Writing visits: resolve every reference, create what is new, write the visit event with its
 * meetings and the direct VISITED/MET edges, then keep tours and precedents true. A batch of any
 * size costs a fixed handful of statements, all inside the caller's one transaction.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { invalid } from './errors.js';
import { entityId, meetingId, visitId } from './ids.js';
import { nameKeys } from './normalize.js';
import { CERTAINTIES, type Certainty } from './ontology.js';
import { endOf, parsePartialDate, startOf } from './partialDate.js';
import type { EntityRecord, EntityRef, MeetingRecord, SourceRecord, VisitRecord } from './records.js';
import { refFromString, resolveRefs, type RefRequest } from './resolve.js';
import { upsertEntities } from './writeEntities.js';
import { writeMentions, type Mention } from './writeMentions.js';

export interface VisitWriteResult {
  visitId: string;
  /** Ids of entities this write created (the visit and its meetings included when new). */
  created: string[];
  /** Ids of existing entities the visit was attached to. */
  linked: string[];
}

export interface MeetingWriteResult {
  meetingId: string;
  created: string[];
  linked: string[];
}

function checkDate(value: string, at: string): void {
  const parsed = parsePartialDate(value);
  if (typeof parsed === 'string') throw invalid(`${at}: ${parsed}`);
}

function checkProvenance(record: { paragraphs?: number[]; certainty?: Certainty }, at: string): void {
  for (const p of record.paragraphs ?? []) {
    if (!Number.isInteger(p) || p < 0) throw invalid(`${at}.paragraphs: ${p} is not a paragraph number (0 or more)`);
  }
  if (record.certainty && !CERTAINTIES.includes(record.certainty)) {
    throw invalid(`${at}.certainty: "${record.certainty}" is not one of ${CERTAINTIES.join(', ')}`);
  }
}

/** The Source entity a SourceInput names or describes. */
export function sourceEntity(info: SourceRecord): EntityRecord {
  if (info.publishedAt) checkDate(info.publishedAt, 'source.publishedAt');
  const name = info.title ?? info.url ?? info.id;
  if (!name) throw invalid('source: give at least an id, a title or a url');
  const id = info.id ?? entityId('SOURCE', [info.publisher, info.publishedAt, info.title ?? info.url].filter(Boolean).join(' '));
  const properties: Record<string, string> = {};
  for (const key of ['title', 'publisher', 'url', 'publishedAt', 'language'] as const) {
    const value = info[key];
    if (value) properties[key] = value;
  }
  return { id, kind: 'SOURCE', name, properties };
}

/** Collects every reference of a batch, remembering where each one's answer goes. */
class RefCollector {
  readonly requests: RefRequest[] = [];
  add(ref: EntityRef, at: string, label?: string): number {
    this.requests.push({ ref, at, label });
    return this.requests.length - 1;
  }
}

interface PlannedMeeting {
  record: MeetingRecord;
  at: string;
  by: number;
  with: number[];
  attendees: number[];
  city?: number;
  place?: number;
  topics: number[];
}

interface PlannedVisit {
  record: VisitRecord;
  at: string;
  traveler: number;
  host: number;
  city?: number;
  tour?: number;
  topics: number[];
  meetings: PlannedMeeting[];
}

function planMeeting(refs: RefCollector, record: MeetingRecord, at: string, by: number): PlannedMeeting {
  if (record.date) checkDate(record.date, `${at}.date`);
  checkProvenance(record, at);
  if (!record.with || record.with.length === 0) throw invalid(`${at}.with: name at least one person met`);
  return {
    record,
    at,
    by,
    with: record.with.map((ref, i) => refs.add(ref, `${at}.with[${i}]`)),
    attendees: (record.attendees ?? []).map((ref, i) => refs.add(ref, `${at}.attendees[${i}]`)),
    city: record.city ? refs.add(record.city, `${at}.city`) : undefined,
    place: record.place ? refs.add(record.place, `${at}.place`) : undefined,
    topics: (record.topics ?? []).map((t, i) => refs.add(refFromString(t, 'TOPIC'), `${at}.topics[${i}]`)),
  };
}

function provenanceOf(record: { source?: string; paragraphs?: number[]; certainty?: Certainty }, sourceId: string | undefined) {
  const source = sourceId ?? record.source ?? null;
  return {
    source,
    sources: source ? [source] : [],
    paragraphs: record.paragraphs ?? [],
    certainty: record.certainty ?? 'stated',
  };
}

function meetingRow(m: PlannedMeeting, ids: string[], index: number, visitIdValue: string | null, visitDate: string | undefined, sourceId: string | undefined) {
  const date = m.record.date ?? visitDate;
  if (!date) throw invalid(`${m.at}.date: a meeting outside a visit needs a date`);
  const byId = ids[m.by]!;
  const withIds = m.with.map((i) => ids[i]!);
  const name = m.record.name ?? `Meeting of ${[byId, ...withIds].join(', ')} on ${date}`;
  return {
    index,
    id: m.record.id ?? meetingId([byId, ...withIds], date),
    visitId: visitIdValue,
    byId,
    withIds,
    attendeeIds: m.attendees.map((i) => ids[i]!),
    cityId: m.city === undefined ? null : ids[m.city]!,
    placeId: m.place === undefined ? null : ids[m.place]!,
    topicIds: m.topics.map((i) => ids[i]!),
    name,
    nameKeys: nameKeys({ name }),
    summary: m.record.summary ?? null,
    date,
    dateStart: startOf(date),
    dateEnd: endOf(date),
    prov: provenanceOf(m.record, sourceId),
    properties: m.record.properties ?? {},
  };
}

async function writeMeetingRows(tx: Tx, rows: ReturnType<typeof meetingRow>[]) {
  if (rows.length === 0) return [];
  const result = await tx.run(cypher('write/write-meetings'), { meetings: rows });
  return result.records.map((r) => ({ index: r.get('index') as number, meetingId: r.get('meetingId') as string, created: r.get('created') as boolean }));
}

/** The entity names of every input get display names that read well ("Mark Esper in Algeria"). */
async function displayNames(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const result = await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.name AS name', { ids: [...new Set(ids)] });
  return new Map(result.records.map((r) => [r.get('id') as string, r.get('name') as string]));
}

export async function writeVisits(tx: Tx, records: VisitRecord[]): Promise<VisitWriteResult[]> {
  const refs = new RefCollector();
  const sources: (EntityRecord | undefined)[] = [];
  const plans: PlannedVisit[] = records.map((record, index) => {
    const at = records.length === 1 ? 'input' : `visits[${index}]`;
    checkDate(record.date, `${at}.date`);
    checkProvenance(record, at);
    sources[index] = record.sourceInfo ? sourceEntity(record.sourceInfo) : undefined;
    const traveler = refs.add(record.traveler, `${at}.traveler`);
    return {
      record,
      at,
      traveler,
      host: refs.add(record.host, `${at}.host`),
      city: record.city ? refs.add(record.city, `${at}.city`) : undefined,
      tour: record.tour ? refs.add(refFromString(record.tour, 'EVENT'), `${at}.tour`, 'Tour') : undefined,
      topics: (record.topics ?? []).map((t, i) => refs.add(refFromString(t, 'TOPIC'), `${at}.topics[${i}]`)),
      meetings: (record.meetings ?? []).map((m, i) => planMeeting(refs, m, `${at}.meetings[${i}]`, traveler)),
    };
  });

  const { resolved, toCreate } = await resolveRefs(tx, refs.requests);
  const ids = resolved.map((r) => r.id);
  const newSources = sources.filter((s): s is EntityRecord => s !== undefined);
  const createdIds = await upsertEntities(tx, [...toCreate, ...newSources], 'fill');
  const names = await displayNames(tx, ids);

  const visitRows = plans.map((plan, index) => {
    const travelerId = ids[plan.traveler]!;
    const hostId = ids[plan.host]!;
    const { record } = plan;
    const name = record.name ?? `${names.get(travelerId) ?? travelerId} in ${names.get(hostId) ?? hostId}, ${record.date}`;
    return {
      index,
      id: record.id ?? visitId(travelerId, hostId, record.date),
      travelerId,
      hostId,
      cityId: plan.city === undefined ? null : ids[plan.city]!,
      tourId: plan.tour === undefined ? null : ids[plan.tour]!,
      topicIds: plan.topics.map((i) => ids[i]!),
      name,
      nameKeys: nameKeys({ name }),
      summary: record.summary ?? null,
      purpose: record.purpose ?? null,
      date: record.date,
      dateStart: startOf(record.date),
      dateEnd: endOf(record.date),
      dateCertainty: record.dateCertainty ?? null,
      prov: provenanceOf(record, sources[index]?.id),
      properties: record.properties ?? {},
    };
  });
  const visitResult = await tx.run(cypher('write/write-visits'), { visits: visitRows });
  const visitIds: string[] = [];
  const visitCreated: boolean[] = [];
  for (const r of visitResult.records) {
    visitIds[r.get('index') as number] = r.get('visitId') as string;
    visitCreated[r.get('index') as number] = r.get('created') as boolean;
  }

  const meetingRows = plans.flatMap((plan, v) =>
    plan.meetings.map((m) => ({ visit: v, row: meetingRow(m, ids, 0, visitIds[v]!, plan.record.date, sources[v]?.id) })),
  );
  meetingRows.forEach((entry, i) => (entry.row.index = i));
  const meetingResults = await writeMeetingRows(tx, meetingRows.map((e) => e.row));

  const mentions: Mention[] = [];
  plans.forEach((plan, v) => {
    const sourceId = sources[v]?.id ?? plan.record.source;
    if (!sourceId) return;
    const paragraphs = plan.record.paragraphs ?? [];
    const own = [plan.traveler, plan.host, plan.city, plan.tour, ...plan.topics].filter((i): i is number => i !== undefined);
    for (const i of own) mentions.push({ sourceId, entityId: ids[i]!, paragraphs });
    mentions.push({ sourceId, entityId: visitIds[v]!, paragraphs });
    for (const m of plan.meetings) {
      const mParagraphs = m.record.paragraphs ?? paragraphs;
      for (const i of [...m.with, ...m.attendees, ...m.topics, m.city, m.place]) {
        if (i !== undefined) mentions.push({ sourceId, entityId: ids[i]!, paragraphs: mParagraphs });
      }
    }
  });
  meetingRows.forEach((entry, i) => {
    const sourceId = sources[entry.visit]?.id ?? plans[entry.visit]!.record.source;
    const result = meetingResults.find((r) => r.index === i);
    if (sourceId && result) mentions.push({ sourceId, entityId: result.meetingId, paragraphs: entry.row.prov.paragraphs });
  });
  await writeMentions(tx, mentions);

  const tourIds = [...new Set(visitRows.map((r) => r.tourId).filter((t): t is string => t !== null))];
  if (tourIds.length > 0) await tx.run(cypher('write/link-tours'), { tourIds });
  await linkPrecedents(tx, visitRows.map((r) => ({ hostId: r.hostId, dateStart: r.dateStart })));

  return plans.map((plan, v) => {
    const created = new Set<string>();
    const linked = new Set<string>();
    const mine = [plan.traveler, plan.host, plan.city, plan.tour, ...plan.topics,
      ...plan.meetings.flatMap((m) => [...m.with, ...m.attendees, ...m.topics, m.city, m.place])]
      .filter((i): i is number => i !== undefined);
    for (const i of mine) (createdIds.has(ids[i]!) ? created : linked).add(ids[i]!);
    const source = sources[v];
    if (source) (createdIds.has(source.id) ? created : linked).add(source.id);
    if (visitCreated[v]) created.add(visitIds[v]!);
    meetingRows.forEach((entry, i) => {
      const result = meetingResults.find((r) => r.index === i);
      if (entry.visit === v && result?.created) created.add(result.meetingId);
    });
    return { visitId: visitIds[v]!, created: [...created], linked: [...linked].filter((id) => !created.has(id)) };
  });
}

/** Recomputes PRECEDED_BY for the hosts touched, from the earliest new date on. */
export async function linkPrecedents(tx: Tx, touched: { hostId: string; dateStart: string }[]): Promise<void> {
  const since = new Map<string, string>();
  for (const { hostId, dateStart } of touched) {
    const current = since.get(hostId);
    if (current === undefined || dateStart < current) since.set(hostId, dateStart);
  }
  if (since.size === 0) return;
  await tx.run(cypher('write/link-precedents'), { hosts: [...since].map(([hostId, s]) => ({ hostId, since: s })) });
}

/** Meetings that belong to no visit (e.g. an archive photo's meeting), with `by` as host. */
export async function writeStandaloneMeetings(tx: Tx, records: MeetingRecord[]): Promise<MeetingWriteResult[]> {
  const refs = new RefCollector();
  const plans = records.map((record, i) => {
    const at = records.length === 1 ? 'input' : `meetings[${i}]`;
    if (!record.by) throw invalid(`${at}.by: a meeting outside a visit needs the person who held it`);
    return planMeeting(refs, record, at, refs.add(record.by, `${at}.by`));
  });
  const { resolved, toCreate } = await resolveRefs(tx, refs.requests);
  const ids = resolved.map((r) => r.id);
  const createdIds = await upsertEntities(tx, toCreate, 'fill');
  const rows = plans.map((plan, i) => meetingRow(plan, ids, i, null, undefined, undefined));
  const results = await writeMeetingRows(tx, rows);
  const mentions: Mention[] = [];
  plans.forEach((plan, i) => {
    const sourceId = plan.record.source;
    if (!sourceId) return;
    const paragraphs = plan.record.paragraphs ?? [];
    for (const r of [plan.by, ...plan.with, ...plan.attendees, ...plan.topics, plan.city, plan.place]) {
      if (r !== undefined) mentions.push({ sourceId, entityId: ids[r]!, paragraphs });
    }
    const result = results.find((x) => x.index === i);
    if (result) mentions.push({ sourceId, entityId: result.meetingId, paragraphs });
  });
  await writeMentions(tx, mentions);
  return plans.map((plan, i) => {
    const result = results.find((x) => x.index === i)!;
    const refsOf = [plan.by, ...plan.with, ...plan.attendees, ...plan.topics, plan.city, plan.place]
      .filter((x): x is number => x !== undefined)
      .map((x) => ids[x]!);
    const created = refsOf.filter((id) => createdIds.has(id));
    if (result.created) created.push(result.meetingId);
    return { meetingId: result.meetingId, created, linked: refsOf.filter((id) => !createdIds.has(id)) };
  });
}
