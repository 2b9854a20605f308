/** A search box with suggestions as you type (debounced `search(text, first: 8)`), keyboard friendly. */
import { search, type Suggestion } from './api.js';
import { clear, h, text } from './dom.js';
import { KIND_NAMES, type Lang, type MessageKey } from './i18n.js';
import { drawKind, legendIcon } from './kinds.js';

export interface SearchBoxOptions {
  input: HTMLInputElement;
  list: HTMLUListElement;
  lang: () => Lang;
  t: (key: MessageKey) => string;
  onPick: (suggestion: Suggestion) => void;
  onError: (err: unknown) => void;
  track: <T>(work: Promise<T>) => Promise<T>;
  debounceMs?: number;
}

export function attachSearchBox(options: SearchBoxOptions): { close(): void } {
  const { input, list, onPick } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  let items: Suggestion[] = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll('li[role="option"]').forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    const id = index >= 0 ? `${list.id}-opt-${index}` : '';
    if (id) input.setAttribute('aria-activedescendant', id);
    else input.removeAttribute('aria-activedescendant');
  };

  const pick = (s: Suggestion) => {
    close();
    const lang = options.lang();
    input.value = lang === 'ar' && s.nameAr ? s.nameAr : s.name;
    onPick(s);
  };

  const render = (query: string) => {
    clear(list);
    const lang = options.lang();
    if (items.length === 0) {
      list.append(h('li', { className: 'no-match', role: 'presentation' }, `${options.t('noMatches')}: `, text(query)));
    }
    items.forEach((s, i) => {
      const kind = drawKind(s);
      const primary = lang === 'ar' && s.nameAr ? s.nameAr : s.name;
      const secondary = lang === 'ar' ? s.name : s.nameAr;
      const li = h(
        'li',
        { role: 'option', id: `${list.id}-opt-${i}`, 'data-id': s.id, 'aria-selected': 'false' },
        h('span', { className: 'kind-icon' }),
        h('span', { className: 'suggestion-names' }, text(primary, 'suggestion-name'), secondary ? text(secondary, 'suggestion-alt') : null),
        h('span', { className: 'suggestion-kind' }, KIND_NAMES[lang][kind]),
      );
      (li.firstChild as HTMLElement).innerHTML = legendIcon(kind);
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(s);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
  };

  const ask = async (query: string) => {
    const mine = ++asked;
    try {
      const found = await options.track(search(query, 8));
      if (mine !== asked || input.value.trim() !== query) return;
      items = found;
      render(query);
    } catch (err) {
      if (mine === asked) options.onError(err);
    }
  };

  input.addEventListener('input', () => {
    const query = input.value.trim();
    if (timer) clearTimeout(timer);
    if (query.length === 0) {
      asked++;
      close();
      return;
    }
    timer = setTimeout(() => void ask(query), options.debounceMs ?? 180);
  });

  input.addEventListener('keydown', (event) => {
    if (list.hidden) {
      if (event.key === 'ArrowDown' && input.value.trim()) void ask(input.value.trim());
      return;
    }
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      highlight(Math.min(items.length - 1, active + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      highlight(Math.max(0, active - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = items[active >= 0 ? active : 0];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape') {
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 120));
  return { close };
}
