/**
 * What a visit or meeting was before a write and is after it, as text that compares: a write that
 * found an event and left it as it was reports it unchanged, else enriched.
 */
import type { Tx } from '../db/driver.js';

/** An event as write-visits and write-meetings found it (null: they created it). */
export type Snapshot = { props: Record<string, unknown>; degree: number } | null;

/** A stable text of a value, map keys sorted, for comparing snapshots. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Each entity as it is now (properties and degree), as comparable text. */
export async function snapshots(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await tx.run(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, {props: properties(n), degree: COUNT { (n)--() }} AS snapshot',
    { ids: [...new Set(ids)] },
  );
  return new Map(result.records.map((r) => [r.get('id') as string, canonical(r.get('snapshot'))]));
}
