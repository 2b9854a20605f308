/**
 * The domain (src/graph/) sits below the API: it never imports graphql, the GraphQL layer
 * (src/graphql/) or anything built on them. Settings are read from the environment in
 * src/config.ts only. Checked on the sources, without a database.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/** Every module a file imports, statically or dynamically, as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const found = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return found;
}

/** An import is forbidden when it names a forbidden package or resolves into a forbidden folder. */
function forbiddenImports(dir: string, packages: string[], folders: string[]): string[] {
  const problems: string[] = [];
  for (const file of sourcesUnder(dir)) {
    for (const spec of importsOf(file)) {
      const resolved = spec.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)) : null;
      const badPackage = !resolved && packages.some((p) => spec === p || spec.startsWith(`${p}/`));
      const badFolder = resolved !== null && folders.some((f) => resolved === f || resolved.startsWith(`${f}/`) || resolved.startsWith(`${f}.`));
      if (badPackage || badFolder) problems.push(`${file} imports ${spec}`);
    }
  }
  return problems;
}

describe('the domain sits below the API', () => {
  it('finds the imports it checks', () => {
    expect(sourcesUnder('src/graph').length).toBeGreaterThan(20);
    expect(importsOf('src/graph/import.ts')).toContain('../db/retry.js');
  });

  it('src/graph/ imports neither graphql nor the layers above it', () => {
    const upward = ['src/graphql', 'src/import', 'src/http', 'src/cli', 'src/app', 'src/service', 'src/server', 'src/extract', 'src/connectors'];
    expect(forbiddenImports('src/graph', ['graphql', 'graphql-yoga', '@graphql-tools', 'graphql-scalars'], upward)).toEqual([]);
  });

  it('src/db/ imports nothing of the domain or the API', () => {
    expect(forbiddenImports('src/db', ['graphql', 'graphql-yoga', '@graphql-tools'], ['src/graph', 'src/graphql', 'src/import'])).toEqual([]);
  });
});

describe('settings are read in one place', () => {
  it('reads no environment variable of ours outside src/config.ts', () => {
    // Child processes get a copy of the environment (`...process.env`); DOCKER_HOST is the
    // container runtime's own setting, which the test set-up only looks for.
    const files = ['src', 'bench', 'tests/support'].flatMap(sourcesUnder).filter((file) => file !== path.join('src', 'config.ts'));
    const reads = files.flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/process\.env\.([A-Z_]+)|process\.env\[/g)]
        .map((m) => m[1] ?? '[]')
        .filter((name) => name !== 'DOCKER_HOST')
        .map((name) => `${file}: ${name}`),
    );
    expect(reads).toEqual([]);
  });
});
