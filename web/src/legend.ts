/** The legend (each kind drawn, with its count) and the status line under the drawing. */
import type cytoscape from 'cytoscape';
import { byId, clear, h } from './dom.js';
import { KIND_NAMES } from './i18n.js';
import { DRAW_KINDS, legendIcon, type DrawKind } from './kinds.js';
import { NODE_LIMIT, state, t } from './state.js';

const GROUP_ICON =
  '<svg class="legend-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><rect x="1" y="4" width="14" height="8" rx="3" fill="#e2e8f0" stroke="#475569" stroke-dasharray="2 1.5"/></svg>';

export interface Legend {
  render(): void;
  renderStatus(): void;
}

/** Redrawn once per frame whatever number of elements the drawing adds or removes. */
export function attachLegend(cy: cytoscape.Core): Legend {
  function render(): void {
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
      item.innerHTML = GROUP_ICON;
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

  let queued = false;
  cy.on('add remove', () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      render();
      renderStatus();
    });
  });

  return { render, renderStatus };
}
