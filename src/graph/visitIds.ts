/**
 * A visit id given with a record names one visit: one traveler, one host country, one date.
 * Reusing it for another visit would hang a second traveler and host on the first one, so it
 * is refused (BAD_USER_INPUT) before anything is written.
 */
import { cypher } from '../db/cypher.js';
import type { Tx } from '../db/driver.js';
import { invalid } from './errors.js';

export interface GivenVisitId {
  /** Where the record stands, for messages. */
  at: string;
  id: string;
  travelerId: string;
  hostId: string;
  date: string;
}

export async function checkGivenVisitIds(tx: Tx, given: GivenVisitId[]): Promise<void> {
  if (given.length === 0) return;
  const first = new Map<string, GivenVisitId>();
  for (const g of given) {
    const earlier = first.get(g.id);
    if (!earlier) first.set(g.id, g);
    else if (earlier.travelerId !== g.travelerId || earlier.hostId !== g.hostId || earlier.date !== g.date) {
      throw invalid(`${g.at}.id: "${g.id}" is also given to ${earlier.at}, a different visit`, { at: g.at });
    }
  }
  const result = await tx.run(cypher('write/check-visit-ids'), { ids: [...first.keys()] });
  for (const record of result.records) {
    const g = first.get(record.get('id') as string)!;
    if (!record.get('isVisit')) throw invalid(`${g.at}.id: "${g.id}" is the id of an entity that is not a visit`, { at: g.at });
    const travelers = record.get('travelers') as string[];
    const hosts = record.get('hosts') as string[];
    const date = record.get('date') as string | null;
    if (travelers.some((t) => t !== g.travelerId) || hosts.some((h) => h !== g.hostId) || (date !== null && date !== g.date)) {
      throw invalid(
        `${g.at}.id: "${g.id}" is already the visit of ${travelers.join(', ') || '?'} to ${hosts.join(', ') || '?'} on ${date ?? '?'}; ` +
          'give another id, or none to have one made',
        { at: g.at, id: g.id },
      );
    }
  }
}
