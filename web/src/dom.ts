/** A few DOM helpers: elements are built from text, never from HTML strings of API data. */
import { isArabic } from './i18n.js';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (key === 'className') el.className = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
  return el;
}

/** Text in its own direction: Arabic in dir="rtl" lang="ar", anything else isolated (dir="auto"). */
export function text(value: string, className?: string): HTMLSpanElement {
  const arabic = isArabic(value);
  return h('span', { dir: arabic ? 'rtl' : 'auto', lang: arabic ? 'ar' : null, className }, ...(arabic ? withIsolatedDates(value) : [value]));
}

const ISO_DATE = /\d{4}(?:-\d{2}){1,2}/g;

/**
 * A date such as 2020-10-01 inside Arabic text (the generated names of visits and meetings), held
 * left to right and on one line: otherwise the line may break at a hyphen and the two halves be
 * laid out right to left, showing "2020-" above "01-10".
 */
function withIsolatedDates(value: string): (string | HTMLElement)[] {
  const parts: (string | HTMLElement)[] = [];
  let last = 0;
  for (const match of value.matchAll(ISO_DATE)) {
    parts.push(value.slice(last, match.index));
    parts.push(h('bdi', { dir: 'ltr', className: 'date-in-text' }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(value.slice(last));
  return parts.filter((part) => part !== '');
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** Appends the children that are there, skipping null and false. */
export function append(el: Element, ...children: Child[]): void {
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
}
