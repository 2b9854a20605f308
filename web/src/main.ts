/**
 * The explorer page: search an entity, draw its neighbourhood, expand, read provenance, draw
 * paths and timelines, in English or Arabic. All data comes from POST /graphql (api.ts).
 */
import './styles.css';
import type cytoscape from 'cytoscape';
import * as api from './api.js';
import type { EntityDetails, Graph, Json, NamedRef, RelationshipType, Suggestion, VisitSummary } from './api.js';
import { append, byId, clear, h, text } from './dom.js';
import { createDrawing } from './graph.js';
import { CERTAINTY_NAMES, KIND_NAMES, MESSAGES, format, relationLabel, setRelationNames, type Lang, type MessageKey } from './i18n.js';
import { DRAW_KINDS, drawKind, legendIcon, type DrawKind } from './kinds.js';
import { attachArticlePanel } from './article.js';
import { attachDuplicatesPanel } from './duplicates.js';
import { attachSearchBox } from './search.js';

/** At most this many nodes per neighbourhood request. */
// About 150 drawn nodes at most: 120 entities and up to MAX_GROUPS_DRAWN groups of the rest.
const NODE_LIMIT = 120;
/** Off by default: the source names almost everything, so following it would draw the whole graph. */
const HIDDEN_BY_DEFAULT = new Set(['MENTIONS']);
const PROVENANCE_KEYS = new Set(['source', 'sources', 'paragraphs', 'certainty']);

type Selection = { type: 'entity'; details: EntityDetails } | { type: 'edge'; edgeId: string } | { type: 'missing'; id: string } | null;

interface TimelineItem {
  date: string;
  role: string;
  event: VisitSummary;
  stop?: { index: number; of: number };
}

const state = {
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

const t = (key: MessageKey, values?: Record<string, string | number>) => format(MESSAGES[state.lang][key], values);
const nameOf = (ref: { name: string; nameAr?: string | null }) => (state.lang === 'ar' && ref.nameAr ? ref.nameAr : ref.name);

// ── Busy tracking, for people (cursor) and for the end-to-end tests (window.__explorer.idle()) ──
let pending = 0;
let version = 0;
let waiters: (() => void)[] = [];
async function track<T>(work: Promise<T>): Promise<T> {
  pending += 1;
  document.body.dataset.busy = 'true';
  try {
    return await work;
  } finally {
    pending -= 1;
    if (pending === 0) {
      version += 1;
      document.body.dataset.busy = 'false';
      const done = waiters;
      waiters = [];
      done.forEach((resolve) => resolve());
    }
  }
}
const idle = () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));

// ── Errors: shown in the page ──
const errorsEl = byId('errors');
function report(err: unknown): void {
  const message = err instanceof api.ApiError ? `${err.operation}: ${err.message}` : err instanceof Error ? err.message : String(err);
  const list = errorsEl.querySelector('ul') ?? errorsEl.appendChild(h('ul'));
  list.append(h('li', {}, message));
  while (list.children.length > 5) list.firstElementChild?.remove();
  errorsEl.hidden = false;
}
function clearErrors(): void {
  clear(errorsEl.querySelector('ul') ?? errorsEl);
  errorsEl.hidden = true;
}
function run(work: () => Promise<void>): void {
  void track(work()).catch(report);
}

// ── The drawing ──
const drawing = createDrawing(byId('cy'));
const cy = drawing.cy;
// Keep the drawing's size in step with its box (the error banner, the window, the panel).
new ResizeObserver(() => cy.resize()).observe(byId('cy'));

function activeTypes(): string[] | null {
  if (state.relationTypes.length === 0) return null;
  if (state.enabledTypes.size === state.relationTypes.length) return null;
  return [...state.enabledTypes];
}

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
  renderTimeline();
  // Handled at once: the drawing goes on even when the details cannot be read.
  const details = showEntity(id).catch((err: unknown) => {
    report(err);
    return null;
  });
  const graph = await api.neighborhood(id, mode === 'replace' ? state.depth : 1, activeTypes(), NODE_LIMIT);
  state.truncated = graph.nodes.length >= NODE_LIMIT;
  if (mode === 'replace') await drawing.replace(graph, state.lang);
  else await drawing.merge(graph, state.lang, id);
  drawing.setFocus(id);
  const node = cy.getElementById(id);
  cy.elements(':selected').unselect();
  if (node.nonempty()) node.select();
  renderStatus();
  const entity = await details;
  if (entity) {
    state.focusName = entity;
    if (entity.kind !== 'EVENT' || !state.timelineOwner) void track(loadTimeline(entity)).catch(report);
  }
  renderPath();
}

async function showEntity(id: string): Promise<EntityDetails | null> {
  const details = await api.entity(id);
  state.selection = details ? { type: 'entity', details } : { type: 'missing', id };
  renderDetails();
  return details;
}

// ── Details panel ──
function row(label: string, ...value: (Node | string | null | undefined)[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function jsonValue(value: Json): Node {
  if (Array.isArray(value)) return h('span', {}, ...value.flatMap((v, i) => [i > 0 ? ', ' : '', jsonValue(v)]));
  if (value !== null && typeof value === 'object') return text(JSON.stringify(value));
  return text(String(value));
}

function propertiesTable(properties: Record<string, Json>, skip: Set<string> = new Set()): HTMLElement | null {
  const entries = Object.entries(properties ?? {}).filter(([key, value]) => !skip.has(key) && value !== null && value !== '');
  if (entries.length === 0) return null;
  return h(
    'table',
    { className: 'props' },
    h('tbody', {}, entries.map(([key, value]) => h('tr', {}, h('th', { scope: 'row' }, key), h('td', {}, jsonValue(value))))),
  );
}

function entityLink(ref: NamedRef): HTMLElement {
  return h('button', { type: 'button', className: 'link', 'data-id': ref.id, onclick: () => run(() => focus(ref.id, 'replace')) }, text(nameOf(ref)));
}

function kindBadge(kind: DrawKind): HTMLElement {
  const badge = h('span', { className: 'kind-badge' });
  badge.innerHTML = legendIcon(kind);
  badge.append(KIND_NAMES[state.lang][kind]);
  return badge;
}

function renderDetails(): void {
  const el = byId('details');
  clear(el);
  const sel = state.selection;
  el.dataset.show = sel?.type ?? 'none';
  if (!sel) {
    el.append(h('h2', {}, t('details')), h('p', { className: 'muted' }, t('nothingSelected')));
    return;
  }
  if (sel.type === 'missing') {
    el.append(h('h2', {}, t('details')), h('p', { className: 'warning' }, t('notFound', { id: sel.id })));
    return;
  }
  if (sel.type === 'edge') {
    renderEdgeDetails(el, sel.edgeId);
    return;
  }
  const d = sel.details;
  const kind = drawKind(d);
  el.dataset.entity = d.id;
  const dl = h('dl', { className: 'facts' });
  dl.append(
    ...row(t('englishName'), h('span', { dir: 'ltr', lang: 'en', className: 'name-en' }, d.name)),
    ...row(t('arabicName'), d.nameAr ? h('span', { dir: 'rtl', lang: 'ar', className: 'name-ar' }, d.nameAr) : h('span', { className: 'muted' }, t('unknown'))),
  );
  if (d.aliases.length > 0) dl.append(...row(t('aliases'), h('span', { className: 'aliases' }, d.aliases.map((a) => text(a, 'chip')))));
  if (d.date) dl.append(...row(t('date'), text(d.endDate ? `${d.date} – ${d.endDate}` : d.date)));
  if (d.traveler) dl.append(...row(t('traveler'), entityLink(d.traveler), d.travelerRole ? h('span', { className: 'role' }, ` (${d.travelerRole})`) : null));
  if (d.representing) dl.append(...row(t('representing'), entityLink(d.representing)));
  if (d.host) dl.append(...row(t('host'), entityLink(d.host)));
  // Several places in the source's order; a visit with one city shows it as before.
  if (d.places && d.places.length > 1) dl.append(...row(t('places'), h('span', { className: 'places' }, d.places.flatMap((p, i) => [i > 0 ? ' · ' : '', entityLink(p)]))));
  else if (d.city) dl.append(...row(t('city'), entityLink(d.city)));
  if (d.participantRoles?.some((p) => p.role)) {
    dl.append(...row(t('participants'), h('ul', { className: 'participants' }, d.participantRoles.map((p) => h('li', {}, entityLink(p.person), p.role ? ` (${p.role})` : '')))));
  }
  if (d.notes && d.notes.length > 1) {
    dl.append(...row(t('notes'), h('ul', { className: 'notes' }, d.notes.map((n) => h('li', {}, text(n.text), n.sourceId ? ' ' : '', n.sourceId ? sourceEntry(n.sourceId) : '')))));
  } else if (d.purpose) dl.append(...row(t('purpose'), text(d.purpose)));
  if (d.tour) dl.append(...row(t('tour'), entityLink(d.tour)));
  if (d.summary) dl.append(...row(t('summary'), text(d.summary)));

  const stops = d.tour?.visits ?? (kind === 'TOUR' ? d.visits : undefined);
  const stopsEl = stops && stops.length > 0
    ? h('div', { className: 'stops' }, h('h3', {}, t('tourStops')), h('ol', {}, stops.map((v) => h('li', { className: v.id === d.id ? 'current' : '' }, v.date ? h('span', { className: 'date' }, v.date) : null, entityLink(v)))))
    : null;
  const props = propertiesTable(d.properties);
  append(
    el,
    h('div', { className: 'card-head' }, kindBadge(kind), h('code', { className: 'entity-id', dir: 'ltr' }, d.id)),
    h('h2', { className: 'entity-name' }, text(nameOf(d))),
    dl,
    stopsEl,
    props ? h('h3', {}, t('properties')) : null,
    props,
    state.focusId !== d.id || state.mode === 'path'
      ? h('button', { type: 'button', className: 'primary', onclick: () => run(() => focus(d.id, 'replace')) }, t('focusHere'))
      : null,
  );
}

const sourceNames = new Map<string, Promise<NamedRef | null>>();
function sourceName(id: string): Promise<NamedRef | null> {
  let known = sourceNames.get(id);
  if (!known) {
    known = track(api.entityName(id));
    known.catch(() => sourceNames.delete(id));
    sourceNames.set(id, known);
  }
  return known;
}

function sourceEntry(id: string): HTMLElement {
  const el = h('span', { className: 'source', 'data-id': id }, h('code', { dir: 'ltr' }, id));
  sourceName(id).then(
    (ref) => {
      if (!ref) return;
      clear(el);
      el.append(entityLink(ref), ' ', h('code', { dir: 'ltr', className: 'muted' }, id));
    },
    report,
  );
  return el;
}

function renderEdgeDetails(el: HTMLElement, edgeId: string): void {
  const edge = cy.getElementById(edgeId);
  if (edge.empty()) {
    state.selection = null;
    renderDetails();
    return;
  }
  const type = edge.data('type') as string;
  const props = (edge.data('properties') ?? {}) as Record<string, Json>;
  const from = edge.source();
  const to = edge.target();
  const ref = (node: cytoscape.NodeSingular): NamedRef => ({ id: node.id(), name: node.data('name') as string, nameAr: node.data('nameAr') as string | null });
  const meaning = state.relationTypes.find((r) => r.name === type)?.meaning;

  const sources = new Set<string>();
  if (typeof props.source === 'string') sources.add(props.source);
  if (Array.isArray(props.sources)) props.sources.forEach((s) => typeof s === 'string' && sources.add(s));
  const paragraphs = Array.isArray(props.paragraphs) ? props.paragraphs.map(String) : [];
  const certainty = typeof props.certainty === 'string' ? props.certainty.toLowerCase() : null;

  const prov = h('dl', { className: 'facts provenance' });
  prov.append(
    ...row(t('source'), sources.size > 0 ? h('span', { className: 'prov-sources' }, [...sources].map(sourceEntry)) : h('span', { className: 'muted' }, t('unknown'))),
    ...row(t('paragraphs'), h('span', { className: 'prov-paragraphs', dir: 'ltr' }, paragraphs.length > 0 ? paragraphs.join(', ') : t('unknown'))),
    ...row(
      t('certainty'),
      h('span', { className: `prov-certainty certainty-${certainty ?? 'unknown'}`, 'data-certainty': certainty ?? '' }, certainty ? CERTAINTY_NAMES[state.lang][certainty] ?? certainty : t('unknown')),
    ),
  );
  const others = propertiesTable(props, PROVENANCE_KEYS);
  el.dataset.edge = edge.data('relId') as string;
  append(
    el,
    h('div', { className: 'card-head' }, h('span', { className: 'kind-badge' }, t('relation')), h('code', { dir: 'ltr', className: 'entity-id' }, type)),
    h('h2', { className: 'relation-title' }, entityLink(ref(from)), h('span', { className: 'arrow' }, ` — ${relationLabel(type, state.lang)} → `), entityLink(ref(to))),
    meaning ? h('p', { className: 'muted', dir: 'ltr', lang: 'en' }, meaning) : null,
    h('h3', {}, t('provenance')),
    prov,
    others ? h('h3', {}, t('properties')) : null,
    others,
  );
}

// ── Legend and status ──
function renderLegend(): void {
  const el = byId('legend');
  clear(el);
  const counts = new Map<DrawKind, number>();
  cy.nodes().forEach((node) => {
    const kind = node.data('drawKind') as DrawKind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  el.append(h('h2', {}, t('legend')));
  if (counts.size === 0) {
    el.append(h('p', { className: 'legend-note' }, t('legendEmpty')));
    return;
  }
  const list = h('ul');
  for (const kind of DRAW_KINDS) {
    const n = counts.get(kind);
    if (!n) continue;
    const item = h('li', { 'data-kind': kind });
    item.innerHTML = legendIcon(kind);
    item.append(h('span', { className: 'legend-name' }, KIND_NAMES[state.lang][kind]), h('span', { className: 'legend-count' }, String(n)));
    list.append(item);
  }
  const groups = counts.get('GROUP' as DrawKind);
  if (groups) {
    const item = h('li', { 'data-kind': 'GROUP' });
    item.innerHTML = '<svg class="legend-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect x="1" y="4" width="14" height="8" rx="3" fill="#e2e8f0" stroke="#475569" stroke-dasharray="2 1.5"/></svg>';
    item.append(h('span', { className: 'legend-name' }, t('groupLegend')), h('span', { className: 'legend-count' }, String(groups)));
    list.append(item);
  }
  el.append(list, h('p', { className: 'legend-note' }, t('legendEdges')));
}

function renderStatus(): void {
  const el = byId('status');
  clear(el);
  const n = cy.nodes().length;
  if (n === 0 && state.focusId && state.mode === 'neighbourhood' && state.selection?.type === 'entity') {
    el.append(h('span', { className: 'warning' }, t('emptyGraph')));
    return;
  }
  if (n === 0) return;
  const groups = cy.nodes('[drawKind = "GROUP"]').length;
  el.append(`${n - groups} ${t('nodes')} · ${cy.edges().length} ${t('edges')}`);
  if (groups > 0) el.append(' · ', h('span', { className: 'groups' }, t('groups', { n: groups })));
  if (state.truncated) el.append(' · ', h('span', { className: 'warning' }, t('truncated', { n: NODE_LIMIT })));
}

let legendQueued = false;
cy.on('add remove', () => {
  if (legendQueued) return;
  legendQueued = true;
  requestAnimationFrame(() => {
    legendQueued = false;
    renderLegend();
    renderStatus();
  });
});

// ── Clicks on the drawing ──
cy.on('tap', 'node', (event) => {
  const node = event.target as cytoscape.NodeSingular;
  const id = node.id();
  if (node.data('drawKind') === 'GROUP') run(() => openGroup(id, node.data('cursor') as string | null));
  else run(() => focus(id, 'expand'));
});

/** Draws the next page of a group's members around it. */
async function openGroup(id: string, after: string | null): Promise<void> {
  const page = await api.groupPage(id, after);
  await drawing.openGroup(id, page, state.lang);
  renderStatus();
}
cy.on('tap', 'edge', (event) => {
  const edge = event.target as cytoscape.EdgeSingular;
  state.selection = { type: 'edge', edgeId: edge.id() };
  renderDetails();
});

// ── Path ──
const pathMaxHops = byId<HTMLSelectElement>('path-hops');
function renderPath(): void {
  const from = byId('path-from');
  clear(from);
  if (state.focusName) from.append(text(nameOf(state.focusName)));
  else from.append(h('span', { className: 'muted' }, '—'));
  const result = byId('path-result');
  clear(result);
  if (state.pathMessage) result.append(t(state.pathMessage.key, { n: state.pathMessage.n }));
  result.dataset.state = state.pathMessage?.key ?? '';
}

async function drawPath(): Promise<void> {
  const fromId = state.focusId;
  const to = state.pathTo;
  if (!fromId || !to) {
    state.pathMessage = { key: 'pathNeedsBoth', n: 0 };
    renderPath();
    return;
  }
  const hops = Number(pathMaxHops.value);
  const graph: Graph = await api.path(fromId, to.id, hops);
  state.mode = 'path';
  state.truncated = false;
  await drawing.replace(graph, state.lang);
  drawing.setFocus(fromId);
  cy.edges().addClass('path');
  cy.getElementById(fromId).addClass('path-end');
  cy.getElementById(to.id).addClass('path-end');
  state.pathMessage = graph.nodes.length === 0 ? { key: 'noPath', n: hops } : { key: 'pathFound', n: graph.edges.length };
  renderPath();
  renderStatus();
  renderDetails();
}

// ── Timeline ──
async function loadTimeline(entity: EntityDetails): Promise<void> {
  state.timelineOwner = entity;
  const kind = drawKind(entity);
  let failures = 0;
  const timelineWork = api.timeline(entity.id).catch((err: unknown) => {
    failures += 1;
    report(err);
    return [] as api.TimelineEntry[];
  });
  const visitsWork =
    kind === 'PERSON' ? api.visits({ traveler: entity.id }) : kind === 'COUNTRY' ? api.visits({ host: entity.id }) : Promise.resolve([] as VisitSummary[]);
  const [entries, visits] = await Promise.all([
    timelineWork,
    visitsWork.catch((err: unknown) => {
      failures += 1;
      report(err);
      return [] as VisitSummary[];
    }),
  ]);
  if (state.timelineOwner !== entity) return;
  if (failures > 0 && entries.length === 0 && visits.length === 0) {
    state.timeline = null;
    renderTimeline();
    return;
  }

  // A traveller's visits of one tour are that tour's stops; they come in date order.
  const stops = new Map<string, string[]>();
  if (kind === 'PERSON') {
    for (const v of visits) if (v.tour) stops.set(v.tour.id, [...(stops.get(v.tour.id) ?? []), v.id]);
  }
  const items = new Map<string, TimelineItem>();
  for (const v of visits) {
    const tourStops = v.tour ? stops.get(v.tour.id) : undefined;
    const index = tourStops?.indexOf(v.id) ?? -1;
    items.set(v.id, {
      date: v.date ?? '',
      role: kind === 'PERSON' ? 'TRAVELER' : 'HOST_COUNTRY',
      event: v,
      ...(tourStops && index >= 0 ? { stop: { index: index + 1, of: tourStops.length } } : {}),
    });
  }
  for (const entry of entries) {
    const known = items.get(entry.event.id);
    if (known) known.role = entry.role || known.role;
    else items.set(entry.event.id, { date: entry.date, role: entry.role, event: entry.event });
  }
  state.timeline = [...items.values()].sort((a, b) => a.date.localeCompare(b.date) || a.event.id.localeCompare(b.event.id));
  timelineShown = TIMELINE_PAGE;
  renderTimeline();
}

function renderTimeline(): void {
  const el = byId('timeline-list');
  const owner = byId('timeline-owner');
  clear(el);
  clear(owner);
  if (state.timelineOwner) owner.append(text(nameOf(state.timelineOwner)));
  if (!state.timeline) return;
  if (state.timeline.length === 0) {
    el.append(h('li', { className: 'muted' }, t('noTimeline')));
    return;
  }
  // Long timelines (a secretary of state's hundreds of trips) are drawn a page at a time.
  for (const item of state.timeline.slice(0, timelineShown)) {
    const e = item.event;
    const where = [e.host, e.city, e.tour].filter((x): x is NamedRef => Boolean(x)).map(nameOf).join(' · ');
    const kind = drawKind({ kind: e.kind ?? 'EVENT', labels: e.labels ?? [] });
    const icon = h('span', { className: 'kind-icon' });
    icon.innerHTML = legendIcon(kind);
    el.append(
      h(
        'li',
        { className: state.focusId === e.id ? 'current' : '' },
        h(
          'button',
          { type: 'button', className: 'timeline-entry', 'data-id': e.id, onclick: () => run(() => focus(e.id, 'replace')) },
          h('span', { className: 'date', dir: 'ltr' }, e.endDate ? `${item.date} – ${e.endDate}` : item.date),
          icon,
          h('span', { className: 'timeline-text' },
            text(nameOf(e), 'timeline-name'),
            h('span', { className: 'timeline-meta' },
              h('span', { className: 'role' }, relationLabel(item.role, state.lang)),
              where ? text(where) : null,
              item.stop ? h('span', { className: 'stop' }, t('stopOf', { i: item.stop.index, n: item.stop.of })) : null,
            ),
          ),
        ),
      ),
    );
  }
  timelineMore(el);
}

const TIMELINE_PAGE = 50;
let timelineShown = TIMELINE_PAGE;

/** The "show more" button under a timeline longer than what is shown. */
function timelineMore(el: HTMLElement): void {
  const left = (state.timeline?.length ?? 0) - timelineShown;
  if (left <= 0) return;
  el.append(
    h('li', { className: 'timeline-more' },
      h('button', { type: 'button', className: 'timeline-more-button', onclick: () => {
        timelineShown += TIMELINE_PAGE;
        renderTimeline();
      } }, t('timelineMore', { n: Math.min(left, TIMELINE_PAGE), left })),
    ),
  );
}

// ── Relation-type filters ──
let filterTimer: ReturnType<typeof setTimeout> | undefined;
function filtersChanged(): void {
  if (filterTimer) clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    const id = state.focusId;
    if (id && state.mode === 'neighbourhood') run(() => focus(id, 'replace', false));
  }, 250);
}

function renderFilters(): void {
  const el = byId('filters-list');
  clear(el);
  for (const type of state.relationTypes) {
    const box = h('input', { type: 'checkbox', value: type.name, checked: state.enabledTypes.has(type.name) });
    box.addEventListener('change', () => {
      if (box.checked) state.enabledTypes.add(type.name);
      else state.enabledTypes.delete(type.name);
      filtersChanged();
    });
    el.append(h('li', {}, h('label', { title: type.meaning }, box, h('span', {}, relationLabel(type.name, state.lang)))));
  }
}

async function loadRelationTypes(): Promise<void> {
  try {
    state.relationTypes = await api.relationshipTypes();
    setRelationNames(state.relationTypes);
  } catch (err) {
    report(err);
    state.relationTypes = [];
  }
  state.enabledTypes = new Set(state.relationTypes.map((r) => r.name).filter((name) => !HIDDEN_BY_DEFAULT.has(name)));
  renderFilters();
}

// ── Language ──
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
  renderLegend();
  renderStatus();
  renderDetails();
  renderPath();
  renderTimeline();
  renderFilters();
  articlePanel.relabel();
  duplicatesPanel.relabel();
}

// ── Wiring ──
const searchInput = byId<HTMLInputElement>('search');
attachSearchBox({
  input: searchInput,
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
const pathInput = byId<HTMLInputElement>('path-to');
attachSearchBox({
  input: pathInput,
  list: byId<HTMLUListElement>('path-to-list'),
  lang: () => state.lang,
  t,
  track,
  onError: report,
  onPick: (s) => {
    state.pathTo = s;
  },
});
pathInput.addEventListener('input', () => {
  state.pathTo = null;
});
byId('path-draw').addEventListener('click', () => run(drawPath));

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
  onAccepted: (id) => run(() => focus(id, 'replace')),
});
const duplicatesPanel = attachDuplicatesPanel({
  lang: () => state.lang,
  track,
  onError: report,
  onShow: (id) => run(() => focus(id, 'replace')),
});
byId('filters-all').addEventListener('click', () => {
  state.enabledTypes = new Set(state.relationTypes.map((r) => r.name));
  renderFilters();
  filtersChanged();
});
byId('filters-none').addEventListener('click', () => {
  state.enabledTypes = new Set();
  renderFilters();
  filtersChanged();
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
  await loadRelationTypes();
  const id = params.get('focus');
  if (id) await focus(id, 'replace', false);
}

const ready = track(start()).catch(report);
window.cy = cy;
window.__explorer = { cy, state, idle, version: () => version, ready };
