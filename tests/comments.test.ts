/**
 * Comments and test names describe behaviour in their own words: none points to a tracker entry
 * (the word "issue" and a number) that a reader of the code does not have.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

const FOLDERS = ['src', 'tests', 'web/src', 'bench', 'scripts', 'cypher', 'neo4j', 'examples', '.ci'];
const TRACKER_REFERENCE = /\bissues?\s*#?\d+|(?:^|\s)#\d+\b/i;

function files(dir: string): string[] {
  const full = path.join(PROJECT_ROOT, dir);
  return readdirSync(full).flatMap((name) => {
    const child = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(path.join(PROJECT_ROOT, child)).isDirectory() ? files(child) : [child];
  });
}

describe('comments and test names', () => {
  it('never cite a tracker entry instead of saying the behaviour', () => {
    const sources = [...FOLDERS.flatMap(files), 'README.md', 'ONTOLOGY.md'].filter((f) => /\.(ts|js|cypher|java|sh|graphql|md|json)$|^\.ci\//.test(f));
    expect(sources.length).toBeGreaterThan(50);
    const citing = sources.flatMap((file) =>
      readFileSync(path.join(PROJECT_ROOT, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `${file}:${i + 1}`, line }))
        .filter(({ line }) => TRACKER_REFERENCE.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
    expect(citing).toEqual([]);
  });
});
