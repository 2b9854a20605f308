/**
 * What is derived from the visits rather than stated: whom a traveler travelled for when no
 * source says (from the post held at the date), the order of a tour's stops, and which earlier
 * visit to the same country by a holder of the same post a visit follows (PRECEDED_BY).
 * A single write keeps them true at once. A bulk import hands the writers an Upkeep instead, so
 * that each tour and each (country, post) chain is worked out once at the end of the import,
 * with everything the file brought, rather than again for every batch that touches it.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';

export interface PrecedentPair {
  hostId: string;
  postId: string;
}

/** A visit whose traveler's country and post are to be derived, with the role its source states (normalized). */
export interface RepresentingRow {
  visitId: string;
  roleKey: string | null;
}

export class Upkeep {
  readonly visitIds = new Set<string>();
  /** Visit id → the first role a source stated for its traveler. */
  private readonly representing = new Map<string, string | null>();
  readonly tourIds = new Set<string>();
  private readonly pairs = new Map<string, PrecedentPair>();

  /** Visits written, tours they are stops of, and (country, post) pairs whose chain may have changed. */
  note(touched: { visitIds?: Iterable<string>; tourIds?: Iterable<string>; pairs?: Iterable<PrecedentPair>; representing?: Iterable<RepresentingRow> }): void {
    for (const id of touched.visitIds ?? []) this.visitIds.add(id);
    for (const row of touched.representing ?? []) {
      if (!this.representing.has(row.visitId) || this.representing.get(row.visitId) === null) this.representing.set(row.visitId, row.roleKey);
    }
    for (const id of touched.tourIds ?? []) this.tourIds.add(id);
    for (const pair of touched.pairs ?? []) this.pairs.set(`${pair.hostId}\u0000${pair.postId}`, pair);
  }

  /** Takes over what another (a batch that has committed) noted. */
  absorb(other: Upkeep): void {
    this.note({
      visitIds: other.visitIds, tourIds: other.tourIds, pairs: other.pairs.values(),
      representing: [...other.representing].map(([visitId, roleKey]) => ({ visitId, roleKey })),
    });
  }

  get empty(): boolean {
    return this.visitIds.size + this.tourIds.size + this.pairs.size + this.representing.size === 0;
  }

  /** Derives whom travelers travelled for, puts tours in order and links precedents, for everything noted. */
  async apply(tx: Tx): Promise<void> {
    if (this.representing.size > 0) {
      await tx.run(cypher('write/link-representing'), { visits: [...this.representing].map(([visitId, roleKey]) => ({ visitId, roleKey })) });
    }
    if (this.tourIds.size > 0) await tx.run(cypher('write/link-tours'), { tourIds: [...this.tourIds] });
    await linkPrecedents(tx, { visitIds: [...this.visitIds], pairs: [...this.pairs.values()] });
  }
}

/**
 * Recomputes PRECEDED_BY for every (host country, post) pair the write touched: the posts the
 * travelers of `visitIds` held on their dates, and the explicit `pairs` (posts just recorded).
 */
export async function linkPrecedents(tx: Tx, touched: { visitIds?: string[]; pairs?: PrecedentPair[] }): Promise<void> {
  const visitIds = touched.visitIds ?? [];
  const pairs = touched.pairs ?? [];
  if (visitIds.length === 0 && pairs.length === 0) return;
  await tx.run(cypher('write/link-precedents'), { visitIds, pairs });
}

/** Keeps what is derived true now, or notes it for the end of an import when an Upkeep is given. */
export async function keepDerived(
  tx: Tx, deferred: Upkeep | undefined,
  touched: { visitIds?: string[]; tourIds?: string[]; pairs?: PrecedentPair[]; representing?: RepresentingRow[] },
): Promise<void> {
  const now = new Upkeep();
  now.note(touched);
  if (deferred) deferred.absorb(now);
  else await now.apply(tx);
}
