/** The path panel: the shortest path from the focused entity to another, within a number of hops. */
import * as api from './api.js';
import { report, run, track } from './busy.js';
import { byId, clear, h, text } from './dom.js';
import type { Drawing } from './graph.js';
import { attachSearchBox } from './search.js';
import { nameOf, state, t } from './state.js';

export interface PathPanel {
  render(): void;
}

/** `onDrawn`: a path replaced the drawing (the status and the details follow). */
export function attachPathPanel({ drawing, onDrawn }: { drawing: Drawing; onDrawn: () => void }): PathPanel {
  const maxHops = byId<HTMLSelectElement>('path-hops');
  const toInput = byId<HTMLInputElement>('path-to');

  function render(): void {
    const from = byId('path-from');
    clear(from);
    if (state.focusName) from.append(text(nameOf(state.focusName)));
    else from.append(h('span', { className: 'muted' }, '—'));
    const result = byId('path-result');
    clear(result);
    if (state.pathMessage) result.append(t(state.pathMessage.key, { n: state.pathMessage.n }));
    result.dataset.state = state.pathMessage?.key ?? '';
  }

  async function draw(): Promise<void> {
    const fromId = state.focusId;
    const to = state.pathTo;
    if (!fromId || !to) {
      state.pathMessage = { key: 'pathNeedsBoth', n: 0 };
      render();
      return;
    }
    const hops = Number(maxHops.value);
    const graph = await api.path(fromId, to.id, hops);
    state.mode = 'path';
    state.truncated = false;
    await drawing.replace(graph, state.lang);
    drawing.setFocus(fromId);
    const { cy } = drawing;
    cy.edges().addClass('path');
    cy.getElementById(fromId).addClass('path-end');
    cy.getElementById(to.id).addClass('path-end');
    state.pathMessage = graph.nodes.length === 0 ? { key: 'noPath', n: hops } : { key: 'pathFound', n: graph.edges.length };
    render();
    onDrawn();
  }

  attachSearchBox({
    input: toInput,
    list: byId<HTMLUListElement>('path-to-list'),
    lang: () => state.lang,
    t,
    track,
    onError: report,
    onPick: (s) => {
      state.pathTo = s;
    },
  });
  toInput.addEventListener('input', () => {
    state.pathTo = null;
  });
  byId('path-draw').addEventListener('click', () => run(draw));

  return { render };
}
