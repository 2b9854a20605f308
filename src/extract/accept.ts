/**
 * Accepting proposals writes them through the writers every other way in uses (writeVisits,
 * writeStandaloneMeetings, writeRelations), with the article as source and the proposal's
 * paragraphs and certainty, in one transaction. A visit already in the graph (same traveler,
 * country and date) is enriched: its sources grow, and only what is new is added. A meeting
 * accepted with its visit is written as part of it.
 */
import { cypher } from '../db/cypher.js';
import type { Db, Tx } from '../db/driver.js';
import { invalid } from '../graph/errors.js';
import { writeRetrying } from '../db/retry.js';
import type { Certainty } from '../graph/ontology.js';
import type { EntityRef, MeetingRecord, RelationRecord, SourceRecord, VisitRecord } from '../graph/records.js';
import { upsertEntities } from '../graph/writeEntities.js';
import { writeRelations } from '../graph/writeRelations.js';
import { writeStandaloneMeetings } from '../graph/writeMeetings.js';
import { sourceEntity } from '../graph/sources.js';
import { writeVisits } from '../graph/writeVisits.js';
import { readProposals, type ProposalRow, type StoredProposal } from './service.js';
import type { DateCertainty, MeetingProposal, Proposal, ProposedEntity, ProposedPerson, VisitProposal } from './types.js';

export interface AcceptResult {
  accepted: StoredProposal[];
  /** Ids of entities the accepted facts created, and of existing ones they were attached to. */
  created: string[];
  linked: string[];
}

/** A reference to the entity; a person's role as the article gives it travels with them onto the edge. */
function ref(e: ProposedEntity | ProposedPerson): EntityRef {
  const role = 'role' in e && e.role ? { role: e.role } : {};
  if (!e.created) return { id: e.id, ...role };
  return { name: e.name, ...(e.nameAr ? { nameAr: e.nameAr } : {}), kind: e.kind, ...role };
}

/** The graph's date certainties: a date the rules inferred (a weekday, "yesterday") is not the source's word. */
function dateCertainty(c: DateCertainty): Certainty | undefined {
  return c === 'stated' ? undefined : 'external';
}

function datesAgree(a: string | null, b: string | null): boolean {
  return !a || !b || a.startsWith(b) || b.startsWith(a);
}

/** Paragraphs and certainty; an attributed fact also says whose claim it is (`attributedTo`). */
function provenance(p: { paragraphs: number[]; certainty: 'stated' | 'attributed'; claimedBy: ProposedEntity | null }, properties: Record<string, string | number> = {}) {
  const all = { ...properties, ...(p.claimedBy ? { attributedTo: p.claimedBy.id } : {}) };
  return {
    paragraphs: p.paragraphs,
    certainty: p.certainty as Certainty,
    ...(Object.keys(all).length > 0 ? { properties: all } : {}),
  };
}

function meetingRecord(m: MeetingProposal, principals: ProposedEntity[]): MeetingRecord {
  return {
    with: principals.map(ref),
    ...(m.attendees.length > 0 ? { attendees: m.attendees.map(ref) } : {}),
    ...(m.date ? { date: m.date } : {}),
    ...(m.endDate ? { endDate: m.endDate } : {}),
    ...(m.topics.length > 0 ? { topics: m.topics } : {}),
    ...(m.city ? { city: ref(m.city) } : {}),
    ...provenance(m),
  };
}

function needsDate(row: ProposalRow, date: string | null): string {
  if (!date) throw invalid(`${row.id}: the article gives no date that could be resolved for this ${row.proposal.type}; it cannot be recorded without one`, { at: row.id });
  return date;
}

/** Why a proposal cannot be written as it stands (no date, no earlier traveler), or null. */
export function cannotAccept(p: Proposal): string | null {
  if (p.type === 'visit' && !p.date) return 'the article gives no date that could be resolved for this visit';
  if (p.type === 'precedent' && !p.traveler) return 'the article does not name who made the earlier visit';
  return null;
}

export async function acceptProposals(db: Db, ids: string[]): Promise<AcceptResult> {
  return writeRetrying(db, (tx) => acceptIn(tx, ids));
}

/** What the accepted proposals became: the fact each one wrote, and the entities created or linked. */
class Outcome {
  readonly results = new Map<string, string>();
  readonly created = new Set<string>();
  readonly linked = new Set<string>();
  note(proposalId: string, factId: string, created: string[], linked: string[]): void {
    this.results.set(proposalId, factId);
    created.forEach((id) => this.created.add(id));
    linked.forEach((id) => this.linked.add(id));
  }
}

async function acceptIn(tx: Tx, ids: string[]): Promise<AcceptResult> {
  const rows = await readProposals(tx, ids);
  const dismissed = rows.filter((r) => r.status === 'dismissed');
  if (dismissed.length > 0) throw invalid(`dismissed proposals cannot be accepted: ${dismissed.map((r) => r.id).join(', ')}`);
  const pending = rows.filter((r) => r.status === 'pending');
  const outcome = new Outcome();
  // Posts first, so that the visits' precedents are reckoned with them.
  await acceptRelations(tx, pending, outcome);
  const nested = await acceptVisits(tx, pending, outcome);
  await acceptStandaloneMeetings(tx, pending.filter((r) => r.proposal.type === 'meeting' && !nested.has(r.id)), outcome);
  await tx.run(cypher('extract/set-status'), { rows: pending.map((r) => ({ id: r.id, status: 'accepted', result: outcome.results.get(r.id) ?? null })) });
  return {
    accepted: rows.map((r) => ({ id: r.id, status: 'accepted', proposal: r.proposal, result: outcome.results.get(r.id) ?? r.result })),
    created: [...outcome.created],
    linked: [...outcome.linked].filter((id) => !outcome.created.has(id)),
  };
}

/** Relations and statements (a statement is ISSUED_BY its issuer). */
async function acceptRelations(tx: Tx, pending: ProposalRow[], outcome: Outcome): Promise<void> {
  const rows = pending.filter((r) => r.proposal.type === 'relation' || r.proposal.type === 'statement');
  const written = await writeRelations(tx, rows.map(relationRecord));
  written.forEach((w, i) => outcome.note(rows[i]!.id, w.relationId, w.created, [w.fromId, w.toId]));
}

function relationRecord(row: ProposalRow): RelationRecord & { sourceInfo?: SourceRecord } {
  const p = row.proposal;
  if (p.type === 'relation') {
    return { from: ref(p.from), type: p.relation, to: ref(p.to), sourceInfo: row.source, ...provenance(p, p.properties) };
  }
  if (p.type !== 'statement') throw new Error('unreachable');
  const when = p.date ?? row.source.publishedAt ?? '';
  return {
    from: { name: `Statement by ${p.issuer.name}${when ? `, ${when}` : ''}`, kind: 'STATEMENT' },
    type: 'ISSUED_BY',
    to: ref(p.issuer),
    sourceInfo: row.source,
    ...provenance(p, { ...(p.date ? { date: p.date } : {}), ...(p.about ? { about: p.about } : {}) }),
  };
}

/**
 * Visits (and precedents' earlier visits), each with the meetings of the same traveler and day
 * accepted at the same time; returns the meeting proposals written as part of a visit.
 */
async function acceptVisits(tx: Tx, pending: ProposalRow[], outcome: Outcome): Promise<Set<string>> {
  const rows = pending.filter((r) => r.proposal.type === 'visit' || r.proposal.type === 'precedent');
  const meetingRows = pending.filter((r) => r.proposal.type === 'meeting');
  const nested = new Map<string, number>(); // meeting proposal → the visit record it went into
  const records = rows.map((row, visitIndex) => visitRecord(row, meetingRows, nested, visitIndex));
  const visits = await writeVisits(tx, records);
  visits.forEach((w, i) => outcome.note(rows[i]!.id, w.visitId, w.created, w.linked));
  for (const [id, v] of nested) outcome.results.set(id, visits[v]!.visitId);
  return new Set(nested.keys());
}

function visitRecord(row: ProposalRow, meetingRows: ProposalRow[], nested: Map<string, number>, visitIndex: number): VisitRecord {
  const p = row.proposal;
  if (p.type === 'precedent') {
    if (!p.traveler) throw invalid(`${row.id}: the article does not name who made the earlier visit, so there is no visit to record`, { at: row.id });
    return { traveler: ref(p.traveler), host: ref(p.host), date: p.date, sourceInfo: row.source, ...provenance(p) };
  }
  const v = p as VisitProposal;
  const date = needsDate(row, v.date);
  const meetings = meetingRows
    .filter((m) => !nested.has(m.id) && m.extractionId === row.extractionId)
    .filter((m) => {
      const meeting = m.proposal as MeetingProposal;
      return meeting.participants.some((x) => x.id === v.traveler.id) && datesAgree(meeting.date, date);
    })
    .map((m) => {
      nested.set(m.id, visitIndex);
      const meeting = m.proposal as MeetingProposal;
      return meetingRecord(meeting, meeting.participants.filter((x) => x.id !== v.traveler.id));
    });
  return {
    traveler: ref(v.traveler),
    host: ref(v.host),
    ...(v.city ? { city: ref(v.city) } : {}),
    ...(v.places.length > 0 ? { places: v.places.map(ref) } : {}),
    date,
    ...(v.endDate ? { endDate: v.endDate } : {}),
    ...(dateCertainty(v.dateCertainty) ? { dateCertainty: dateCertainty(v.dateCertainty) } : {}),
    ...(v.tour ? { tour: v.tour.name } : {}),
    ...(meetings.length > 0 ? { meetings } : {}),
    sourceInfo: row.source,
    ...provenance(v),
  };
}

/** Meetings outside the visits accepted now, with their articles as sources. */
async function acceptStandaloneMeetings(tx: Tx, rows: ProposalRow[], outcome: Outcome): Promise<void> {
  if (rows.length === 0) return;
  const sources = [...new Map(rows.map((m) => [m.extractionId, sourceEntity(m.source)])).values()];
  await upsertEntities(tx, sources, 'fill');
  const meetings = await writeStandaloneMeetings(
    tx,
    rows.map((row) => {
      const m = row.proposal as MeetingProposal;
      const [by, ...others] = m.participants;
      return { ...meetingRecord(m, others), by: ref(by!), source: sourceEntity(row.source).id };
    }),
  );
  meetings.forEach((w, i) => outcome.note(rows[i]!.id, w.meetingId, w.created, w.linked));
}
