/** How each kind of entity looks: colour, cytoscape shape, and the legend's drawing of it. */
import { ENTITY_KINDS, EVENT_SUBLABELS, EVENT_SUBTYPES, KINDS, type EventSublabel } from '../../src/graph/ontology.js';
import type { Kind } from './api.js';

/** The drawn kinds: the EntityKinds, with the event sub-labels (visits, meetings, tours) told apart from other events. */
export type DrawKind = Kind | Uppercase<EventSublabel>;

/** Each drawn kind's name in both languages, from the ontology. */
export const DRAW_KIND_NAMES: Record<DrawKind, { en: string; ar: string }> = Object.fromEntries([
  ...ENTITY_KINDS.map((kind) => [kind, KINDS[kind]]),
  ...EVENT_SUBLABELS.map((label) => [label.toUpperCase(), EVENT_SUBTYPES[label]]),
]) as Record<DrawKind, { en: string; ar: string }>;

export interface KindStyle {
  color: string;
  shape: string;
  /** Node diameter in model pixels. */
  size: number;
}

export const KIND_STYLES: Record<DrawKind, KindStyle> = {
  PERSON: { color: '#2563eb', shape: 'ellipse', size: 34 },
  COUNTRY: { color: '#15803d', shape: 'round-rectangle', size: 36 },
  CITY: { color: '#0d9488', shape: 'diamond', size: 30 },
  REGION: { color: '#65a30d', shape: 'hexagon', size: 32 },
  ORGANIZATION: { color: '#7c3aed', shape: 'rectangle', size: 28 },
  POSITION: { color: '#b45309', shape: 'tag', size: 26 },
  PLACE: { color: '#0891b2', shape: 'triangle', size: 28 },
  EVENT: { color: '#dc2626', shape: 'star', size: 30 },
  VISIT: { color: '#ea580c', shape: 'vee', size: 32 },
  MEETING: { color: '#db2777', shape: 'octagon', size: 28 },
  TOUR: { color: '#9a3412', shape: 'rhomboid', size: 30 },
  AGREEMENT: { color: '#4338ca', shape: 'pentagon', size: 28 },
  TOPIC: { color: '#ca8a04', shape: 'round-octagon', size: 24 },
  STATEMENT: { color: '#64748b', shape: 'cut-rectangle', size: 24 },
  SOURCE: { color: '#334155', shape: 'barrel', size: 26 },
};

export const DRAW_KINDS = Object.keys(KIND_STYLES) as DrawKind[];

export function drawKind(node: { kind: Kind; labels?: string[] | null }): DrawKind {
  const sublabel = EVENT_SUBLABELS.find((label) => node.labels?.includes(label));
  if (sublabel) return sublabel.toUpperCase() as DrawKind;
  return KIND_STYLES[node.kind] ? node.kind : 'EVENT';
}

/** Polygon points on a 0..16 box, close to cytoscape's shapes, for the legend. */
const POLYGONS: Record<string, string> = {
  diamond: '8,1 15,8 8,15 1,8',
  hexagon: '4,2 12,2 15,8 12,14 4,14 1,8',
  tag: '1,3 11,3 15,8 11,13 1,13',
  triangle: '8,1 15,14 1,14',
  star: '8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6',
  vee: '1,2 8,7 15,2 8,15',
  octagon: '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5',
  'round-octagon': '5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5',
  rhomboid: '4,3 15,3 12,13 1,13',
  pentagon: '8,1 15,6.5 12.5,15 3.5,15 1,6.5',
  'cut-rectangle': '4,2 12,2 15,5 15,11 12,14 4,14 1,11 1,5',
};

/** A small inline SVG of a kind's shape and colour. */
export function legendIcon(kind: DrawKind): string {
  const { color, shape } = KIND_STYLES[kind];
  const paint = `fill="${color}" stroke="#ffffff" stroke-width="1"`;
  let body: string;
  if (shape === 'ellipse') body = `<circle cx="8" cy="8" r="7" ${paint}/>`;
  else if (shape === 'round-rectangle') body = `<rect x="1" y="2" width="14" height="12" rx="3" ${paint}/>`;
  else if (shape === 'rectangle') body = `<rect x="1" y="2" width="14" height="12" ${paint}/>`;
  else if (shape === 'barrel') body = `<path d="M3,2 Q1,8 3,14 L13,14 Q15,8 13,2 Z" ${paint}/>`;
  else body = `<polygon points="${POLYGONS[shape] ?? POLYGONS.octagon}" ${paint}/>`;
  return `<svg class="legend-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${body}</svg>`;
}
