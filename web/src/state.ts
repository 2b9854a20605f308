/**
 * What the explorer shows now, shared by its panels: the language, the focused entity, the
 * selection, the relation filters, the path and the timeline. One object, so that the end-to-end
 * tests (window.__explorer.state) and every panel read the same thing.
 */
import type { EntityDetails, NamedRef, RelationshipType, Suggestion, VisitSummary } from './api.js';
import { MESSAGES, format, type Lang, type MessageKey } from './i18n.js';

export type Selection = { type: 'entity'; details: EntityDetails } | { type: 'edge'; edgeId: string } | { type: 'missing'; id: string } | null;

export interface TimelineItem {
  date: string;
  role: string;
  event: VisitSummary;
  stop?: { index: number; of: number };
}

/** At most this many nodes per neighbourhood request. */
// About 150 drawn nodes at most: 120 entities and up to MAX_GROUPS_DRAWN groups of the rest.
export const NODE_LIMIT = 120;

export const state = {
  lang: 'en' as Lang,
  depth: 2,
  focusId: null as string | null,
  focusName: null as NamedRef | null,
  relationTypes: [] as RelationshipType[],
  enabledTypes: new Set<string>(),
  pathTo: null as Suggestion | null,
  selection: null as Selection,
  timelineOwner: null as NamedRef | null,
  timeline: null as TimelineItem[] | null,
  pathMessage: null as { key: MessageKey; n: number } | null,
  truncated: false,
  mode: 'neighbourhood' as 'neighbourhood' | 'path',
};

export const t = (key: MessageKey, values?: Record<string, string | number>) => format(MESSAGES[state.lang][key], values);
export const nameOf = (ref: { name: string; nameAr?: string | null }) => (state.lang === 'ar' && ref.nameAr ? ref.nameAr : ref.name);
