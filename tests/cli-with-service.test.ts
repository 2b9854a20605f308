/**
 * The command-line tools next to a running `npm start`: they find the service's embedded Neo4j
 * through the address it leaves in the data folder and use it. Where they cannot start a
 * database (a store locked by another process, the Bolt port taken, no Java, no Maven, no network
 * for the first jar download), they say in one line what to do, with no Java stack trace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { ensureNeo4jJars, freePort } from '../src/db/localNeo4j.js';
import { SERVICE_FILE } from '../src/db/serviceAddress.js';
import { StartupProblem } from '../src/db/startupProblems.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a source file of the project as `npm run …` does (tsx), with extra environment. */
function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', file, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, NEO4J_URI: '', ...env }, timeout: 240_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** What a user must never see for a foreseeable condition. */
function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^\s+at /m);
  expect(output).not.toMatch(/Exception/);
}

/** A refusal in one line (plus nothing else on either stream). */
function expectOneLine(result: Run, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expectNoStackTrace(result.stderr);
}

describe('with npm start running on the embedded Neo4j', () => {
  let dataDir: string;
  let boltPort: number;
  let service: ChildProcess;
  let graphql: string;
  const env = () => ({ NEO4J_LOCAL_DATA: dataDir, NEO4J_LOCAL_BOLT_PORT: String(boltPort), LOG_FORMAT: 'json' });

  async function visitsCount(): Promise<number> {
    const response = await fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ visits { totalCount } }' }) });
    return ((await response.json()) as { data: { visits: { totalCount: number } } }).data.visits.totalCount;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-cli-service-'));
    boltPort = await freePort();
    service = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NEO4J_URI: '', ...env(), PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', API_KEY: 'cli-test-key-0123456789' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    graphql = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('service did not become ready')), 200_000);
      readline.createInterface({ input: service.stdout! }).on('line', (line) => {
        if (!line.startsWith('{')) return;
        const entry = JSON.parse(line) as { msg?: string; graphql?: string };
        if (entry.msg === 'service ready' && entry.graphql) {
          clearTimeout(timer);
          resolve(entry.graphql);
        }
      });
      service.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
    });
  }, 240_000);

  afterAll(async () => {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('leaves its Bolt address in the data folder', () => {
    const address = JSON.parse(readFileSync(path.join(dataDir, SERVICE_FILE), 'utf8')) as { uri: string; pid: number };
    expect(address).toEqual({ uri: `bolt://127.0.0.1:${boltPort}`, pid: service.pid });
  });

  it('npm run import uses the service\'s database: the visits show in the running API at once', async () => {
    expect(await visitsCount()).toBe(0);
    const result = await run('src/cli/import.ts', ['examples/follow-up-visits.json'], env());
    expect(result.stderr).toMatch(/^Using the database of the service running on /);
    expectNoStackTrace(result.stderr + result.stdout);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/visits:\s+\d+ created/);
    expect(await visitsCount()).toBeGreaterThan(1);
  }, 240_000);

  it('npm run seed and db:reset use it too', async () => {
    const seed = await run('src/cli/seed.ts', [], env());
    expect(seed.code).toBe(0);
    expect(seed.stderr).toMatch(/^Using the database of the service running on /);
    const reset = await run('src/cli/reset.ts', ['--yes'], env());
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/^Deleted \d+ nodes/);
    expect(await visitsCount()).toBe(0);
  }, 240_000);

  it('a second npm start on the same data folder stops with one line', async () => {
    const second = await run('src/server.ts', [], { ...env(), PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'pretty', API_KEY: 'second-start-key-0123456789' });
    expect(second.code).toBe(1);
    expect(second.stdout.trim().split('\n')).toHaveLength(1);
    expect(second.stdout).toMatch(/FATAL could not start: A service already runs on .* \(process \d+, Neo4j at bolt:\/\/127\.0\.0\.1:\d+\): stop it first/);
    expectNoStackTrace(second.stdout + second.stderr);
  }, 120_000);

  it('another tool on the Bolt port in use says so in one line, before starting Java', async () => {
    const otherData = await mkdtemp(path.join(os.tmpdir(), 'dvg-cli-port-'));
    try {
      const result = await run('src/cli/seed.ts', [], { NEO4J_LOCAL_DATA: otherData, NEO4J_LOCAL_BOLT_PORT: String(boltPort) });
      expectOneLine(result, new RegExp(`^Port ${boltPort} on 127\\.0\\.0\\.1, .* is in use by another program: set NEO4J_LOCAL_BOLT_PORT to a free port`));
    } finally {
      await rm(otherData, { recursive: true, force: true });
    }
  }, 120_000);

  it('a locked store without an address to use is told in one line, with no Java stack trace', async () => {
    // As when the database's owner left no address (another tool that started its own Neo4j).
    rmSync(path.join(dataDir, SERVICE_FILE));
    const result = await run('src/cli/seed.ts', [], { ...env(), NEO4J_LOCAL_BOLT_PORT: String(await freePort()) });
    expectOneLine(result, /^The database in .* is in use by another process .*: wait for it or stop it, or set NEO4J_LOCAL_DATA to another folder\.\n$/);
  }, 240_000);
});

describe('without the programs the embedded Neo4j needs', () => {
  const scratch: string[] = [];
  /** A PATH with node and nothing else (no java, no mvn). */
  let nodeOnlyPath: string;

  beforeAll(async () => {
    nodeOnlyPath = await tempDir('dvg-node-only-path-');
    symlinkSync(process.execPath, path.join(nodeOnlyPath, 'node'));
  });

  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  async function tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    scratch.push(dir);
    return dir;
  }

  it('no Java on the PATH: one line saying to install it or use NEO4J_URI', async () => {
    const result = await run('src/cli/seed.ts', [], {
      PATH: nodeOnlyPath,
      NEO4J_LOCAL_DATA: await tempDir('dvg-cli-nojava-'),
      NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    });
    expectOneLine(result, /^The embedded Neo4j needs Java 17 or later and `java` is not on the PATH: install it .*, or set NEO4J_URI/);
  }, 120_000);

  it('no Maven on the PATH for the first download: a one-line StartupProblem', async () => {
    const cacheRoot = await tempDir('dvg-jars-nomaven-');
    const saved = process.env.PATH;
    process.env.PATH = nodeOnlyPath;
    try {
      const error = await ensureNeo4jJars(() => {}, { cacheRoot }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StartupProblem);
      expect((error as Error).message).toMatch(/^The first start fetches Neo4j's jars with Maven and `mvn` is not on the PATH: install it/);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('no network for the first download (real Maven, offline, empty repository): one line saying so', async () => {
    const cacheRoot = await tempDir('dvg-jars-offline-');
    const error = await ensureNeo4jJars(() => {}, { cacheRoot, mavenArgs: ['-o', `-Dmaven.repo.local=${path.join(cacheRoot, 'repository')}`] }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StartupProblem);
    const message = (error as Error).message;
    expect(message).toMatch(/^The first start downloads Neo4j's jars \(about 120 MB, once\) from Maven Central, which could not be reached: connect to the network/);
    expect(message.split('\n')).toHaveLength(1);
    // Nothing half-downloaded is taken for the jars next time.
    expect(existsSync(path.join(cacheRoot, 'lib-5.26.30'))).toBe(false);
  }, 120_000);
});
