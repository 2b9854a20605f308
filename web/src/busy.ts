/**
 * Work in flight, for people (the cursor: body[data-busy]) and for the end-to-end tests
 * (window.__explorer.idle() and version()); failures are shown in the page's error banner.
 */
import * as api from './api.js';
import { byId, clear, h } from './dom.js';

let pending = 0;
let version = 0;
let waiters: (() => void)[] = [];

export async function track<T>(work: Promise<T>): Promise<T> {
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

/** Resolves when nothing is in flight. */
export const idle = () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));
/** Counts the moments the page became idle: a test waits for it to move. */
export const idleVersion = () => version;

const errorsEl = byId('errors');

/** Shows a failure in the banner (the last five). */
export function report(err: unknown): void {
  const message = err instanceof api.ApiError ? `${err.operation}: ${err.message}` : err instanceof Error ? err.message : String(err);
  const list = errorsEl.querySelector('ul') ?? errorsEl.appendChild(h('ul'));
  list.append(h('li', {}, message));
  while (list.children.length > 5) list.firstElementChild?.remove();
  errorsEl.hidden = false;
}

export function clearErrors(): void {
  clear(errorsEl.querySelector('ul') ?? errorsEl);
  errorsEl.hidden = true;
}

/** Starts `work`, tracked, its failure reported. */
export function run(work: () => Promise<void>): void {
  void track(work()).catch(report);
}
