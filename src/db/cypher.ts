/** Cypher that is more than a line lives in cypher/*.cypher and is loaded by name. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';

const cache = new Map<string, string>();

/** A line `// include: parts/person-offices` stands for that file's statement text. */
const INCLUDE_LINE = /^[ \t]*\/\/ include: (\S+)[ \t]*$/;

/**
 * `cypher('write/write-visits')` reads cypher/write/write-visits.cypher (cached), each
 * `// include:` line replaced by the part it names (without its comments), so that a sub-query
 * two statements share is written once.
 */
export function cypher(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = expandIncludes(readFileSync(path.join(PROJECT_ROOT, 'cypher', `${name}.cypher`), 'utf8'), [name]);
    cache.set(name, text);
  }
  return text;
}

function expandIncludes(text: string, chain: string[]): string {
  return text
    .split('\n')
    .map((line) => {
      const part = INCLUDE_LINE.exec(line)?.[1];
      if (part === undefined) return line;
      if (chain.includes(part)) throw new Error(`cypher/${chain[0]}.cypher includes itself: ${[...chain, part].join(' → ')}`);
      const body = readFileSync(path.join(PROJECT_ROOT, 'cypher', `${part}.cypher`), 'utf8');
      const code = body.split('\n').filter((l) => INCLUDE_LINE.test(l) || !l.trim().startsWith('//'));
      return expandIncludes(code.join('\n').trim(), [...chain, part]);
    })
    .join('\n');
}

/** Splits a file of statements on the `;` that ends a line; `//` comment lines are dropped. */
export function statements(text: string): string[] {
  return text
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) => s.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n').trim())
    .filter((s) => s.length > 0);
}
