import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';

export interface Mention {
  sourceId: string;
  entityId: string;
  paragraphs: number[];
}

/**
 * Source -MENTIONS-> entity for each mention, paragraphs merged (one statement for all). Mentions
 * of one entity by one source are merged here first, so a batch sends each pair once.
 */
export async function writeMentions(tx: Tx, mentions: Mention[]): Promise<void> {
  if (mentions.length === 0) return;
  const merged = new Map<string, Mention>();
  for (const m of mentions) {
    const key = `${m.sourceId}\u0000${m.entityId}`;
    const seen = merged.get(key);
    if (seen) {
      for (const p of m.paragraphs) if (!seen.paragraphs.includes(p)) seen.paragraphs.push(p);
    } else {
      merged.set(key, { sourceId: m.sourceId, entityId: m.entityId, paragraphs: [...m.paragraphs] });
    }
  }
  await tx.run(cypher('write/write-mentions'), { mentions: [...merged.values()] });
}
