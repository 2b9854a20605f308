/**
 * Deletes every node and relationship (the schema stays), in batches whose memory is bounded:
 * relationships first, then the bare nodes. Detaching nodes in batches instead would put every
 * relationship of a batch's nodes in one transaction (a country with thousands of visits),
 * which the per-transaction memory limit of the embedded Neo4j refuses.
 */
import type { Db } from './driver.js';

export async function emptyGraph(db: Db): Promise<void> {
  const session = db.driver.session(db.database ? { database: db.database } : {});
  try {
    await session.run('MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 5000 ROWS');
    await session.run('MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
