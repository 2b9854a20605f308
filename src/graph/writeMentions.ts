import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';

export interface Mention {
  sourceId: string;
  entityId: string;
  paragraphs: number[];
}

/** Source -MENTIONS-> entity for each mention, paragraphs merged (one statement for all). */
export async function writeMentions(tx: Tx, mentions: Mention[]): Promise<void> {
  if (mentions.length === 0) return;
  await tx.run(cypher('write/write-mentions'), { mentions });
}
