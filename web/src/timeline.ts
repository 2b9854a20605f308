/**
 * The timeline panel: the focused person's or country's visits and events in date order, each a
 * stop of its tour where it is one, drawn a page at a time.
 */
import * as api from './api.js';
import type { EntityDetails, NamedRef, VisitSummary } from './api.js';
import { report } from './busy.js';
import { byId, clear, h, text } from './dom.js';
import { relationLabel } from './i18n.js';
import { drawKind, legendIcon } from './kinds.js';
import { nameOf, state, t, type TimelineItem } from './state.js';

// Long timelines (a secretary of state's hundreds of trips) are drawn a page at a time.
const TIMELINE_PAGE = 50;

export interface TimelinePanel {
  load(entity: EntityDetails): Promise<void>;
  render(): void;
}

/** `onFocus`: draw that event's neighbourhood (an entry was clicked). */
export function createTimelinePanel({ onFocus }: { onFocus: (id: string) => void }): TimelinePanel {
  let shown = TIMELINE_PAGE;

  async function load(entity: EntityDetails): Promise<void> {
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
      render();
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
    shown = TIMELINE_PAGE;
    render();
  }

  function render(): void {
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
    for (const item of state.timeline.slice(0, shown)) {
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
            { type: 'button', className: 'timeline-entry', 'data-id': e.id, onclick: () => onFocus(e.id) },
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
    appendMore(el);
  }

  /** The "show more" button under a timeline longer than what is shown. */
  function appendMore(el: HTMLElement): void {
    const left = (state.timeline?.length ?? 0) - shown;
    if (left <= 0) return;
    el.append(
      h('li', { className: 'timeline-more' },
        h('button', { type: 'button', className: 'timeline-more-button', onclick: () => {
          shown += TIMELINE_PAGE;
          render();
        } }, t('timelineMore', { n: Math.min(left, TIMELINE_PAGE), left })),
      ),
    );
  }

  return { load, render };
}
