/**
 * `npm start`'s process as a user runs it: it answers, and when it stops — cleanly or killed —
 * no Java process is left behind.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/db/localNeo4j.js';

function javaPidsFor(dataDir: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `EmbeddedNeo4j(\\.java)? ${dataDir}`], { encoding: 'utf8' })
      .split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return check();
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      NEO4J_URI: '',
      PORT: '0',
      HOST: '127.0.0.1',
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
      SEED_ON_START: 'false',
      API_KEY: 'lifecycle-test-key-0123456789',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not become ready')), 180_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { msg?: string; graphql?: string };
      if (entry.msg === 'service ready' && entry.graphql) {
        clearTimeout(timer);
        resolve(entry.graphql);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

describe('the service process', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) {
      for (const pid of javaPidsFor(dir)) process.kill(pid, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers, then stops its Neo4j with it on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-lifecycle-'));
    dirs.push(dataDir);
    const { child, url } = await startServer(dataDir);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(javaPidsFor(dataDir)).toHaveLength(1);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(javaPidsFor(dataDir)).toEqual([]);
  }, 240_000);

  it('leaves no Neo4j behind even when the Node process is killed outright', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-lifecycle-'));
    dirs.push(dataDir);
    const { child } = await startServer(dataDir);
    expect(javaPidsFor(dataDir)).toHaveLength(1);
    child.kill('SIGKILL');
    expect(await until(() => javaPidsFor(dataDir).length === 0, 60_000)).toBe(true);
  }, 240_000);
});
