/**
 * The visit writer's create-only path. Most records of a bulk import are visits the graph has
 * never seen, with meetings it has never seen: for those, looking for the same visit and meeting
 * row by row, merging by id and taking a snapshot of what was there is wasted work. One statement
 * tells which of a batch's candidates the graph already holds (find-known-events); the others
 * are created outright (create-visits), the rest take the general, merging path. Either way a
 * record makes the same nodes, properties and edges.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';

/** A visit row that may be wholly new, with its meetings' identities. */
export interface Candidate {
  index: number;
  id: string;
  /** Element ids of the traveler and host in this transaction. */
  traveler: string | null;
  host: string | null;
  dateStart: string;
  dateEnd: string;
  meetings: { index: number; id: string; by: string | null; date: string; withIds: string[] }[];
}

/**
 * The candidates the graph holds nothing of (neither the visit nor any of its meetings), by
 * index, in one statement.
 */
export async function whollyNew(tx: Tx, candidates: Candidate[]): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const visits = candidates.map(({ index, id, traveler, host, dateStart, dateEnd }) => ({ index, id, traveler, host, dateStart, dateEnd }));
  const meetings = candidates.flatMap((c) => c.meetings);
  const result = await tx.run(cypher('write/find-known-events'), { visits, meetings });
  const record = result.records[0];
  const knownVisits = new Set((record?.get('knownVisits') as number[] | undefined) ?? []);
  const knownMeetings = new Set((record?.get('knownMeetings') as number[] | undefined) ?? []);
  return new Set(candidates
    .filter((c) => !knownVisits.has(c.index) && c.meetings.every((m) => !knownMeetings.has(m.index)))
    .map((c) => c.index));
}

/**
 * Creates the visit and meeting nodes of wholly new records (rows as write-visits and
 * write-meetings take them). Returns each one's element id, and a visit's dates as stored.
 */
export async function createVisitNodes(
  tx: Tx, visits: Record<string, unknown>[], meetings: Record<string, unknown>[], provs: unknown[],
): Promise<{ visits: Map<number, { node: string; date: string; endDate: string | null }>; meetings: Map<number, string> }> {
  const out = { visits: new Map<number, { node: string; date: string; endDate: string | null }>(), meetings: new Map<number, string>() };
  if (visits.length === 0 && meetings.length === 0) return out;
  const result = await tx.run(cypher('write/create-visits'), { visits, meetings, provs });
  const record = result.records[0]!;
  for (const [index, node, date, endDate] of record.get('visits') as [number, string, string, string | null][]) out.visits.set(index, { node, date, endDate });
  for (const [index, node] of record.get('meetings') as [number, string][]) out.meetings.set(index, node);
  return out;
}
