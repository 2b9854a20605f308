/** Cypher that is more than a line lives in cypher/*.cypher and is loaded by name. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';

const cache = new Map<string, string>();

/** `cypher('write/write-visits')` reads cypher/write/write-visits.cypher (cached). */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(path.join(PROJECT_ROOT, 'cypher', `${name}.cypher`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

/** Splits a file of statements on the `;` that ends a line; `//` comment lines are dropped. */
export function statements(text: string): string[] {
  return text
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) => s.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n').trim())
    .filter((s) => s.length > 0);
}
