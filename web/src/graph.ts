/** The drawing: cytoscape with the fcose layout, styled by kind, merged without duplicates. */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Graph, GraphEdge, GraphGroup, GraphNode, GroupPage } from './api.js';
import { relationLabel, type Lang } from './i18n.js';
import { DRAW_KINDS, KIND_STYLES, drawKind, type DrawKind } from './kinds.js';

cytoscape.use(fcose);
// Cytoscape's own warnings go to the console; the page reports what matters itself.
cytoscape.warnings(false);

/** Edge labels show on hover and selection always, and for every edge when zoomed in this far. */
const EDGE_LABEL_ZOOM = 1.25;
/** …or when the drawing is small enough for them not to crowd. */
const EDGE_LABEL_MAX_EDGES = 28;
const LABEL_MAX_CHARS = 34;
const MAX_FIT_ZOOM = 1.5;
const FONT = '"Noto Sans", "Noto Sans Arabic", "DejaVu Sans", "Segoe UI", Tahoma, sans-serif';

function shorten(text: string): string {
  return text.length > LABEL_MAX_CHARS ? `${text.slice(0, LABEL_MAX_CHARS - 1).trimEnd()}…` : text;
}

export function nodeLabel(node: { name: string; nameAr?: string | null }, lang: Lang): string {
  return shorten(lang === 'ar' && node.nameAr ? node.nameAr : node.name);
}

function style(): cytoscape.StylesheetJson {
  const kinds = DRAW_KINDS.map((kind) => {
    const { color, shape, size } = KIND_STYLES[kind];
    return {
      selector: `node[drawKind = "${kind}"]`,
      style: { 'background-color': color, shape, width: size, height: size },
    } as cytoscape.StylesheetJsonBlock;
  });
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 11,
        color: '#0f172a',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '120px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.82,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'overlay-padding': 4,
      },
    },
    ...kinds,
    // A group: one node standing for many neighbours, with their count; a tap opens a page of them.
    {
      selector: 'node[drawKind = "GROUP"]',
      style: {
        shape: 'round-rectangle',
        width: 44,
        height: 26,
        'background-color': '#e2e8f0',
        'border-width': 2,
        'border-style': 'dashed',
        'border-color': '#475569',
        'text-valign': 'center',
        'text-margin-y': 0,
        'font-size': 10,
        'text-background-opacity': 0,
        'text-max-width': '150px',
      },
    },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#0f172a', 'font-weight': 'bold', 'font-size': 13, 'z-index': 10 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f59e0b', 'z-index': 11 } },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': '#f59e0b', 'font-weight': 'bold' } },
    { selector: 'node.faded', style: { opacity: 0.35 } },
    // A label that would lie on a more important one is left out; hover or selection shows it.
    { selector: 'node.label-hidden', style: { label: '' } },
    { selector: 'node.label-hidden.hover, node.label-hidden:selected', style: { label: 'data(label)', 'z-index': 20 } },
    {
      selector: 'edge',
      style: {
        width: 1.4,
        'line-color': '#94a3b8',
        'target-arrow-color': '#94a3b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        'control-point-step-size': 28,
        'font-family': FONT,
        'font-size': 9,
        color: '#334155',
        'text-rotation': 'autorotate',
        'text-background-color': '#f8fafc',
        'text-background-opacity': 0.9,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 6,
        label: '',
      },
    },
    { selector: 'edge.labelled, edge.near-focus, edge.hover, edge:selected', style: { label: 'data(label)' } },
    { selector: 'edge.hover', style: { 'line-color': '#475569', 'target-arrow-color': '#475569', width: 2.2, 'z-index': 9 } },
    { selector: 'edge:selected', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 3.5, 'z-index': 12, color: '#92400e' } },
    { selector: 'edge.path', style: { 'line-color': '#ea580c', 'target-arrow-color': '#ea580c', width: 3.5, label: 'data(label)' } },
    { selector: 'edge.faded', style: { opacity: 0.25 } },
  ];
}

function nodeData(node: GraphNode, lang: Lang) {
  return {
    id: node.id,
    kind: node.kind,
    drawKind: drawKind(node) as DrawKind,
    name: node.name,
    nameAr: node.nameAr ?? null,
    labels: node.labels,
    label: nodeLabel(node, lang),
  };
}

function edgeData(edge: GraphEdge, lang: Lang) {
  return {
    id: `edge:${edge.id}`,
    relId: edge.id,
    source: edge.source,
    target: edge.target,
    type: edge.type,
    properties: edge.properties,
    label: relationLabel(edge.type, lang),
  };
}

/** The most group nodes drawn next to the entities: the focus's first, then the largest. */
export const MAX_GROUPS_DRAWN = 30;

/** "3,265 × host country · 1874–2024": a group's label (the count grows with what is left to open). */
export function groupLabel(group: GraphGroup, left: number, lang: Lang): string {
  const years = group.from && group.to ? ` · ${group.from.slice(0, 4)}–${group.to.slice(0, 4)}` : '';
  return `${left.toLocaleString(lang === 'ar' ? 'ar' : 'en-US')} × ${relationLabel(group.type, lang)}${years}`;
}

/** The groups to draw: those of drawn nodes, the focus's first, then the largest, at most MAX_GROUPS_DRAWN. */
export function groupsToDraw(graph: Graph, focusId: string): GraphGroup[] {
  const drawn = new Set(graph.nodes.map((n) => n.id));
  return (graph.groups ?? [])
    .filter((g) => drawn.has(g.node))
    .sort((a, b) => Number(b.node === focusId) - Number(a.node === focusId) || b.count - a.count || a.id.localeCompare(b.id))
    .slice(0, MAX_GROUPS_DRAWN);
}

const measureCanvas = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');

/**
 * Where a node's label lies (model coordinates), measured as the stylesheet draws it: the font and
 * size of its class, wrapped on spaces at the maximum width, below the node (groups: on it), with a
 * little room around. Used until cytoscape has measured the label itself.
 */
function labelBox(node: cytoscape.NodeSingular): cytoscape.BoundingBox12 | null {
  const label = node.data('label') as string | undefined;
  if (!label || !measureCanvas) return null;
  const group = node.data('drawKind') === 'GROUP';
  const focus = node.hasClass('focus');
  const size = focus ? 13 : group ? 10 : 11;
  const maxWidth = group ? 150 : 120;
  measureCanvas.font = `${focus ? 'bold ' : ''}${size}px ${FONT}`;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
    if (lines.length && measureCanvas.measureText(last).width <= maxWidth) lines[lines.length - 1] = last;
    else lines.push(word);
  }
  const width = Math.max(...lines.map((line) => measureCanvas.measureText(line).width)) + 2;
  const height = lines.length * size * 1.3 + 2;
  const room = 3;
  const { x, y } = node.position();
  const top = group ? y - height / 2 : y + node.height() / 2 + 4;
  return { x1: x - width / 2 - room, x2: x + width / 2 + room, y1: top - room, y2: top + height + room };
}

export interface Drawing {
  cy: cytoscape.Core;
  /** Replaces the drawing with a graph; resolves when laid out. */
  replace(graph: Graph, lang: Lang): Promise<void>;
  /** Adds a graph's nodes and edges (no duplicates) around an anchor node; resolves when laid out. Returns how many nodes were new. */
  merge(graph: Graph, lang: Lang, anchorId: string): Promise<number>;
  /** Draws one more page of a group's members next to its node; the group shows what is left, and goes when empty. */
  openGroup(groupId: string, page: GroupPage, lang: Lang): Promise<number>;
  relabel(lang: Lang): void;
  setFocus(id: string | null): void;
  fit(): void;
}

/** Cytoscape's node shapes as its canvas renderer holds them (not part of its typed API). */
interface RendererWithShapes {
  nodeShapes?: Record<string, { checkPoint?: (x: number, ...rest: unknown[]) => boolean }>;
}

/**
 * Makes a press on a node's exact centre line count as a press on the node.
 *
 * Cytoscape (3.34) decides whether the pointer is in a polygonal node by casting a vertical ray
 * from it and counting the sides the ray crosses (`math.pointInsidePolygonPoints`); a vertex lying
 * exactly on the ray is counted once for each of its two sides. A diamond, a star and a vee have a
 * vertex straight below their centre, so a press whose model x is exactly the node's x counts two
 * crossings there, comes out "outside", and the node gets no tap: the press goes to the background
 * or to an edge behind the node (a triangle, the other way round, takes a press just above its
 * apex). That x is hit whenever the pixel pressed maps back onto the node's x to the last bit, for
 * instance after `cy.center(node)` in a container of even width, which puts the node on the whole
 * pixel column in the middle (12 presses in 60 landed on the vertex then, in headless Chromium).
 *
 * Each node shape's test is therefore asked a hair (a billionth of x, far below a pixel) to either
 * side of the pointer, where no vertex lies on the ray: the node is pressed when either is inside.
 */
function tolerateVertexOnRay(cy: cytoscape.Core): void {
  const renderer = (cy as unknown as { renderer?: () => RendererWithShapes | undefined }).renderer?.();
  for (const shape of Object.values(renderer?.nodeShapes ?? {})) {
    const check = shape.checkPoint;
    if (typeof check !== 'function') continue;
    shape.checkPoint = function checkPoint(this: unknown, x: number, ...rest: unknown[]): boolean {
      const hair = Math.max(Math.abs(x), 1) * 1e-9;
      return check.call(this, x - hair, ...rest) || check.call(this, x + hair, ...rest);
    };
  }
}

/** fcose's starting energy for a first drawing (its default, 0.3, is kept for merges). */
const FIRST_DRAWING_ENERGY = 0.25;
const MERGE_ENERGY = 0.3;
/** Room along a ring for each node of a first drawing, and the least distance between rings (model px). */
const RING_SPACING = 80;
const RING_GAP = 150;

/**
 * The starting placement of a first drawing: the focus in the middle, the nodes one hop from it on
 * a ring in rank order, each further hop on the next ring, its nodes in the order of the node they
 * are reached through (so a node starts beside it, a group beside its owner). Nodes the focus does
 * not reach go on an outer ring. Deterministic: one answer is always drawn the same way.
 */
function placeInRings(cy: cytoscape.Core, focusId: string): void {
  const byRank = cy.nodes().sort((a, b) => (a.data('rank') as number) - (b.data('rank') as number));
  const focus = cy.getElementById(focusId);
  if (focus.empty()) return;
  // Breadth first from the focus, neighbours in rank order: a node's parent is its best-ranked way in.
  const hop = new Map<string, number>([[focus.id(), 0]]);
  const parent = new Map<string, string>();
  let frontier: cytoscape.NodeSingular[] = [focus];
  while (frontier.length > 0) {
    const next: cytoscape.NodeSingular[] = [];
    for (const node of frontier) {
      node.neighborhood().nodes().sort((a, b) => (a.data('rank') as number) - (b.data('rank') as number)).forEach((other) => {
        if (hop.has(other.id())) return;
        hop.set(other.id(), hop.get(node.id())! + 1);
        parent.set(other.id(), node.id());
        next.push(other);
      });
    }
    frontier = next;
  }
  const unreached = Math.max(0, ...hop.values()) + 1;
  const rings: cytoscape.NodeSingular[][] = [];
  byRank.forEach((node) => {
    const h = hop.get(node.id()) ?? unreached;
    (rings[h] ??= []).push(node);
  });
  const angle = new Map<string, number>([[focus.id(), 0]]);
  const positions = new Map<string, cytoscape.Position>([[focus.id(), { x: 0, y: 0 }]]);
  let radius = 0;
  for (const ring of rings.slice(1)) {
    if (!ring) continue;
    const angleOf = (node: cytoscape.NodeSingular) => angle.get(parent.get(node.id()) ?? '') ?? 0;
    // Stable sort: within one parent, the rank order stays.
    ring.sort((a, b) => angleOf(a) - angleOf(b));
    radius = Math.max(radius + RING_GAP, (ring.length * RING_SPACING) / (2 * Math.PI));
    ring.forEach((node, i) => {
      const a = (2 * Math.PI * i) / ring.length;
      angle.set(node.id(), a);
      positions.set(node.id(), { x: radius * Math.cos(a), y: radius * Math.sin(a) });
    });
  }
  cy.batch(() => cy.nodes().forEach((node) => {
    const p = positions.get(node.id());
    if (p) node.position(p);
  }));
}

export function createDrawing(container: HTMLElement): Drawing {
  const cy = cytoscape({
    container,
    style: style(),
    minZoom: 0.15,
    maxZoom: 4,
    boxSelectionEnabled: false,
    selectionType: 'single',
  });
  tolerateVertexOnRay(cy);

  const refreshEdgeLabels = () => {
    const all = cy.edges();
    const show = cy.zoom() >= EDGE_LABEL_ZOOM || all.length <= EDGE_LABEL_MAX_EDGES;
    cy.batch(() => {
      if (show) all.addClass('labelled');
      else all.removeClass('labelled');
    });
  };
  cy.on('zoom', refreshEdgeLabels);

  cy.on('mouseover', 'node', (event) => {
    event.target.addClass('hover');
    event.target.connectedEdges().addClass('hover');
    container.title = event.target.data('nameAr') ? `${event.target.data('name')} — ${event.target.data('nameAr')}` : event.target.data('name');
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    event.target.connectedEdges().removeClass('hover');
    container.title = '';
  });
  cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));

  /**
   * Runs fcose from the positions the nodes have. A first drawing starts from `placeInRings` with
   * less energy, so the force pass polishes a sensible placement instead of building one from
   * fcose's random spectral start, which is a pass of its own, needs more force iterations after
   * it (about 685 against 536 for a hub's 124 nodes) and gave a different drawing on every load.
   * A merge starts from the drawing as it is, with fcose's usual energy, as the new nodes start
   * piled around the node they came from.
   */
  const layout = async (options: { first: boolean; focusId?: string; fixed?: string[] }) => {
    const n = cy.nodes().length;
    const run = cy.layout({
      name: 'fcose',
      // 'draft' skips the force-directed pass and piles nodes up; 'default' lays out 300 nodes in ~2.5 s.
      quality: 'default',
      randomize: false,
      // fcose keeps this setting between runs, hence given every time.
      initialEnergyOnIncremental: options.first ? FIRST_DRAWING_ENERGY : MERGE_ENERGY,
      animate: !options.first && n < 300,
      animationDuration: 450,
      fit: true,
      padding: 36,
      nodeDimensionsIncludeLabels: true,
      uniformNodeDimensions: false,
      packComponents: true,
      nodeRepulsion: () => 12000,
      idealEdgeLength: () => (n > 120 ? 90 : 120),
      edgeElasticity: () => 0.35,
      nestingFactor: 0.1,
      gravity: 0.2,
      gravityRange: 3.8,
      numIter: 2500,
      nodeSeparation: 90,
      tile: true,
      fixedNodeConstraint: options.fixed?.map((id) => ({ nodeId: id, position: cy.getElementById(id).position() })),
    } as unknown as cytoscape.LayoutOptions);
    const done = run.promiseOn('layoutstop');
    const started = performance.now();
    if (options.first && options.focusId) placeInRings(cy, options.focusId);
    run.run();
    await done;
    // How long each layout took, for the tests and benchmarks to read (performance.getEntriesByName).
    performance.measure('explorer-layout', { start: started, detail: { nodes: n, edges: cy.edges().length, first: options.first } });
    // A graph of a few nodes would otherwise be blown up to fill the window.
    if (cy.zoom() > MAX_FIT_ZOOM) {
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    refreshEdgeLabels();
    declutterLabels();
  };

  /**
   * Keeps the drawing readable at any zoom (labels scale with it): nodes are taken in rank order
   * (the focus, then the order the API ranked them in, groups last), and a label that would overlap
   * one already kept is hidden until hover or selection.
   */
  const declutterLabels = () => {
    // Measured on the labels as cytoscape lays them out (font, wrapping, zoom), all shown first.
    cy.nodes().removeClass('label-hidden');
    const order = cy.nodes().sort((a, b) => Number(b.hasClass('focus')) - Number(a.hasClass('focus')) || (a.data('rank') as number) - (b.data('rank') as number));
    const kept: cytoscape.BoundingBox12[] = [];
    const hide: cytoscape.NodeSingular[] = [];
    order.forEach((node) => {
      if (!node.data('label')) return;
      const drawn = node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
      // Before cytoscape has measured a label, our own measure stands in.
      const box = drawn.w > 0 && drawn.h > 0 ? drawn : labelBox(node);
      if (!box) return;
      if (kept.some((k) => box.x1 < k.x2 && k.x1 < box.x2 && box.y1 < k.y2 && k.y1 < box.y2)) hide.push(node);
      else kept.push(box);
    });
    cy.batch(() => hide.forEach((n) => n.addClass('label-hidden')));
  };

  // The order nodes were added in: the API's ranking within one answer, earlier answers first.
  let nextRank = 0;

  const addGroups = (groups: GraphGroup[], lang: Lang, focusId: string) => {
    for (const [i, group] of groups.entries()) {
      // The focus's own groups rank right after it; others after every entity.
      const rank = group.node === focusId ? 0.5 + i / 1000 : nextRank++;
      if (cy.getElementById(group.id).nonempty() || cy.getElementById(group.node).empty()) continue;
      const owner = cy.getElementById(group.node).position();
      cy.add({
        group: 'nodes',
        data: { rank, id: group.id, drawKind: 'GROUP', kind: 'GROUP', name: groupLabel(group, group.count, 'en'), label: groupLabel(group, group.count, lang), group, left: group.count, cursor: null },
        position: { x: owner.x + 60, y: owner.y + 40 },
      });
      const [source, target] = group.direction === 'OUT' ? [group.node, group.id] : [group.id, group.node];
      cy.add({ group: 'edges', data: { id: `edge:${group.id}`, source, target, type: group.type, properties: {}, label: relationLabel(group.type, lang), groupEdge: true } });
    }
  };

  const add = (graph: Graph, lang: Lang, around?: cytoscape.Position, focusId?: string): number => {
    let added = 0;
    const fresh = graph.nodes.filter((node) => cy.getElementById(node.id).empty());
    // Start new nodes spread on a circle (around the expanded node, if any), never on top of each
    // other: edges between coinciding nodes cannot be drawn until the layout has run.
    const centre = around ?? { x: 0, y: 0 };
    const radius = around ? 90 : Math.max(150, fresh.length * 12);
    cy.batch(() => {
      fresh.forEach((node, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length) + (around ? 0.3 : 0);
        const position = { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
        cy.add({ group: 'nodes', data: { ...nodeData(node, lang), rank: nextRank++ }, position });
        added += 1;
      });
      for (const edge of graph.edges) {
        const data = edgeData(edge, lang);
        if (cy.getElementById(data.id).nonempty()) continue;
        if (cy.getElementById(edge.source).empty() || cy.getElementById(edge.target).empty()) continue;
        cy.add({ group: 'edges', data });
      }
      if (focusId) addGroups(groupsToDraw(graph, focusId), lang, focusId);
    });
    return added;
  };

  return {
    cy,
    async replace(graph, lang) {
      cy.elements().remove();
      const focusId = graph.nodes[0]?.id;
      add(graph, lang, undefined, focusId);
      if (cy.nodes().length > 0) await layout({ first: true, focusId });
    },
    async merge(graph, lang, anchorId) {
      const anchor = cy.getElementById(anchorId);
      const around = anchor.nonempty() ? { ...anchor.position() } : undefined;
      const added = add(graph, lang, around, anchorId);
      if (added > 0) await layout({ first: false });
      else refreshEdgeLabels();
      return added;
    },
    async openGroup(groupId, page, lang) {
      const node = cy.getElementById(groupId);
      if (node.empty()) return 0;
      const group = node.data('group') as GraphGroup;
      const around = { ...node.position() };
      const edges: GraphEdge[] = page.nodes.map((member) => {
        const [source, target] = group.direction === 'OUT' ? [group.node, member.id] : [member.id, group.node];
        return { id: `${groupId}:${member.id}`, type: group.type, source, target, properties: {} };
      });
      const added = add({ nodes: page.nodes, edges }, lang, around);
      const left = Math.max(0, (node.data('left') as number) - page.nodes.length);
      if (!page.hasNextPage || left === 0) cy.remove(node);
      else node.data({ left, cursor: page.endCursor, label: groupLabel(group, left, lang) });
      if (added > 0) await layout({ first: false });
      return added;
    },
    relabel(lang) {
      cy.batch(() => {
        cy.nodes().forEach((node) => {
          if (node.data('drawKind') === 'GROUP') node.data('label', groupLabel(node.data('group') as GraphGroup, node.data('left') as number, lang));
          else node.data('label', nodeLabel({ name: node.data('name') as string, nameAr: node.data('nameAr') as string | null }, lang));
        });
        cy.edges().forEach((edge) => {
          edge.data('label', relationLabel(edge.data('type') as string, lang));
        });
      });
      declutterLabels();
    },
    setFocus(id) {
      cy.nodes('.focus').removeClass('focus');
      cy.edges('.near-focus').removeClass('near-focus');
      if (!id) return;
      const node = cy.getElementById(id);
      node.addClass('focus');
      // The focused entity's own relations are labelled whenever they are few enough to read.
      const edges = node.connectedEdges();
      if (edges.length <= 16) edges.addClass('near-focus');
      declutterLabels();
    },
    fit() {
      cy.fit(undefined, 36);
      if (cy.zoom() > MAX_FIT_ZOOM) {
        cy.zoom(MAX_FIT_ZOOM);
        cy.center();
      }
    },
  };
}
