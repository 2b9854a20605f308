import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { Interner, NodeRefs } from './nodeRefs.js';

export interface Mention {
  sourceId: string;
  entityId: string;
  paragraphs: number[];
}

/**
 * Source -MENTIONS-> entity for each mention, paragraphs merged (one statement for all). Mentions
 * of one entity by one source are merged here first, so a batch sends each pair once, with its
 * paragraphs distinct and sorted. `fresh` names entities this transaction has just created (no
 * MENTIONS can touch them yet): their mentions are created without looking for one. `nodes`
 * holds element ids the caller already knows (the others are read in one statement).
 */
export async function writeMentions(tx: Tx, mentions: Mention[], fresh?: ReadonlySet<string>, nodes = new NodeRefs()): Promise<void> {
  if (mentions.length === 0) return;
  const merged = new Map<string, Mention>();
  for (const m of mentions) {
    const key = `${m.sourceId}\u0000${m.entityId}`;
    const seen = merged.get(key);
    if (seen) {
      for (const p of m.paragraphs) if (!seen.paragraphs.includes(p)) seen.paragraphs.push(p);
    } else {
      merged.set(key, { sourceId: m.sourceId, entityId: m.entityId, paragraphs: [...new Set(m.paragraphs)] });
    }
  }
  const created: Mention[] = [];
  const rest: Mention[] = [];
  for (const m of merged.values()) {
    m.paragraphs.sort((a, b) => a - b);
    (fresh?.has(m.entityId) || fresh?.has(m.sourceId) ? created : rest).push(m);
  }
  // Rows name their nodes by index into one list of element ids, each sent once.
  await nodes.load(tx, [...merged.values()].flatMap((m) => [m.sourceId, m.entityId]));
  const table = nodes.table();
  const sourceIds = new Interner<string>();
  const row = (m: Mention) => [table.of(m.sourceId), table.of(m.entityId), sourceIds.of(m.sourceId), m.paragraphs];
  // The others by source: the statement walks each source's mentions once for all of them.
  const bySource = new Map<string, [number, number, [number, number[]][]]>();
  for (const m of rest) {
    const group = bySource.get(m.sourceId) ?? bySource.set(m.sourceId, [table.of(m.sourceId), sourceIds.of(m.sourceId), []]).get(m.sourceId)!;
    group[2].push([table.of(m.entityId), m.paragraphs]);
  }
  await tx.run(cypher('write/write-mentions'), { created: created.map(row), bySource: [...bySource.values()], nodes: table.list(), ids: sourceIds.list });
}
