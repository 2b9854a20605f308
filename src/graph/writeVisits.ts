/**
 * Writing visits: resolve every reference, create what is new, write the visit event with its
 * meetings and the direct VISITED/MET edges, then keep tours and precedents true. A batch of any
 * size costs a fixed handful of statements, all inside the caller's one transaction.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { invalid } from './errors.js';
import { Interner, NodeRefs } from './nodeRefs.js';
import { entityId, meetingId, visitId } from './ids.js';
import { checkGivenVisitIds } from './visitIds.js';
import { nameKeys, normalizeName } from './normalize.js';
import { CERTAINTIES, typesWrittenBy, type Certainty, type EntityKindName } from './ontology.js';
import { endOf, parsePartialDate, startOf } from './partialDate.js';
import type { EntityRecord, EntityRef, MeetingRecord, SourceRecord, VisitRecord } from './records.js';
import { absorbShortForms, refFromString, resolveRefs, type MatchReason, type RefRequest, type ResolveCache } from './resolve.js';
import { resolveSources, sourcesToWrite } from './sources.js';

export { sourceEntity } from './sources.js';
import { upsertEntities } from './writeEntities.js';
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

export interface ResolutionNote {
  at: string;
  id: string;
  reason: MatchReason;
  created: boolean;
}

export interface MeetingWriteResult {
  meetingId: string;
  created: string[];
  linked: string[];
}

export interface VisitWriteOptions {
  /** Tell created / enriched / unchanged apart (one more statement per batch). */
  status?: boolean;
  /** Names and ids resolved by earlier batches of the same run (the bulk importer). */
  cache?: ResolveCache;
}

export function checkDate(value: string, at: string): void {
  const parsed = typeof value === 'string' ? parsePartialDate(value) : `${JSON.stringify(value)} is not a date string`;
  if (typeof parsed === 'string') throw invalid(`${at}: ${parsed}`, { at });
}

export function checkProvenance(record: { paragraphs?: number[]; certainty?: Certainty }, at: string): void {
  for (const p of record.paragraphs ?? []) {
    if (!Number.isInteger(p) || p < 0) throw invalid(`${at}.paragraphs: ${p} is not a paragraph number (0 or more)`, { at });
  }
  if (record.certainty && !CERTAINTIES.includes(record.certainty)) {
    throw invalid(`${at}.certainty: "${record.certainty}" is not one of ${CERTAINTIES.join(', ')}`, { at });
  }
}

const PLACE_KINDS: EntityKindName[] = ['CITY', 'PLACE', 'REGION'];

/** Collects every reference of a batch, remembering where each one's answer goes. */
class RefCollector {
  readonly requests: RefRequest[] = [];
  /** The date of the record being planned: a surname alone means the person active then. */
  date: string | undefined;
  /**
   * @param impliedWithin the request a place lies within unless it says otherwise (a visit's city
   *   is within the host country); a place given by id is taken as it is.
   */
  add(ref: EntityRef, at: string, expect?: EntityKindName | EntityKindName[], label?: string, impliedWithin?: number): number {
    if (!ref || typeof ref !== 'object') throw invalid(`${at}: expected a reference ({ id } or { name, kind })`, { at });
    let within: number | undefined;
    let implied = false;
    const expectAny = Array.isArray(expect) ? expect : undefined;
    const expectOne = Array.isArray(expect) ? undefined : expect;
    if (ref.within) {
      const kind = ref.kind ?? expectOne;
      if (kind && !PLACE_KINDS.includes(kind)) throw invalid(`${at}.within: only a city, place or region lies within another entity`, { at });
      within = this.add(ref.within, `${at}.within`);
    } else if (impliedWithin !== undefined && !ref.id) {
      within = impliedWithin;
      implied = true;
    }
    if (ref.role !== undefined && (typeof ref.role !== 'string' || ref.role.trim() === '')) throw invalid(`${at}.role: give the role as text`, { at });
    this.requests.push({ ref, at, expect: expectOne, ...(expectAny ? { expectAny } : {}), label, within, date: this.date, ...(implied ? { impliedWithin: true } : {}) });
    return this.requests.length - 1;
  }
}

/** Checks an end date: valid, and not before the date it ends. */
export function checkEndDate(date: string | undefined, endDate: string | undefined, at: string): void {
  if (endDate === undefined || endDate === null) return;
  checkDate(endDate, `${at}.endDate`);
  if (!date) throw invalid(`${at}.endDate: an end date needs a date`, { at });
  if (startOf(endDate) < startOf(date)) throw invalid(`${at}.endDate: ${endDate} is before the date ${date}`, { at });
}

/** A role as the source states it, folded for matching post names ("Prime Minister" → "prime minister"). */
function roleKey(ref: EntityRef): string | null {
  return ref.role ? normalizeName(ref.role) || null : null;
}

interface PlannedMeeting {
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

function planMeeting(
  refs: RefCollector, record: MeetingRecord, at: string, by: number,
  visit?: { host: number; date: string; travelerRole?: string },
): PlannedMeeting {
  if (record.date) checkDate(record.date, `${at}.date`);
  checkEndDate(record.date ?? visit?.date, record.endDate, at);
  checkProvenance(record, at);
  if (!Array.isArray(record.with) || record.with.length === 0) throw invalid(`${at}.with: name at least one person met`, { at });
  return {
    record,
    at,
    by,
    byRole: visit ? visit.travelerRole : record.by?.role,
    host: visit?.host,
    with: record.with.map((ref, i) => refs.add(ref, `${at}.with[${i}]`, 'PERSON')),
    attendees: (record.attendees ?? []).map((ref, i) => refs.add(ref, `${at}.attendees[${i}]`, 'PERSON')),
    city: record.city ? refs.add(record.city, `${at}.city`, 'CITY', undefined, visit?.host) : undefined,
    place: record.place ? refs.add(record.place, `${at}.place`, 'PLACE', undefined, visit?.host) : undefined,
    topics: (record.topics ?? []).map((t, i) => refs.add(refFromString(t, 'TOPIC'), `${at}.topics[${i}]`, 'TOPIC')),
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

/** "زيارة <traveler> إلى <host>، <date>": a visit's Arabic name, when both have one. */
export function visitNameAr(traveler: string | undefined, host: string | undefined, date: string): string | undefined {
  return traveler && host ? `زيارة ${traveler} إلى ${host}، ${date}` : undefined;
}

/** "Meeting of <A> and <B> on <date>": the English name of a meeting recorded without one. */
export function meetingName(principals: string[], date: string): string {
  const people = principals.length > 1 ? `${principals.slice(0, -1).join(', ')} and ${principals.at(-1)}` : principals.join('');
  return `Meeting of ${people} on ${date}`;
}

/** "لقاء <A> و<B>، <date>": a meeting's Arabic name, when every principal has one. */
export function meetingNameAr(principals: (string | undefined)[], date: string): string | undefined {
  return principals.every(Boolean) ? `لقاء ${principals.join(' و')}، ${date}` : undefined;
}

/**
 * The name fields of a visit or meeting row. `nameArKeys` are the Arabic name's own keys: the
 * write statement adds them to an existing event's nameKeys only when it gets its first Arabic name.
 */
function eventNames(name: string, nameAr: string | undefined) {
  return {
    name,
    nameAr: nameAr ?? null,
    nameKeys: nameKeys({ name, nameAr }),
    nameArKeys: nameAr ? nameKeys({ name: nameAr }) : [],
  };
}

function meetingRow(
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

type Snapshot = { props: Record<string, unknown>; degree: number } | null;
type Prov = ReturnType<typeof provenanceOf>;

/** The types this writer sends as plain edge rows (write-edges.cypher has one block for each). */
const VISIT_EDGE_TYPES = new Set<string>(typesWrittenBy('visit-edges'));
const MET_EDGE_TYPES = new Set(['MET', 'RECEIVED']);

/**
 * The edges of a batch, sent as flat rows that name their provenance by index into one shared
 * list (a batch has few distinct provenances and thousands of edges).
 */
class EdgeBatch {
  private readonly provTable = new Interner<Prov>((value) => JSON.stringify(value));
  readonly provs = this.provTable.list;
  readonly edges: { from: string; to: string; type: string; prov: number; role?: string }[] = [];
  readonly met: { from: string; to: string; type: string; prov: number; meetingId: string; date: string; visitId: string | null; cityId: string | null; placeId: string | null }[] = [];
  /** Edges that touch a node this write has just created: they cannot exist yet (first of their key only). */
  readonly freshEdges: EdgeBatch['edges'] = [];
  readonly freshMet: EdgeBatch['met'] = [];
  private readonly freshKeys = new Set<string>();

  /**
   * @param fresh ids of nodes created by this write (no edge can touch them yet).
   * @param nodes element ids of the nodes this write touches.
   */
  constructor(readonly fresh: Set<string> = new Set(), readonly nodes = new NodeRefs()) {}

  prov(value: Prov): number {
    return this.provTable.of(value);
  }

  /** An edge some other statement of this write has written: later rows for it are merged. */
  written(from: string, type: string, to: string): void {
    this.freshKeys.add(`${from}\u0000${type}\u0000${to}`);
  }

  /** True (once per key) when the edge touches a node created by this write (or belongs to a meeting it created), so it is new. */
  private isFresh(key: string, from: string, to: string, owner?: string): boolean {
    if (!this.fresh.has(from) && !this.fresh.has(to) && !(owner !== undefined && this.fresh.has(owner))) return false;
    if (this.freshKeys.has(key)) return false;
    this.freshKeys.add(key);
    return true;
  }

  add(from: string, type: string, to: string, prov: Prov, role?: string): void {
    if (!VISIT_EDGE_TYPES.has(type)) throw new Error(`not an edge type of the visit model: ${type}`);
    const edge = { from, to, type, prov: this.prov(prov), ...(role ? { role } : {}) };
    (this.isFresh(`${from}\u0000${type}\u0000${to}`, from, to) ? this.freshEdges : this.edges).push(edge);
  }

  addMet(edge: Omit<EdgeBatch['met'][number], 'prov'>, prov: Prov): void {
    if (!MET_EDGE_TYPES.has(edge.type)) throw new Error(`not a meeting edge type: ${edge.type}`);
    const row = { ...edge, prov: this.prov(prov) };
    // MET and RECEIVED carry their meeting's id: those of a meeting this write created are new.
    (this.isFresh(`${edge.from}\u0000${edge.type}\u0000${edge.to}\u0000${edge.meetingId}`, edge.from, edge.to, edge.meetingId) ? this.freshMet : this.met).push(row);
  }

  /** The edges a meeting row implies, once the meeting's id is known. */
  addMeeting(row: MeetingRow, meetingIdValue: string): void {
    if (row.visitId) this.add(row.visitId, 'INCLUDES', meetingIdValue, row.prov);
    for (const withId of row.withIds) {
      this.add(meetingIdValue, 'PRINCIPAL', withId, row.prov, row.roles.get(withId));
      this.addMet({ from: row.byId, to: withId, type: 'MET', meetingId: meetingIdValue, date: row.date, visitId: row.visitId, cityId: row.cityId, placeId: row.placeId }, row.prov);
      if (row.visitId) this.addMet({ from: withId, to: row.byId, type: 'RECEIVED', meetingId: meetingIdValue, date: row.date, visitId: row.visitId, cityId: null, placeId: null }, row.prov);
    }
    for (const attendeeId of row.attendeeIds) this.add(attendeeId, 'ATTENDED', meetingIdValue, row.prov, row.roles.get(attendeeId));
    for (const topicId of row.topicIds) this.add(meetingIdValue, 'DISCUSSED', topicId, row.prov);
    if (row.cityId) this.add(meetingIdValue, 'IN_CITY', row.cityId, row.prov);
    if (row.placeId) this.add(meetingIdValue, 'HELD_AT', row.placeId, row.prov);
  }

  /**
   * Rows name their nodes by index into one shared list of element ids ($nodes), and the
   * meeting, visit, city and place ids of MET/RECEIVED by index into $ids, each sent once per statement: a
   * batch's edges repeat the same nodes many times over.
   */
  async write(tx: Tx): Promise<void> {
    const endpoints = [...this.edges, ...this.freshEdges, ...this.met, ...this.freshMet].flatMap((e) => [e.from, e.to]);
    await this.nodes.load(tx, endpoints);
    const nodes = this.nodes.table();
    const ids = new Interner<string>();
    const idOf = (id: string | null) => (id === null ? null : ids.of(id));
    // Rows are lists, not maps: no key names repeated thousands of times in the parameters.
    const edge = (e: EdgeBatch['edges'][number]) => (e.role ? [nodes.of(e.from), nodes.of(e.to), e.type, e.prov, e.role] : [nodes.of(e.from), nodes.of(e.to), e.type, e.prov]);
    const met = (e: EdgeBatch['met'][number]) => [
      nodes.of(e.from), nodes.of(e.to), e.type, e.prov, ids.of(e.meetingId), idOf(e.visitId), e.date, idOf(e.cityId), idOf(e.placeId),
    ];
    if (this.edges.length + this.freshEdges.length > 0) {
      const rows = { created: this.freshEdges.map(edge), edges: this.edges.map(edge) };
      await tx.run(cypher('write/write-edges'), { ...rows, provs: this.provs, nodes: nodes.list() });
    }
    if (this.met.length + this.freshMet.length > 0) {
      const rows = { created: this.freshMet.map(met), edges: this.met.map(met) };
      await tx.run(cypher('write/write-met'), { ...rows, provs: this.provs, nodes: nodes.list(), ids: ids.list });
    }
  }
}

type MeetingRow = ReturnType<typeof meetingRow>;

async function writeMeetingRows(tx: Tx, rows: MeetingRow[], batch: EdgeBatch) {
  if (rows.length === 0) return [];
  const seen = new Set<string>();
  const meetings = rows.map((r) => {
    const first = !seen.has(r.id);
    seen.add(r.id);
    const { roles: _roles, ...sent } = r;
    return { ...sent, first, prov: batch.prov(r.prov), by: batch.nodes.get(r.byId) };
  });
  const result = await tx.run(cypher('write/write-meetings'), { meetings, provs: batch.provs });
  const out: { meetingId: string; before: Snapshot }[] = [];
  for (const r of result.records) {
    out[r.get('index') as number] = { meetingId: r.get('meetingId') as string, before: r.get('before') as Snapshot };
    batch.nodes.set(r.get('meetingId') as string, r.get('node') as string);
  }
  // A meeting this statement created (its first row) has no other edges yet.
  rows.forEach((row, i) => {
    if (out[i]!.before === null && meetings[i]!.first) batch.fresh.add(out[i]!.meetingId);
  });
  // The PRINCIPAL edges to `by` exist now: the same edge again must be merged, not created.
  rows.forEach((row, i) => batch.written(out[i]!.meetingId, 'PRINCIPAL', row.byId));
  rows.forEach((row, i) => batch.addMeeting(row, out[i]!.meetingId));
  return out;
}

/** A stable text of a value, map keys sorted, for comparing snapshots. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

async function snapshots(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await tx.run(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, {props: properties(n), degree: COUNT { (n)--() }} AS snapshot',
    { ids: [...new Set(ids)] },
  );
  return new Map(result.records.map((r) => [r.get('id') as string, canonical(r.get('snapshot'))]));
}

/** The edge that joins a visit to each of its places, by the place's kind. */
const PLACE_EDGE: Record<string, string> = { CITY: 'IN_CITY', PLACE: 'HELD_AT', REGION: 'OCCURRED_IN' };


/** The source and paragraphs of the visit a reference belongs to ("visits[3].city" → visit 3's). */
function provenanceOfRequest(plans: PlannedVisit[], at: string, sources: (EntityRecord | undefined)[]): { source?: string; paragraphs?: number[] } {
  const match = /^visits\[(\d+)\]/.exec(at);
  const v = match ? Number(match[1]) : 0;
  return { source: sources[v]?.id ?? plans[v]?.record.source, paragraphs: plans[v]?.record.paragraphs };
}

/** LOCATED_IN for places new to the graph (or placed nowhere yet), within what the input says. */
async function locate(tx: Tx, rows: { id: string; withinId: string; source?: string; paragraphs?: number[] }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(cypher('write/locate'), {
    rows: rows.map((r) => ({ id: r.id, withinId: r.withinId, source: r.source ?? null, paragraphs: r.paragraphs ?? [] })),
  });
}

/** Links the roles of meeting participants and attendees to the posts they name (only when some role is given). */
async function linkMeetingRoles(tx: Tx, rows: MeetingRow[], results: { meetingId: string }[]): Promise<void> {
  const roles = rows.flatMap((row, i) => [...row.roles]
    .filter(([personId]) => row.withIds.includes(personId) || row.attendeeIds.includes(personId))
    .map(([personId, role]) => ({ meetingId: results[i]!.meetingId, personId, roleKey: normalizeName(role), countryId: row.hostId })))
    .filter((r) => r.roleKey);
  const byRoles = rows.flatMap((row, i) => (row.byRole ? [{ meetingId: results[i]!.meetingId, personId: row.byId, roleKey: normalizeName(row.byRole), countryId: null }] : []));
  const all = [...roles, ...byRoles];
  if (all.length > 0) await tx.run(cypher('write/link-meeting-roles'), { roles: all });
}

export async function writeVisits(tx: Tx, records: VisitRecord[], options: VisitWriteOptions = {}): Promise<VisitWriteResult[]> {
  if (records.length === 0) return [];
  const refs = new RefCollector();
  const sourceInfos: (SourceRecord | undefined)[] = [];
  const plans: PlannedVisit[] = records.map((record, index) => {
    const at = records.length === 1 ? 'input' : `visits[${index}]`;
    if (!record || typeof record !== 'object') throw invalid(`${at}: expected a visit`, { at });
    if (record.date === undefined || record.date === null) throw invalid(`${at}.date: a visit needs a date`, { at });
    checkDate(record.date, `${at}.date`);
    checkEndDate(record.date, record.endDate, at);
    if (record.places !== undefined && !Array.isArray(record.places)) throw invalid(`${at}.places: expected a list of references`, { at });
    if (record.dateCertainty && !CERTAINTIES.includes(record.dateCertainty)) {
      throw invalid(`${at}.dateCertainty: "${record.dateCertainty}" is not one of ${CERTAINTIES.join(', ')}`, { at });
    }
    checkProvenance(record, at);
    sourceInfos[index] = record.sourceInfo;
    refs.date = record.date;
    const traveler = refs.add(record.traveler, `${at}.traveler`, 'PERSON');
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
  });

  const sources = await resolveSources(tx, sourceInfos, (i) => (records.length === 1 ? 'input.source' : `visits[${i}].source`));
  const { resolved, toCreate, toLocate, absorbs } = await resolveRefs(tx, refs.requests, options.cache);
  const ids = resolved.map((r) => r.id);
  const names = new Map(resolved.map((r) => [r.id, r.name]));
  const kinds = new Map(resolved.map((r) => [r.id, r.kind]));
  // Everything that can be refused is refused before anything is written.
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
  await checkGivenVisitIds(tx, plans.flatMap((plan) => plan.record.id === undefined ? [] : [
    { at: plan.at, id: plan.record.id, travelerId: ids[plan.traveler]!, hostId: ids[plan.host]!, date: plan.record.date },
  ]));
  const newSources = sourcesToWrite(sources);
  for (const source of newSources) options.cache?.touch(nameKeys(source));
  const nodes = new NodeRefs();
  const createdIds = await upsertEntities(tx, [...toCreate, ...newSources], 'fill', nodes);
  await absorbShortForms(tx, absorbs, options.cache);
  await nodes.load(tx, ids);
  await locate(tx, toLocate.map((l) => ({ ...l, ...provenanceOfRequest(plans, refs.requests[l.request]!.at, sources) })));

  const batch = new EdgeBatch(new Set(createdIds), nodes);
  // The same visit twice in one batch (same traveler and host, overlapping dates) is one visit:
  // later rows take the first row's id.
  const earlierByPair = new Map<string, { start: string; end: string; id: string; index: number }[]>();
  const duplicateOf: (number | undefined)[] = [];
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
  const seenVisitIds = new Set<string>();
  const visitFirst = visitRows.map((row) => {
    const first = !seenVisitIds.has(row.id);
    seenVisitIds.add(row.id);
    return first;
  });
  const visitResult = await tx.run(cypher('write/write-visits'), {
    visits: visitRows.map(({ links: _links, provenance: _provenance, tourId: _tourId, roleKey: _roleKey, ...row }, v) => ({ ...row, first: visitFirst[v] })),
    provs: batch.provs,
  });
  const visitIds: string[] = [];
  const visitBefore: Snapshot[] = [];
  for (const r of visitResult.records) {
    visitIds[r.get('index') as number] = r.get('visitId') as string;
    nodes.set(r.get('visitId') as string, r.get('node') as string);
    visitBefore[r.get('index') as number] = r.get('before') as Snapshot;
  }
  // A visit this statement created (its first row) has no edges but its own three yet.
  visitRows.forEach((_, v) => {
    if (visitBefore[v] === null && visitFirst[v]) batch.fresh.add(visitIds[v]!);
  });

  const meetingRows = plans.flatMap((plan, v) =>
    plan.meetings.map((m) => ({ visit: v, row: meetingRow(m, ids, nodes, 0, visitIds[v]!, plan.record.date, sources[v]?.id, plan.record.endDate) })),
  );
  meetingRows.forEach((entry, i) => (entry.row.index = i));
  visitRows.forEach((row, v) => {
    for (const link of row.links) batch.add(visitIds[v]!, link.type, link.id, row.provenance);
  });
  const meetingResults = await writeMeetingRows(tx, meetingRows.map((e) => e.row), batch);
  await batch.write(tx);
  await tx.run(cypher('write/link-representing'), {
    visits: [...new Map(visitRows.map((row, v) => [visitIds[v]!, { visitId: visitIds[v]!, roleKey: row.roleKey }])).values()],
  });
  await linkMeetingRoles(tx, meetingRows.map((e) => e.row), meetingResults);

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
  await writeMentions(tx, mentions, batch.fresh, nodes);

  const tourIds = [...new Set(visitRows.map((r) => r.tourId).filter((t): t is string => t !== null))];
  if (tourIds.length > 0) await tx.run(cypher('write/link-tours'), { tourIds });
  await linkPrecedents(tx, { visitIds: [...new Set(visitIds)] });

  let after: Map<string, string> | undefined;
  if (options.status) {
    // Only what existed before can be unchanged: a created visit is 'created' whatever it holds.
    after = await snapshots(tx, [
      ...visitIds.filter((_, v) => visitBefore[v] !== null && duplicateOf[v] === undefined),
      ...meetingResults.filter((m, i) => m.before !== null && duplicateOf[meetingRows[i]!.visit] === undefined).map((m) => m.meetingId),
    ]);
  }

  return plans.map((plan, v) => {
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
        const same = (before: Snapshot, id: string) => before !== null && canonical(before) === after!.get(id);
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
 * Recomputes PRECEDED_BY for every (host country, post) pair the write touched: the posts the
 * travelers of `visitIds` held on their dates, and the explicit `pairs` (posts just recorded).
 */
export async function linkPrecedents(tx: Tx, touched: { visitIds?: string[]; pairs?: { hostId: string; postId: string }[] }): Promise<void> {
  const visitIds = touched.visitIds ?? [];
  const pairs = touched.pairs ?? [];
  if (visitIds.length === 0 && pairs.length === 0) return;
  await tx.run(cypher('write/link-precedents'), { visitIds, pairs });
}

/** Meetings that belong to no visit (e.g. an archive photo's meeting), with `by` as host. */
export async function writeStandaloneMeetings(tx: Tx, records: MeetingRecord[]): Promise<MeetingWriteResult[]> {
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
  await writeMentions(tx, mentions, batch.fresh, nodes);
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
