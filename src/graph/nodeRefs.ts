/**
 * Helpers for the batch writers: values sent once per statement and named by index, and the
 * element ids of the nodes a write touches.
 */
import type { Tx } from '../db/driver.js';

/** Distinct values, each sent once; rows carry their index (`of`). */
export class Interner<T> {
  readonly list: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly keyOf: (value: T) => string = String) {}
  of(value: T): number {
    const key = this.keyOf(value);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(value);
      this.index.set(key, i);
    }
    return i;
  }
}

/**
 * The element ids (and names) of nodes by entity id, within one transaction. A statement that names its
 * nodes by element id finds each with a direct record lookup (NodeByElementIdSeek) instead of a
 * seek in the unique index `entity_id`, which also takes a lock on the index entry: the edge and
 * mention statements of a batch look up tens of thousands of endpoints. Element ids are only
 * used inside the transaction that read them (never cached across transactions).
 */
export class NodeRefs {
  private readonly byId = new Map<string, string>();
  private readonly arabic = new Map<string, string>();
  private readonly english = new Map<string, string>();

  set(id: string, elementId: string, nameAr?: string | null, name?: string | null): void {
    this.byId.set(id, elementId);
    if (nameAr) this.arabic.set(id, nameAr);
    if (name) this.english.set(id, name);
  }

  /** The node's name, when known (for the names of meetings). */
  name(id: string): string | undefined {
    return this.english.get(id);
  }

  /** The node's Arabic name, when it has one (for the names of visits and meetings). */
  nameAr(id: string): string | undefined {
    return this.arabic.get(id);
  }

  /** The element id of `id`, or null when no such node exists (rows naming it then write nothing, as a MATCH by id would). */
  get(id: string): string | null {
    return this.byId.get(id) ?? null;
  }

  /** Reads, in one statement, the element ids of the given entities not known yet. */
  async load(tx: Tx, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.byId.has(id));
    if (missing.length === 0) return;
    const result = await tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, elementId(n) AS node, n.nameAr AS nameAr, n.name AS name', { ids: missing });
    for (const r of result.records) this.set(r.get('id') as string, r.get('node') as string, r.get('nameAr') as string | null, r.get('name') as string | null);
  }

  /** Rows name their nodes by index (`of`) into one list of element ids (`list()`, sent once as `$nodes`). */
  table() {
    const interner = new Interner<string>();
    return {
      of: (id: string) => interner.of(id),
      list: () => interner.list.map((id) => this.get(id)),
    };
  }
}
