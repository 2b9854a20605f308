/**
 * The warm-up the supervisor runs against a restarted embedded Neo4j before it lets requests
 * through again: one visit (new traveler and host, a meeting, a topic) written through the same
 * writer as recordVisit and then rolled back, so nothing stays in the graph. On a cold JVM the
 * planning of a visit write's statements costs tens of seconds on a busy machine; done once here,
 * instead of by every client at the same time, the first real writes find the plans cached.
 */
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { writeVisits } from './graph/writeVisits.js';

/** Thrown at the end of the warm-up's work so that its transaction rolls back (never retried: not a Neo4jError). */
class RollBack extends Error {}

export async function warmUpWrites(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ ...(database ? { database } : {}), defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.executeWrite(async (tx) => {
      await writeVisits(tx, [
        {
          traveler: { name: 'Warm-up Traveler', kind: 'PERSON' },
          host: { name: 'Warm-up Country', kind: 'COUNTRY' },
          date: '1900-01-01',
          topics: ['Warm-up Topic'],
          meetings: [{ with: [{ name: 'Warm-up Host', kind: 'PERSON' }] }],
        },
      ]);
      throw new RollBack();
    }, { timeout: 120_000 });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  } finally {
    await session.close();
  }
}
