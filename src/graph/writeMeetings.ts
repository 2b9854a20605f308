/**
 * Writing meetings: planning a meeting record's references, its row for write-meetings or
 * create-visits, its edges (PRINCIPAL, MET, RECEIVED, ATTENDED...) and the posts its roles name;
 * the visit writer uses them for a visit's meetings, and meetings that belong to no visit are
 * written here whole.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { invalid } from './errors.js';
import { EdgeBatch } from './edgeBatch.js';
import { eventNames, meetingName, meetingNameAr } from './eventNames.js';
import type { Snapshot } from './eventSnapshots.js';
import { meetingId } from './ids.js';
import { NodeRefs } from './nodeRefs.js';
import { normalizeName } from './normalize.js';
import { endOf, startOf } from './partialDate.js';
import { checkDate, checkEndDate, checkProvenance, provenanceOf } from './provenance.js';
import type { MeetingRecord } from './records.js';
import { RefCollector } from './refCollector.js';
import { absorbShortForms, refFromString, resolveRefs } from './resolve.js';
import { resolveSources, sourcesToWrite } from './sources.js';
import { locate, upsertEntities } from './writeEntities.js';
import { writeMentions, type Mention } from './writeMentions.js';

export interface MeetingWriteResult {
  meetingId: string;
  created: string[];
  linked: string[];
}

export interface PlannedMeeting {
  record: MeetingRecord;
  at: string;
  by: number;
  /** The role of `by` (the traveler's, inside a visit). */
  byRole?: string;
  /** The host country inside a visit: its posts are the ones roles of those met name. */
  host?: number;
  with: number[];
  attendees: number[];
  city?: number;
  place?: number;
  topics: number[];
}

/** Checks a meeting record alone and collects its references (their answers come later, by index). */
export function planMeeting(
  refs: RefCollector, record: MeetingRecord, at: string, by: number,
  visit?: { host: number; date: string; travelerRole?: string },
): PlannedMeeting {
  if (record.date) checkDate(record.date, `${at}.date`);
  checkEndDate(record.date ?? visit?.date, record.endDate, at);
  checkProvenance(record, at);
  if (!Array.isArray(record.with) || record.with.length === 0) throw invalid(`${at}.with: name at least one person met`, { at });
  const hostRef = visit ? refs.requests[visit.host]!.ref : undefined;
  return {
    record,
    at,
    by,
    byRole: visit ? visit.travelerRole : record.by?.role,
    host: visit?.host,
    // A person met during a visit, with a title, holds it for the host country as a rule.
    with: record.with.map((ref, i) => refs.office(refs.add(ref, `${at}.with[${i}]`, 'PERSON'), ref?.role, hostRef)),
    attendees: (record.attendees ?? []).map((ref, i) => refs.office(refs.add(ref, `${at}.attendees[${i}]`, 'PERSON'), ref?.role, hostRef)),
    city: record.city ? refs.add(record.city, `${at}.city`, 'CITY', undefined, visit?.host) : undefined,
    place: record.place ? refs.add(record.place, `${at}.place`, 'PLACE', undefined, visit?.host) : undefined,
    topics: (record.topics ?? []).map((t, i) => refs.add(refFromString(t, 'TOPIC'), `${at}.topics[${i}]`, 'TOPIC')),
  };
}

/** A meeting once its references are resolved: what write-meetings and create-visits take, and what its edges need. */
export function meetingRow(
  m: PlannedMeeting, ids: string[], nodes: NodeRefs, index: number,
  visitIdValue: string | null, visitDate: string | undefined, sourceId: string | undefined,
  visitEndDate?: string,
) {
  const date = m.record.date ?? visitDate;
  if (!date) throw invalid(`${m.at}.date: a meeting outside a visit needs a date`, { at: m.at });
  const byId = ids[m.by]!;
  const withIds = [...new Set(m.with.map((i) => ids[i]!))].filter((id) => id !== byId);
  if (withIds.length === 0) throw invalid(`${m.at}.with: a meeting needs someone other than the traveler`, { at: m.at });
  const name = m.record.name ?? meetingName([byId, ...withIds].map((id) => nodes.name(id) ?? id), date);
  const nameAr = m.record.nameAr ?? meetingNameAr([byId, ...withIds].map((id) => nodes.nameAr(id)), date);
  // Each person's role in this meeting, as the source states it (the first one given wins).
  const roles = new Map<string, string>();
  const noteRole = (id: string, role: string | undefined) => { if (role && !roles.has(id)) roles.set(id, role.trim()); };
  m.with.forEach((i, n) => noteRole(ids[i]!, m.record.with[n]!.role));
  m.attendees.forEach((i, n) => noteRole(ids[i]!, m.record.attendees![n]!.role));
  const endDate = m.record.date ? m.record.endDate : (m.record.endDate ?? visitEndDate);
  return {
    index,
    id: m.record.id ?? meetingId([byId, ...withIds], date),
    visitId: visitIdValue,
    byId,
    byRole: m.byRole?.trim() ?? null,
    roles,
    hostId: m.host === undefined ? null : ids[m.host]!,
    withIds,
    attendeeIds: [...new Set(m.attendees.map((i) => ids[i]!))],
    cityId: m.city === undefined ? null : ids[m.city]!,
    placeId: m.place === undefined ? null : ids[m.place]!,
    topicIds: [...new Set(m.topics.map((i) => ids[i]!))],
    ...eventNames(name, nameAr),
    summary: m.record.summary ?? null,
    date,
    endDate: endDate ?? null,
    dateStart: startOf(date),
    dateEnd: endOf(endDate ?? date),
    prov: provenanceOf(m.record, sourceId),
    properties: m.record.properties ?? {},
  };
}

export type MeetingRow = ReturnType<typeof meetingRow>;

/** The edges a meeting row implies, once the meeting's id is known. */
export function addMeetingEdges(batch: EdgeBatch, row: MeetingRow, meetingIdValue: string): void {
  const { prov } = row;
  // MET and RECEIVED are told apart by their meeting: those of a meeting this write created are new.
  const met = (visitOnly: boolean) => ({
    key: 'meetingId', owner: meetingIdValue,
    props: { meetingId: meetingIdValue, date: row.date, visitId: row.visitId, ...(visitOnly ? {} : { cityId: row.cityId, placeId: row.placeId }) },
  });
  batch.add(meetingIdValue, 'PRINCIPAL', row.byId, prov, { role: row.byRole });
  if (row.visitId) batch.add(row.visitId, 'INCLUDES', meetingIdValue, prov);
  for (const withId of row.withIds) {
    batch.add(meetingIdValue, 'PRINCIPAL', withId, prov, { role: row.roles.get(withId) });
    batch.add(row.byId, 'MET', withId, prov, met(false));
    if (row.visitId) batch.add(withId, 'RECEIVED', row.byId, prov, met(true));
  }
  for (const attendeeId of row.attendeeIds) batch.add(attendeeId, 'ATTENDED', meetingIdValue, prov, { role: row.roles.get(attendeeId) });
  for (const topicId of row.topicIds) batch.add(meetingIdValue, 'DISCUSSED', topicId, prov);
  if (row.cityId) batch.add(meetingIdValue, 'IN_CITY', row.cityId, prov);
  if (row.placeId) batch.add(meetingIdValue, 'HELD_AT', row.placeId, prov);
}

export async function writeMeetingRows(tx: Tx, rows: MeetingRow[], batch: EdgeBatch) {
  if (rows.length === 0) return [];
  const seen = new Set<string>();
  const first = rows.map((r) => {
    const isFirst = !seen.has(r.id);
    seen.add(r.id);
    return isFirst;
  });
  const meetings = rows.map(({ roles: _roles, ...sent }) => ({ ...sent, prov: batch.prov(sent.prov), by: batch.nodes.get(sent.byId) }));
  const result = await tx.run(cypher('write/write-meetings'), { meetings, provs: batch.provs });
  const out: { meetingId: string; before: Snapshot }[] = [];
  for (const r of result.records) {
    out[r.get('index') as number] = { meetingId: r.get('meetingId') as string, before: r.get('before') as Snapshot };
    batch.nodes.set(r.get('meetingId') as string, r.get('node') as string);
  }
  // A meeting this statement created (its first row) has no edges yet.
  rows.forEach((row, i) => {
    if (out[i]!.before === null && first[i]) batch.fresh.add(out[i]!.meetingId);
  });
  return out;
}

/** What create-visits takes of a meeting row (write-meetings also looks the meeting up by its people). */
export function meetingNodeRow(row: MeetingRow, batch: EdgeBatch) {
  const { index, id, name, nameAr, nameKeys, nameArKeys, summary, date, endDate, dateStart, dateEnd, properties } = row;
  return { index, id, name, nameAr, nameKeys, nameArKeys, summary, date, endDate, dateStart, dateEnd, properties, prov: batch.prov(row.prov) };
}

/** Links the roles of meeting participants and attendees to the posts they name (only when some role is given). */
export async function linkMeetingRoles(tx: Tx, rows: MeetingRow[], results: { meetingId: string }[]): Promise<void> {
  const roles = rows.flatMap((row, i) => [...row.roles]
    .filter(([personId]) => row.withIds.includes(personId) || row.attendeeIds.includes(personId))
    .map(([personId, role]) => ({ meetingId: results[i]!.meetingId, personId, roleKey: normalizeName(role), countryId: row.hostId })))
    .filter((r) => r.roleKey);
  const byRoles = rows.flatMap((row, i) => (row.byRole ? [{ meetingId: results[i]!.meetingId, personId: row.byId, roleKey: normalizeName(row.byRole), countryId: null }] : []));
  const all = [...roles, ...byRoles];
  if (all.length > 0) await tx.run(cypher('write/link-meeting-roles'), { roles: all });
}

/** Meetings that belong to no visit (e.g. an archive photo's meeting), with `by` as host. */
export async function writeStandaloneMeetings(tx: Tx, records: MeetingRecord[], options: { mentions?: boolean } = {}): Promise<MeetingWriteResult[]> {
  if (records.length === 0) return [];
  const refs = new RefCollector();
  const plans = records.map((record, i) => {
    const at = records.length === 1 ? 'input' : `meetings[${i}]`;
    if (!record.by) throw invalid(`${at}.by: a meeting outside a visit needs the person who held it`, { at });
    return planMeeting(refs, record, at, refs.add(record.by, `${at}.by`, 'PERSON'));
  });
  // A meeting's source as a SourceInput names it (an import file's); else its source id.
  const sources = await resolveSources(tx, records.map((r) => r.sourceInfo), (i) => (records.length === 1 ? 'input.source' : `meetings[${i}].source`));
  plans.forEach((plan, i) => {
    const sourceId = sources[i]?.id;
    if (sourceId) plan.record = { ...plan.record, source: sourceId };
  });
  const { resolved, toCreate, toLocate, absorbs } = await resolveRefs(tx, refs.requests);
  const ids = resolved.map((r) => r.id);
  const nodes = new NodeRefs();
  const createdIds = await upsertEntities(tx, [...toCreate, ...sourcesToWrite(sources)], 'fill', nodes);
  await absorbShortForms(tx, absorbs);
  await nodes.load(tx, ids);
  await locate(tx, toLocate.map((l) => {
    const plan = plans[Number(/^meetings\[(\d+)\]/.exec(refs.requests[l.request]!.at)?.[1] ?? 0)];
    return { ...l, source: plan?.record.source, paragraphs: plan?.record.paragraphs };
  }));
  const rows = plans.map((plan, i) => meetingRow(plan, ids, nodes, i, null, undefined, undefined));
  const batch = new EdgeBatch(new Set(createdIds), nodes);
  const results = await writeMeetingRows(tx, rows, batch);
  rows.forEach((row, i) => addMeetingEdges(batch, row, results[i]!.meetingId));
  await batch.write(tx);
  await linkMeetingRoles(tx, rows, results);
  const mentions: Mention[] = [];
  plans.forEach((plan, i) => {
    const sourceId = plan.record.source;
    if (!sourceId) return;
    const paragraphs = plan.record.paragraphs ?? [];
    for (const r of [plan.by, ...plan.with, ...plan.attendees, ...plan.topics, plan.city, plan.place]) {
      if (r !== undefined) mentions.push({ sourceId, entityId: ids[r]!, paragraphs });
    }
    const result = results[i];
    if (result) mentions.push({ sourceId, entityId: result.meetingId, paragraphs });
  });
  if (options.mentions !== false) await writeMentions(tx, mentions, batch.fresh, nodes);
  return plans.map((plan, i) => {
    const result = results[i]!;
    const refsOf = [plan.by, ...plan.with, ...plan.attendees, ...plan.topics, plan.city, plan.place]
      .filter((x): x is number => x !== undefined)
      .map((x) => ids[x]!);
    const created = refsOf.filter((id) => createdIds.has(id));
    if (result.before === null) created.push(result.meetingId);
    return { meetingId: result.meetingId, created, linked: refsOf.filter((id) => !createdIds.has(id)) };
  });
}
