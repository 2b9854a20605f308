/**
 * The explorer page: search an entity, draw its neighbourhood, expand, read provenance, draw
 * paths and timelines, in English or Arabic. All data comes from POST /graphql (api.ts). This
 * module draws and navigates; each panel is a module of its own, sharing state.ts.
 */
import './styles.css';
import type cytoscape from 'cytoscape';
import * as api from './api.js';
import type { EntityDetails } from './api.js';
import { attachArticlePanel } from './article.js';
import { clearErrors, idle, idleVersion, report, run, track } from './busy.js';
import { createDetailsPanel } from './details.js';
import { byId } from './dom.js';
import { attachDuplicatesPanel } from './duplicates.js';
import { attachFilters } from './filters.js';
import { createDrawing } from './graph.js';
import type { MessageKey } from './i18n.js';
import { attachLegend } from './legend.js';
import { attachPathPanel } from './path.js';
import { attachSearchBox } from './search.js';
import { NODE_LIMIT, state, t } from './state.js';
import { createTimelinePanel } from './timeline.js';

const drawing = createDrawing(byId('cy'));
const cy = drawing.cy;
// Keep the drawing's size in step with its box (the error banner, the window, the panel).
new ResizeObserver(() => cy.resize()).observe(byId('cy'));

/** Clicking a name anywhere draws that entity's neighbourhood afresh. */
const focusOn = (id: string) => run(() => focus(id, 'replace'));

const details = createDetailsPanel({ cy, onFocus: focusOn });
const timeline = createTimelinePanel({ onFocus: focusOn });
const legend = attachLegend(cy);
const filters = attachFilters({
  onChange: () => {
    const id = state.focusId;
    if (id && state.mode === 'neighbourhood') run(() => focus(id, 'replace', false));
  },
});
const path = attachPathPanel({
  drawing,
  onDrawn: () => {
    legend.renderStatus();
    details.render();
  },
});

function setUrl(push: boolean): void {
  const params = new URLSearchParams(location.search);
  params.delete('focus');
  params.delete('lang');
  params.delete('depth');
  if (state.focusId) params.set('focus', state.focusId);
  if (state.lang === 'ar') params.set('lang', 'ar');
  if (state.depth !== 2) params.set('depth', String(state.depth));
  // Ids read better with their colons: ?focus=person:mark-esper (a colon is valid in a query).
  const query = params.toString().replace(/%3A/gi, ':');
  const url = `${location.pathname}${query ? `?${query}` : ''}`;
  if (url === `${location.pathname}${location.search}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Draws an entity's neighbourhood afresh (`replace`) or adds its neighbours to the drawing (`expand`). */
async function focus(id: string, mode: 'replace' | 'expand', push = true): Promise<void> {
  state.focusId = id;
  state.mode = 'neighbourhood';
  state.pathMessage = null;
  setUrl(push);
  timeline.render();
  // Handled at once: the drawing goes on even when the details cannot be read.
  const entityRead = showEntity(id).catch((err: unknown) => {
    report(err);
    return null;
  });
  const graph = await api.neighborhood(id, mode === 'replace' ? state.depth : 1, filters.active(), NODE_LIMIT);
  state.truncated = graph.nodes.length >= NODE_LIMIT;
  if (mode === 'replace') await drawing.replace(graph, state.lang);
  else await drawing.merge(graph, state.lang, id);
  drawing.setFocus(id);
  const node = cy.getElementById(id);
  cy.elements(':selected').unselect();
  if (node.nonempty()) node.select();
  legend.renderStatus();
  const entity = await entityRead;
  if (entity) {
    state.focusName = entity;
    if (entity.kind !== 'EVENT' || !state.timelineOwner) void track(timeline.load(entity)).catch(report);
  }
  path.render();
}

async function showEntity(id: string): Promise<EntityDetails | null> {
  const found = await api.entity(id);
  state.selection = found ? { type: 'entity', details: found } : { type: 'missing', id };
  details.render();
  return found;
}

/** Draws the next page of a group's members around it. */
async function openGroup(id: string, after: string | null): Promise<void> {
  const page = await api.groupPage(id, after);
  await drawing.openGroup(id, page, state.lang);
  legend.renderStatus();
}

// ── Clicks on the drawing ──
cy.on('tap', 'node', (event) => {
  const node = event.target as cytoscape.NodeSingular;
  const id = node.id();
  if (node.data('drawKind') === 'GROUP') run(() => openGroup(id, node.data('cursor') as string | null));
  else run(() => focus(id, 'expand'));
});
cy.on('tap', 'edge', (event) => {
  const edge = event.target as cytoscape.EdgeSingular;
  state.selection = { type: 'edge', edgeId: edge.id() };
  details.render();
});

function applyLanguage(): void {
  const rtl = state.lang === 'ar';
  document.documentElement.lang = state.lang;
  document.documentElement.dir = rtl ? 'rtl' : 'ltr';
  byId('app').setAttribute('dir', rtl ? 'rtl' : 'ltr');
  byId('panel').setAttribute('dir', rtl ? 'rtl' : 'ltr');
  document.title = t('title');
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as MessageKey);
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-placeholder]').forEach((el) => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder as MessageKey));
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => {
    el.setAttribute('title', t(el.dataset.i18nTitle as MessageKey));
  });
  const toggle = byId('lang');
  toggle.setAttribute('lang', rtl ? 'en' : 'ar');
  toggle.setAttribute('aria-pressed', String(rtl));
  drawing.relabel(state.lang);
  legend.render();
  legend.renderStatus();
  details.render();
  path.render();
  timeline.render();
  filters.render();
  articlePanel.relabel();
  duplicatesPanel.relabel();
}

// ── Wiring ──
attachSearchBox({
  input: byId<HTMLInputElement>('search'),
  list: byId<HTMLUListElement>('search-list'),
  lang: () => state.lang,
  t,
  track,
  onError: report,
  onPick: (s) => {
    state.timelineOwner = null;
    run(() => focus(s.id, 'replace'));
  },
});
const depthSelect = byId<HTMLSelectElement>('depth');
depthSelect.addEventListener('change', () => {
  state.depth = Number(depthSelect.value);
  const id = state.focusId;
  if (id) run(() => focus(id, 'replace', false));
});
byId('fit').addEventListener('click', () => drawing.fit());
byId('lang').addEventListener('click', () => {
  state.lang = state.lang === 'en' ? 'ar' : 'en';
  setUrl(false);
  applyLanguage();
});
byId('errors-dismiss').addEventListener('click', clearErrors);
const articlePanel = attachArticlePanel({
  lang: () => state.lang,
  track,
  onError: report,
  onAccepted: focusOn,
});
const duplicatesPanel = attachDuplicatesPanel({
  lang: () => state.lang,
  track,
  onError: report,
  onShow: focusOn,
});

window.addEventListener('popstate', () => {
  const id = new URLSearchParams(location.search).get('focus');
  if (id && id !== state.focusId) {
    state.timelineOwner = null;
    run(() => focus(id, 'replace', false));
  }
});

// For the end-to-end tests and for poking around in the console.
declare global {
  interface Window {
    cy: cytoscape.Core;
    __explorer: {
      cy: cytoscape.Core;
      state: typeof state;
      idle: () => Promise<void>;
      version: () => number;
      ready: Promise<void>;
    };
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  state.lang = params.get('lang') === 'ar' ? 'ar' : 'en';
  const depth = Number(params.get('depth'));
  if (depth >= 1 && depth <= 3) state.depth = depth;
  depthSelect.value = String(state.depth);
  applyLanguage();
  await filters.load();
  const id = params.get('focus');
  if (id) await focus(id, 'replace', false);
}

const ready = track(start()).catch(report);
window.cy = cy;
window.__explorer = { cy, state, idle, version: idleVersion, ready };
