/**
 * The edges of one write of visits or meetings, gathered and then sent in one statement
 * (cypher/write/write-edges.cypher). Rows for the same edge are joined here first, so the
 * statement sees each edge once: the first row's provenance, with every row's source in
 * `sources`, and the first role given.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { Interner, NodeRefs } from './nodeRefs.js';
import { typesWrittenBy } from './ontology.js';
import type { Provenance } from './provenance.js';

/** The types write-edges may be asked to write: those the ontology says the visit writer writes as edges. */
export const VISIT_MODEL_EDGE_TYPES = new Set<string>(typesWrittenBy('visit-edges'));

type Scalar = string | number | boolean | null;

export interface EdgeDetails {
  /** The person's role at the time, as the source states it (the first one given is kept). */
  role?: string | null;
  /** Properties set when the edge is created. */
  props?: Record<string, Scalar>;
  /** The property of `props` that tells two edges of the same type and ends apart (MET: meetingId; write-edges looks it up by type). */
  key?: string;
  /** The event the edge belongs to: when this write created it, the edge is new too. */
  owner?: string;
  /** Properties that follow the event on every write (VISITED's dates). */
  refresh?: Record<string, Scalar>;
}

interface Edge extends EdgeDetails {
  from: string;
  to: string;
  type: string;
  provs: Provenance[];
  /** It touches a node this write created: it cannot exist yet. */
  fresh: boolean;
}

export class EdgeBatch {
  private readonly provTable = new Interner<Provenance>((value) => JSON.stringify(value));
  /** Provenance maps, shared with the statements that write the events themselves. */
  readonly provs = this.provTable.list;
  private readonly edges = new Map<string, Edge>();

  /**
   * @param fresh ids of nodes created by this write (no edge can touch them yet); it grows as
   *   the write creates visits and meetings, before their edges are added.
   * @param nodes element ids of the nodes this write touches.
   */
  constructor(readonly fresh: Set<string> = new Set(), readonly nodes = new NodeRefs()) {}

  prov(value: Provenance): number {
    return this.provTable.of(value);
  }

  add(from: string, type: string, to: string, prov: Provenance, details: EdgeDetails = {}): void {
    if (!VISIT_MODEL_EDGE_TYPES.has(type)) throw new Error(`not an edge type of the visit model: ${type}`);
    const keyValue = details.key === undefined ? '' : String(details.props?.[details.key]);
    const id = `${from}\u0000${type}\u0000${to}\u0000${keyValue}`;
    const seen = this.edges.get(id);
    if (!seen) {
      const fresh = this.fresh.has(from) || this.fresh.has(to) || (details.owner !== undefined && this.fresh.has(details.owner));
      this.edges.set(id, { ...details, from, to, type, provs: [prov], fresh, role: details.role || null });
      return;
    }
    seen.provs.push(prov);
    seen.role ||= details.role || null;
    if (details.refresh) seen.refresh = details.refresh;
  }

  /** The provenance an edge is written with: its first row's, supported by every row's source. */
  private provOf(edge: Edge): number {
    const [first, ...rest] = edge.provs;
    if (rest.length === 0) return this.prov(first!);
    const sources = [...new Set(edge.provs.flatMap((p) => p.sources))];
    return this.prov({ ...first!, sources });
  }

  /** Rows are lists, not maps, naming nodes by index into one list of element ids each sent once. */
  async write(tx: Tx): Promise<void> {
    if (this.edges.size === 0) return;
    const edges = [...this.edges.values()];
    await this.nodes.load(tx, edges.flatMap((e) => [e.from, e.to]));
    const nodes = this.nodes.table();
    const row = (e: Edge) => {
      const list: unknown[] = [nodes.of(e.from), nodes.of(e.to), e.type, this.provOf(e), e.role ?? null, e.props ?? null, e.refresh ?? null];
      while (list.length > 4 && list[list.length - 1] === null) list.pop();
      return list;
    };
    const created = edges.filter((e) => e.fresh).map(row);
    const merged = edges.filter((e) => !e.fresh).map(row);
    await tx.run(cypher('write/write-edges'), { created, edges: merged, provs: this.provs, nodes: nodes.list() });
  }
}
