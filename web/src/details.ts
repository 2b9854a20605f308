/**
 * The details panel: the selected entity's card (names, aliases, dates, traveler and host, tour
 * stops, properties) or the selected relation's provenance (sources by name, paragraphs,
 * certainty).
 */
import type cytoscape from 'cytoscape';
import * as api from './api.js';
import type { Json, NamedRef } from './api.js';
import { report, track } from './busy.js';
import { append, byId, clear, h, text } from './dom.js';
import { CERTAINTY_NAMES, KIND_NAMES, relationLabel } from './i18n.js';
import { drawKind, legendIcon, type DrawKind } from './kinds.js';
import { nameOf, state, t } from './state.js';

const PROVENANCE_KEYS = new Set(['source', 'sources', 'paragraphs', 'certainty']);

export interface DetailsPanel {
  /** Draws the panel for `state.selection`. */
  render(): void;
}

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

function kindBadge(kind: DrawKind): HTMLElement {
  const badge = h('span', { className: 'kind-badge' });
  badge.innerHTML = legendIcon(kind);
  badge.append(KIND_NAMES[state.lang][kind]);
  return badge;
}

/** `onFocus`: draw that entity's neighbourhood (a name in the panel was clicked). */
export function createDetailsPanel({ cy, onFocus }: { cy: cytoscape.Core; onFocus: (id: string) => void }): DetailsPanel {
  const entityLink = (ref: NamedRef): HTMLElement =>
    h('button', { type: 'button', className: 'link', 'data-id': ref.id, onclick: () => onFocus(ref.id) }, text(nameOf(ref)));

  // A source's name is asked once per page, however many relations cite it.
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

  function render(): void {
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
      renderEdge(el, sel.edgeId);
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
        ? h('button', { type: 'button', className: 'primary', onclick: () => onFocus(d.id) }, t('focusHere'))
        : null,
    );
  }

  function renderEdge(el: HTMLElement, edgeId: string): void {
    const edge = cy.getElementById(edgeId);
    if (edge.empty()) {
      state.selection = null;
      render();
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

  return { render };
}
