/** The relation-type filters: which relationship types a neighbourhood follows. */
import * as api from './api.js';
import { report } from './busy.js';
import { byId, clear, h } from './dom.js';
import { relationLabel, setRelationNames } from './i18n.js';
import { state } from './state.js';

/** Off by default: the source names almost everything, so following it would draw the whole graph. */
const HIDDEN_BY_DEFAULT = new Set(['MENTIONS']);

export interface Filters {
  /** Reads the relationship types from the API and enables all but the hidden ones. */
  load(): Promise<void>;
  render(): void;
  /** The types to follow, or null for all of them. */
  active(): string[] | null;
}

/** `onChange`: the filters changed (called once for a burst of clicks). */
export function attachFilters({ onChange }: { onChange: () => void }): Filters {
  let timer: ReturnType<typeof setTimeout> | undefined;
  function changed(): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, 250);
  }

  function render(): void {
    const el = byId('filters-list');
    clear(el);
    for (const type of state.relationTypes) {
      const box = h('input', { type: 'checkbox', value: type.name, checked: state.enabledTypes.has(type.name) });
      box.addEventListener('change', () => {
        if (box.checked) state.enabledTypes.add(type.name);
        else state.enabledTypes.delete(type.name);
        changed();
      });
      el.append(h('li', {}, h('label', { title: type.meaning }, box, h('span', {}, relationLabel(type.name, state.lang)))));
    }
  }

  async function load(): Promise<void> {
    try {
      state.relationTypes = await api.relationshipTypes();
      setRelationNames(state.relationTypes);
    } catch (err) {
      report(err);
      state.relationTypes = [];
    }
    state.enabledTypes = new Set(state.relationTypes.map((r) => r.name).filter((name) => !HIDDEN_BY_DEFAULT.has(name)));
    render();
  }

  function active(): string[] | null {
    if (state.relationTypes.length === 0) return null;
    if (state.enabledTypes.size === state.relationTypes.length) return null;
    return [...state.enabledTypes];
  }

  const setAll = (names: string[]) => {
    state.enabledTypes = new Set(names);
    render();
    changed();
  };
  byId('filters-all').addEventListener('click', () => setAll(state.relationTypes.map((r) => r.name)));
  byId('filters-none').addEventListener('click', () => setAll([]));

  return { load, render, active };
}
