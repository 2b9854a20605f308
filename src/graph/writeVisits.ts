/**
 * Writing visits: resolve every reference, create what is new, write the visit event with its
 * meetings (their rows and edges: writeMeetings.ts) and the direct VISITED/MET edges, then keep
 * tours and precedents true. A batch of any size costs a fixed handful of statements, all inside
 * the caller's one transaction.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { invalid } from './errors.js';
import { NodeRefs } from './nodeRefs.js';
import { EdgeBatch } from './edgeBatch.js';
import { createVisitNodes, whollyNew, type Candidate } from './createVisits.js';
import { keepDerived, type Upkeep } from './upkeep.js';
import { visitId } from './ids.js';
import { checkGivenVisitIds } from './visitIds.js';
import { nameKeys } from './normalize.js';
import { endOf, startOf } from './partialDate.js';
import { checkCertainty, checkDate, checkEndDate, checkProvenance, provenanceOf, type Provenance } from './provenance.js';
import type { EntityRecord, VisitRecord } from './records.js';
import { absorbShortForms, refFromString, resolveRefs, type Resolution, type ResolveCache } from './resolve.js';
import type { ResolutionNote } from './references.js';
import { resolveSources, sourcesToWrite } from './sources.js';
import { eventNames, visitNameAr } from './eventNames.js';
import { canonical, snapshots, type Snapshot } from './eventSnapshots.js';
import { PLACE_KINDS, RefCollector, roleKey } from './refCollector.js';
import { addMeetingEdges, linkMeetingRoles, meetingNodeRow, meetingRow, planMeeting, writeMeetingRows, type MeetingRow, type PlannedMeeting } from './writeMeetings.js';

import { locate, upsertEntities } from './writeEntities.js';
import { writeMentions, type Mention } from './writeMentions.js';

/** What recording a visit did: created it, enriched an existing one, or changed nothing. */
export type VisitStatus = 'created' | 'enriched' | 'unchanged';

export interface VisitWriteResult {
  visitId: string;
  /** Ids of entities this write created (the visit and its meetings included when new). */
  created: string[];
  /** Ids of existing entities the visit was attached to. */
  linked: string[];
  /** Only when asked for (`{ status: true }`): costs one more statement per batch. */
  status?: VisitStatus;
  /** How each reference of the record was resolved, and by which rule. */
  resolutions: ResolutionNote[];
}

export interface VisitWriteOptions {
  /** Tell created / enriched / unchanged apart (one more statement per batch). */
  status?: boolean;
  /** Names and ids resolved by earlier batches of the same run (the bulk importer). */
  cache?: ResolveCache;
  /** Tours and precedents to bring up to date at the end of the run (the bulk importer), not now. */
  upkeep?: Upkeep;
  /** False for a structured dataset: its sources do not MENTIONS what its records name (ONTOLOGY.md). */
  mentions?: boolean;
}

interface PlannedVisit {
  record: VisitRecord;
  at: string;
  traveler: number;
  host: number;
  representing?: number;
  /** The visit's city (if given) then its places, in order. */
  places: number[];
  tour?: number;
  topics: number[];
  meetings: PlannedMeeting[];
}

/** A visit's own edges: traveler, host, the traveler's VISITED edge, places, representing, tour and topics. */
function addVisitEdges(
  batch: EdgeBatch, visitIdValue: string, travelerId: string, hostId: string,
  row: { provenance: Provenance; travelerRole: string | null; dateCertainty: string | null; links: { type: string; id: string }[] },
  dates: { date: string; endDate: string | null },
): void {
  const prov = row.provenance;
  batch.add(visitIdValue, 'TRAVELER', travelerId, prov, { role: row.travelerRole });
  batch.add(visitIdValue, 'HOST_COUNTRY', hostId, prov);
  batch.add(travelerId, 'VISITED', hostId, prov, {
    key: 'visitId', owner: visitIdValue, refresh: dates,
    props: { visitId: visitIdValue, ...dates, dateCertainty: row.dateCertainty },
  });
  for (const link of row.links) batch.add(visitIdValue, link.type, link.id, prov);
}

/** The edge that joins a visit to each of its places, by the place's kind. */
const PLACE_EDGE: Record<string, string> = { CITY: 'IN_CITY', PLACE: 'HELD_AT', REGION: 'OCCURRED_IN' };

/** The source and paragraphs of the visit a reference belongs to ("visits[3].city" → visit 3's). */
function provenanceOfRequest(plans: PlannedVisit[], at: string, sources: (EntityRecord | undefined)[]): { source?: string; paragraphs?: number[] } {
  const match = /^visits\[(\d+)\]/.exec(at);
  const v = match ? Number(match[1]) : 0;
  return { source: sources[v]?.id ?? plans[v]?.record.source, paragraphs: plans[v]?.record.paragraphs };
}

/** What the source of each visit names: its people, places, tour, topics, the visit and its meetings. */
function visitMentions(
  plans: PlannedVisit[], ids: string[], sources: (EntityRecord | undefined)[], visitIds: string[],
  meetingRows: { visit: number; row: MeetingRow }[], meetingResults: { meetingId: string }[],
): Mention[] {
  const mentions: Mention[] = [];
  plans.forEach((plan, v) => {
    const sourceId = sources[v]?.id ?? plan.record.source;
    if (!sourceId) return;
    const paragraphs = plan.record.paragraphs ?? [];
    const own = [plan.traveler, plan.host, plan.representing, ...plan.places, plan.tour, ...plan.topics].filter((i): i is number => i !== undefined);
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
    const result = meetingResults[i];
    if (sourceId && result) mentions.push({ sourceId, entityId: result.meetingId, paragraphs: entry.row.prov.paragraphs });
  });
  return mentions;
}

/** Step 1: checks a visit record alone and collects its references (answers come later, by index). */
function planVisit(refs: RefCollector, record: VisitRecord, at: string): PlannedVisit {
  if (!record || typeof record !== 'object') throw invalid(`${at}: expected a visit`, { at });
  if (record.date === undefined || record.date === null) throw invalid(`${at}.date: a visit needs a date`, { at });
  checkDate(record.date, `${at}.date`);
  checkEndDate(record.date, record.endDate, at);
  if (record.places !== undefined && !Array.isArray(record.places)) throw invalid(`${at}.places: expected a list of references`, { at });
  checkCertainty(record.dateCertainty, `${at}.dateCertainty`, at);
  checkProvenance(record, at);
  refs.date = record.date;
  const traveler = refs.office(refs.add(record.traveler, `${at}.traveler`, 'PERSON'), record.traveler?.role, record.representing);
  const host = refs.add(record.host, `${at}.host`, 'COUNTRY');
  // A visit's places lie within the host country unless they say otherwise.
  const places = [
    ...(record.city ? [refs.add(record.city, `${at}.city`, 'CITY', undefined, host)] : []),
    ...(record.places ?? []).map((place, i) => {
      const kind = place?.kind ?? 'CITY';
      if (!PLACE_KINDS.includes(kind)) throw invalid(`${at}.places[${i}]: a place is a CITY, PLACE or REGION, not a ${kind}`, { at });
      // A place named by id may be any kind of place; one named without a kind is a city.
      const expect = place?.id && !place.kind ? PLACE_KINDS : kind;
      return refs.add(place, `${at}.places[${i}]`, expect, undefined, host);
    }),
  ];
  return {
    record,
    at,
    traveler,
    host,
    representing: record.representing ? refs.add(record.representing, `${at}.representing`) : undefined,
    places,
    tour: record.tour ? refs.add(refFromString(record.tour, 'EVENT'), `${at}.tour`, 'EVENT', 'Tour') : undefined,
    topics: (record.topics ?? []).map((t, i) => refs.add(refFromString(t, 'TOPIC'), `${at}.topics[${i}]`, 'TOPIC')),
    meetings: (record.meetings ?? []).map((m, i) => planMeeting(refs, m, `${at}.meetings[${i}]`, traveler, { host, date: record.date, travelerRole: record.traveler?.role })),
  };
}

/** Step 3: what can only be refused once references are resolved, refused before anything is written. */
function refuseUnfit(plans: PlannedVisit[], resolved: { id: string; kind: string }[]): void {
  const ids = resolved.map((r) => r.id);
  for (const plan of plans) {
    if (plan.representing !== undefined && !['COUNTRY', 'ORGANIZATION'].includes(resolved[plan.representing]!.kind)) {
      throw invalid(`${plan.at}.representing: ${ids[plan.representing]} is a ${resolved[plan.representing]!.kind}; a traveler travels for a country or an organization`, { at: plan.at });
    }
    const ownId = plan.record.id;
    if (ownId !== undefined && !/^visit:\S+$/.test(ownId)) throw invalid(`${plan.at}.id: "${ownId}" is not a visit id (visit:<slug>)`, { at: plan.at });
    for (const m of plan.meetings) {
      if (!m.with.some((i) => ids[i] !== ids[m.by])) throw invalid(`${m.at}.with: a meeting needs someone other than the traveler`, { at: m.at });
    }
  }
}

/** What write-visits and create-visits take of a visit row (the rest serves its edges). */
function visitNodeRow<T extends Record<string, unknown>>({ links: _links, provenance: _provenance, tourId: _tourId, roleKey: _roleKey, ...row }: T) {
  return row;
}

/**
 * The visit rows that may be wholly new, for find-known-events to settle: not named by a given id,
 * nor by their meetings; and sharing nothing with another row of the batch (not the same visit,
 * not a visit or meeting id), so that creating them ahead of the other rows cannot change what
 * those find. (Two meetings of one person on one day may both be new: a row of the merging path
 * finds another row's meeting by its id only, since no meeting of the batch has its PRINCIPAL
 * edges before write-edges.)
 */
function createCandidates(
  plans: PlannedVisit[], visitRows: { index: number; id: string; traveler: string | null; host: string | null; dateStart: string; dateEnd: string }[],
  meetingRows: { visit: number; row: MeetingRow }[], duplicateOf: (number | undefined)[],
): Candidate[] {
  const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const visitIdCount = count(visitRows.map((r) => r.id));
  const meetingIdCount = count(meetingRows.map((e) => e.row.id));
  const duplicated = new Set(duplicateOf.filter((d): d is number => d !== undefined));
  return visitRows.flatMap((row, v) => {
    const plan = plans[v]!;
    const mine = meetingRows.map((entry, i) => ({ entry, i })).filter(({ entry }) => entry.visit === v);
    const alone = plan.record.id === undefined && duplicateOf[v] === undefined && !duplicated.has(v) && visitIdCount.get(row.id) === 1
      && plan.meetings.every((m) => m.record.id === undefined)
      && mine.every(({ entry }) => meetingIdCount.get(entry.row.id) === 1);
    if (!alone) return [];
    const { index, id, traveler, host, dateStart, dateEnd } = row;
    return [{
      index, id, traveler, host, dateStart, dateEnd,
      meetings: mine.map(({ entry, i }) => ({ index: i, id: entry.row.id, by: visitRows[v]!.traveler, date: entry.row.date, withIds: entry.row.withIds })),
    }];
  });
}

/**
 * Step 6: the visit nodes, found (the same traveler and host over overlapping dates) or created.
 * Tells for each row the visit's id, what it was before (null: created), the dates it has now
 * (the narrower of two overlapping datings wins) and whether the row is the first with its id.
 */
async function writeVisitNodes(tx: Tx, visitRows: (Record<string, unknown> & { id: string; index: number })[], batch: EdgeBatch) {
  const visitIds: string[] = [];
  const visitBefore: Snapshot[] = [];
  /** The dates each visit has now (the narrower of two overlapping datings wins). */
  const visitDates = new Map<string, { date: string; endDate: string | null }>();
  const visitFirst: boolean[] = [];
  if (visitRows.length === 0) return { visitIds, visitBefore, visitDates, visitFirst };
  const seenVisitIds = new Set<string>();
  for (const row of visitRows) {
    visitFirst[row.index] = !seenVisitIds.has(row.id);
    seenVisitIds.add(row.id);
  }
  const visitResult = await tx.run(cypher('write/write-visits'), { visits: visitRows.map(visitNodeRow), provs: batch.provs });
  for (const r of visitResult.records) {
    const id = r.get('visitId') as string;
    visitIds[r.get('index') as number] = id;
    batch.nodes.set(id, r.get('node') as string);
    visitBefore[r.get('index') as number] = r.get('before') as Snapshot;
    visitDates.set(id, { date: r.get('date') as string, endDate: r.get('endDate') as string | null });
  }
  return { visitIds, visitBefore, visitDates, visitFirst };
}

/** A batch of visit records once every reference is resolved: what the later steps read. */
interface ResolvedBatch {
  records: VisitRecord[];
  refs: RefCollector;
  plans: PlannedVisit[];
  sources: (EntityRecord | undefined)[];
  resolution: Resolution;
  /** The entity id each reference resolved to, by request index. */
  ids: string[];
}

/** Step 1 and 2: each record checked alone, then its source and references resolved; what cannot be written is refused before anything is. */
async function resolveBatch(tx: Tx, records: VisitRecord[], cache?: ResolveCache): Promise<ResolvedBatch> {
  const refs = new RefCollector();
  const plans = records.map((record, index) => planVisit(refs, record, records.length === 1 ? 'input' : `visits[${index}]`));
  const sources = await resolveSources(tx, records.map((record) => record.sourceInfo), (i) => (records.length === 1 ? 'input.source' : `visits[${i}].source`));
  const resolution = await resolveRefs(tx, refs.requests, cache);
  const ids = resolution.resolved.map((r) => r.id);
  refuseUnfit(plans, resolution.resolved);
  await checkGivenVisitIds(tx, plans.flatMap((plan) => plan.record.id === undefined ? [] : [
    { at: plan.at, id: plan.record.id, travelerId: ids[plan.traveler]!, hostId: ids[plan.host]!, date: plan.record.date },
  ]));
  return { records, refs, plans, sources, resolution, ids };
}

/** Step 3: the entities new to the graph (sources included), short forms absorbed, new places placed; the batch's edges start from here. */
async function writeNamedEntities(tx: Tx, b: ResolvedBatch, cache?: ResolveCache): Promise<EdgeBatch> {
  const newSources = sourcesToWrite(b.sources);
  for (const source of newSources) cache?.touch(nameKeys(source));
  const nodes = new NodeRefs();
  const createdIds = await upsertEntities(tx, [...b.resolution.toCreate, ...newSources], 'fill', nodes);
  await absorbShortForms(tx, b.resolution.absorbs, cache);
  await nodes.load(tx, b.ids);
  await locate(tx, b.resolution.toLocate.map((l) => ({ ...l, ...provenanceOfRequest(b.plans, b.refs.requests[l.request]!.at, b.sources) })));
  return new EdgeBatch(new Set(createdIds), nodes);
}

type VisitRow = ReturnType<typeof visitRowsOf>['visitRows'][number];

/**
 * Step 4: one row per visit, as write-visits and create-visits take it plus what its edges need.
 * The same visit twice in one batch (same traveler and host, overlapping dates) is one visit:
 * later rows take the first row's id (`duplicateOf`).
 */
function visitRowsOf(b: ResolvedBatch, batch: EdgeBatch) {
  const { ids, plans, sources } = b;
  const { nodes } = batch;
  const names = new Map(b.resolution.resolved.map((r) => [r.id, r.name]));
  const kinds = new Map(b.resolution.resolved.map((r) => [r.id, r.kind]));
  const earlierByPair = new Map<string, { start: string; end: string; id: string; index: number }[]>();
  const duplicateOf: (number | undefined)[] = [];
  /** Notes (visit id, purpose, source) already sent by an earlier row: sent once. */
  const notes = new Set<string>();
  const visitRows = plans.map((plan, index) => {
    const travelerId = ids[plan.traveler]!;
    const hostId = ids[plan.host]!;
    const { record } = plan;
    const dateStart = startOf(record.date);
    const dateEnd = endOf(record.endDate ?? record.date);
    const pair = `${travelerId}|${hostId}`;
    const ownId = record.id ?? visitId(travelerId, hostId, record.date);
    const earlier = earlierByPair.get(pair) ?? [];
    const first = earlier.find((e) => e.start <= dateEnd && e.end >= dateStart);
    const firstId = first?.id;
    if (first === undefined) earlierByPair.set(pair, [...earlier, { start: dateStart, end: dateEnd, id: ownId, index }]);
    else duplicateOf[index] = first.index;
    const name = record.name ?? `${names.get(travelerId) ?? travelerId} in ${names.get(hostId) ?? hostId}, ${record.date}`;
    const nameAr = record.nameAr ?? visitNameAr(nodes.nameAr(travelerId), nodes.nameAr(hostId), record.date);
    const placeIds = [...new Set(plan.places.map((i) => ids[i]!))];
    const links = [
      ...placeIds.map((id) => ({ type: PLACE_EDGE[kinds.get(id)!] ?? 'IN_CITY', id })),
      ...(plan.representing === undefined ? [] : [{ type: 'ON_BEHALF_OF', id: ids[plan.representing]! }]),
      ...(plan.tour === undefined ? [] : [{ type: 'PART_OF_TOUR', id: ids[plan.tour]! }]),
      ...[...new Set(plan.topics.map((i) => ids[i]!))].map((id) => ({ type: 'DISCUSSED', id })),
    ];
    const prov = provenanceOf(record, sources[index]?.id);
    const noteKey = JSON.stringify([firstId ?? ownId, record.purpose, prov.source]);
    const note = record.purpose && !notes.has(noteKey) ? record.purpose : null;
    notes.add(noteKey);
    return {
      index,
      id: firstId ?? ownId,
      traveler: nodes.get(travelerId),
      host: nodes.get(hostId),
      tourId: plan.tour === undefined ? null : ids[plan.tour]!,
      links,
      ...eventNames(name, nameAr),
      summary: record.summary ?? null,
      purpose: record.purpose ?? null,
      note,
      travelerRole: record.traveler.role?.trim() ?? null,
      roleKey: roleKey(record.traveler),
      // Kept on the node only when the record lists places (a city alone is its IN_CITY edge).
      places: record.places ? placeIds : null,
      date: record.date,
      endDate: record.endDate ?? null,
      dateStart,
      dateEnd,
      dateCertainty: record.dateCertainty ?? null,
      prov: batch.prov(prov),
      provenance: prov,
      properties: record.properties ?? {},
    };
  });
  return { visitRows, duplicateOf };
}

/** A meeting row and the visit (by row index) it belongs to. */
type VisitMeeting = { visit: number; row: MeetingRow };

/** What writing the event nodes tells: each visit's id and what it was before (null: created), each meeting's. */
interface WrittenEvents {
  visitIds: string[];
  visitBefore: Snapshot[];
  visitDates: Map<string, { date: string; endDate: string | null }>;
  meetingRows: VisitMeeting[];
  meetingResults: { meetingId: string; before: Snapshot }[];
}

/**
 * Step 5: the visit and meeting nodes. Rows the graph holds nothing of are created outright
 * (create-visits); the others are found or merged (write-visits, write-meetings).
 */
async function writeEventNodes(tx: Tx, b: ResolvedBatch, batch: EdgeBatch, visitRows: VisitRow[], duplicateOf: (number | undefined)[]): Promise<WrittenEvents> {
  // Meeting rows name their visit by the row's id until the general path has found the visit.
  const meetingRows = b.plans.flatMap((plan, v) =>
    plan.meetings.map((m) => ({ visit: v, row: meetingRow(m, b.ids, batch.nodes, 0, visitRows[v]!.id, plan.record.date, b.sources[v]?.id, plan.record.endDate) })),
  );
  meetingRows.forEach((entry, i) => (entry.row.index = i));
  const fresh = await whollyNew(tx, createCandidates(b.plans, visitRows, meetingRows, duplicateOf));

  const general = visitRows.filter((_, v) => !fresh.has(v));
  const { visitIds, visitBefore, visitDates, visitFirst } = await writeVisitNodes(tx, general, batch);
  // A visit this statement created (its first row) has no edges yet.
  general.forEach(({ index: v }) => {
    if (visitBefore[v] === null && visitFirst[v]) batch.fresh.add(visitIds[v]!);
  });
  meetingRows.forEach((entry) => (entry.row.visitId = visitIds[entry.visit] ?? entry.row.visitId));
  const generalMeetings = meetingRows.filter((entry) => !fresh.has(entry.visit));
  const created = await createVisitNodes(
    tx,
    visitRows.filter((_, v) => fresh.has(v)).map(visitNodeRow),
    meetingRows.filter((entry) => fresh.has(entry.visit)).map((entry) => meetingNodeRow(entry.row, batch)),
    batch.provs,
  );
  for (const [v, { node, date, endDate }] of created.visits) {
    visitIds[v] = visitRows[v]!.id;
    visitBefore[v] = null;
    visitDates.set(visitRows[v]!.id, { date, endDate });
    batch.nodes.set(visitRows[v]!.id, node);
    batch.fresh.add(visitRows[v]!.id);
  }

  const meetingResults: { meetingId: string; before: Snapshot }[] = [];
  const merged = await writeMeetingRows(tx, generalMeetings.map((entry, i) => ({ ...entry.row, index: i })), batch);
  generalMeetings.forEach((entry, i) => (meetingResults[entry.row.index] = merged[i]!));
  for (const [i, node] of created.meetings) {
    const { id } = meetingRows[i]!.row;
    meetingResults[i] = { meetingId: id, before: null };
    batch.nodes.set(id, node);
    batch.fresh.add(id);
  }
  return { visitIds, visitBefore, visitDates, meetingRows, meetingResults };
}

/** Step 6: every edge of the visits and their meetings (one statement), and the posts the roles in meetings name. */
async function writeEventEdges(tx: Tx, b: ResolvedBatch, batch: EdgeBatch, visitRows: VisitRow[], events: WrittenEvents): Promise<void> {
  const { visitIds, visitDates, meetingRows, meetingResults } = events;
  b.plans.forEach((plan, v) => addVisitEdges(batch, visitIds[v]!, b.ids[plan.traveler]!, b.ids[plan.host]!, visitRows[v]!, visitDates.get(visitIds[v]!)!));
  meetingRows.forEach((entry, i) => addMeetingEdges(batch, entry.row, meetingResults[i]!.meetingId));
  await batch.write(tx);
  await linkMeetingRoles(tx, meetingRows.map((e) => e.row), meetingResults);
}

/** Step 7: tours, precedents and whom each traveler travelled for: kept true now, or noted for the end of an import. */
async function keepVisitsDerived(tx: Tx, upkeep: Upkeep | undefined, visitRows: VisitRow[], visitIds: string[]): Promise<void> {
  const tourIds = [...new Set(visitRows.map((r) => r.tourId).filter((t): t is string => t !== null))];
  const representing = visitRows.map((row, v) => ({ visitId: visitIds[v]!, roleKey: row.roleKey }));
  await keepDerived(tx, upkeep, { visitIds: [...new Set(visitIds)], tourIds, representing });
}

/** Step 8 (only when asked): the visits and meetings that existed before, as they are now, to tell enriched from unchanged. */
function snapshotsAfter(tx: Tx, events: WrittenEvents, duplicateOf: (number | undefined)[]): Promise<Map<string, string>> {
  const { visitIds, visitBefore, meetingRows, meetingResults } = events;
  // Only what existed before can be unchanged: a created visit is 'created' whatever it holds.
  return snapshots(tx, [
    ...visitIds.filter((_, v) => visitBefore[v] !== null && duplicateOf[v] === undefined),
    ...meetingResults.filter((m, i) => m.before !== null && duplicateOf[meetingRows[i]!.visit] === undefined).map((m) => m.meetingId),
  ]);
}

/** Step 9: what each record did: the entities it created or linked, how each reference resolved, its status if asked. */
function visitResults(
  b: ResolvedBatch, createdIds: ReadonlySet<string>, events: WrittenEvents, duplicateOf: (number | undefined)[], after?: Map<string, string>,
): VisitWriteResult[] {
  const { ids, refs, sources, records } = b;
  const { resolved } = b.resolution;
  const { visitIds, visitBefore, meetingRows, meetingResults } = events;
  return b.plans.map((plan, v) => {
    const created = new Set<string>();
    const linked = new Set<string>();
    const mine = [plan.traveler, plan.host, plan.representing, ...plan.places, plan.tour, ...plan.topics,
      ...plan.meetings.flatMap((m) => [...m.with, ...m.attendees, ...m.topics, m.city, m.place])]
      .filter((i): i is number => i !== undefined);
    for (const i of mine) (createdIds.has(ids[i]!) ? created : linked).add(ids[i]!);
    const source = sources[v];
    if (source) (createdIds.has(source.id) ? created : linked).add(source.id);
    const duplicate = duplicateOf[v] !== undefined;
    if (visitBefore[v] === null && !duplicate) created.add(visitIds[v]!);
    const myMeetings = meetingRows.map((entry, i) => ({ entry, result: meetingResults[i]! })).filter((x) => x.entry.visit === v);
    for (const { result } of myMeetings) if (result.before === null && !duplicate) created.add(result.meetingId);
    const resolutions = mine.map((i) => ({ at: refs.requests[i]!.at, id: ids[i]!, reason: resolved[i]!.reason, created: resolved[i]!.created }));
    const result: VisitWriteResult = { visitId: visitIds[v]!, created: [...created], linked: [...linked].filter((id) => !created.has(id)), resolutions };
    if (after) {
      if (duplicate) {
        const first = records[duplicateOf[v]!];
        result.status = canonical(first) === canonical(plan.record) ? 'unchanged' : 'enriched';
      } else if (visitBefore[v] === null) {
        result.status = 'created';
      } else {
        const same = (before: Snapshot, id: string) => before !== null && canonical(before) === after.get(id);
        const unchanged = created.size === 0
          && same(visitBefore[v]!, visitIds[v]!)
          && myMeetings.every(({ result: m }) => same(m.before, m.meetingId));
        result.status = unchanged ? 'unchanged' : 'enriched';
      }
    }
    return result;
  });
}

/**
 * Records visits, all inside the caller's transaction, as a pipeline of the steps above: resolve,
 * write the entities named, the visit and meeting nodes, their edges and mentions, then keep
 * what is derived true (or note it for the end of an import).
 */
export async function writeVisits(tx: Tx, records: VisitRecord[], options: VisitWriteOptions = {}): Promise<VisitWriteResult[]> {
  if (records.length === 0) return [];
  const b = await resolveBatch(tx, records, options.cache);
  const batch = await writeNamedEntities(tx, b, options.cache);
  const createdIds = new Set(batch.fresh); // before the visits and meetings join it
  const { visitRows, duplicateOf } = visitRowsOf(b, batch);
  const events = await writeEventNodes(tx, b, batch, visitRows, duplicateOf);
  await writeEventEdges(tx, b, batch, visitRows, events);
  if (options.mentions !== false) {
    await writeMentions(tx, visitMentions(b.plans, b.ids, b.sources, events.visitIds, events.meetingRows, events.meetingResults), batch.fresh, batch.nodes);
  }
  await keepVisitsDerived(tx, options.upkeep, visitRows, events.visitIds);
  const after = options.status ? await snapshotsAfter(tx, events, duplicateOf) : undefined;
  return visitResults(b, createdIds, events, duplicateOf, after);
}
