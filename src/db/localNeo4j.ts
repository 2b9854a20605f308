/**
 * The embedded default: a genuine Neo4j Community, started from the jars Maven fetches
 * (neo4j/pom.xml) and the single-file launcher neo4j/EmbeddedNeo4j.java. No Docker needed.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../config.js';
import { classArchive, stopArchiveBuilds } from './classArchive.js';
import { ensurePortFree, javaMissing, mavenFailure, mavenMissing, neo4jStartFailure } from './startupProblems.js';

export const LAUNCHER_CLASS = 'EmbeddedNeo4j';
const LAUNCHER_SOURCE = path.join(PROJECT_ROOT, 'neo4j', `${LAUNCHER_CLASS}.java`);
const POM = path.join(PROJECT_ROOT, 'neo4j', 'pom.xml');
const CACHE_ROOT = path.join(PROJECT_ROOT, '.neo4j');

// Neo4j reaches into JDK internals; these are the flags its own start script passes on Java 17.
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-opens=java.base/java.util=ALL-UNNAMED',
  '--add-opens=java.base/java.util.concurrent=ALL-UNNAMED',
  '--add-exports=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.attach.allowAttachSelf=true',
];

export function neo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new Error(`no <neo4j.version> in ${POM}`);
  return match[1];
}

type Progress = (line: string) => void;
const stderrProgress: Progress = (line) => process.stderr.write(`${line}\n`);

/**
 * The folder of Neo4j jars, fetched by Maven on first use. Written to a temporary folder and
 * renamed when complete, so an interrupted download is never taken for a finished one.
 */
export async function ensureNeo4jJars(
  progress: Progress = stderrProgress,
  // Where the jars are kept, and extra Maven arguments (tests use them to fetch into a scratch folder offline).
  { cacheRoot = CACHE_ROOT, mavenArgs = [] as string[] } = {},
): Promise<string> {
  const libDir = path.join(cacheRoot, `lib-${neo4jVersion()}`);
  const marker = path.join(libDir, '.complete');
  if (existsSync(marker)) return libDir;

  mkdirSync(cacheRoot, { recursive: true });
  const staging = await mkdtemp(path.join(cacheRoot, 'lib-download-'));
  progress(`[neo4j] first run: Maven is fetching Neo4j ${neo4jVersion()} (about 120 MB of jars, once) ...`);
  let fetched = 0;
  await new Promise<void>((resolve, reject) => {
    const mvn = spawn('mvn', [
      '-B', '-f', POM, 'dependency:copy-dependencies',
      `-DoutputDirectory=${staging}`, '-DincludeScope=runtime', ...mavenArgs,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (line.includes('Downloaded from')) {
        fetched += 1;
        if (fetched % 25 === 0) progress(`[neo4j] ... ${fetched} files downloaded`);
      }
    };
    readline.createInterface({ input: mvn.stdout }).on('line', onLine);
    readline.createInterface({ input: mvn.stderr }).on('line', onLine);
    mvn.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? mavenMissing() : err));
    mvn.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(mavenFailure(tail, code));
    });
  }).catch((err) => {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  });
  writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
  try {
    renameSync(staging, libDir);
  } catch (err) {
    // Another process finished first: use its copy.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(marker)) throw err;
  }
  progress(`[neo4j] jars ready in ${path.relative(PROJECT_ROOT, libDir)} (${fetched} files downloaded)`);
  return libDir;
}

/**
 * How to run the launcher: compiled once into the cache (`.neo4j/launcher-<hash>/launcher.jar`),
 * since Java's source-file mode compiles it again at every start, which costs seconds of CPU on
 * each restart after a crash. A jar rather than a folder of classes, because a class-data archive
 * (classArchive.ts) only covers class paths made of jars. Without javac and jar (a bare JRE), the
 * source file as before (and no archive).
 */
async function launcher(libDir: string): Promise<{ classPath: string; main: string[] }> {
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).update(path.basename(libDir)).update('jar').digest('hex').slice(0, 12);
  const jarDir = path.join(path.dirname(libDir), `launcher-${hash}`);
  const compiled = { classPath: `${libDir}/*${path.delimiter}${path.join(jarDir, 'launcher.jar')}`, main: [LAUNCHER_CLASS] };
  if (existsSync(path.join(jarDir, 'launcher.jar'))) return compiled;
  // Built aside and renamed into place, so a concurrent start never runs half a jar.
  const staging = await mkdtemp(path.join(path.dirname(libDir), 'launcher-build-'));
  try {
    const classes = path.join(staging, 'classes');
    await promisify(execFile)('javac', ['-d', classes, '--class-path', `${libDir}/*`, LAUNCHER_SOURCE]);
    const jarStaging = path.join(staging, 'jar');
    mkdirSync(jarStaging);
    await promisify(execFile)('jar', ['cf', path.join(jarStaging, 'launcher.jar'), '-C', classes, '.']);
    try {
      renameSync(jarStaging, jarDir);
    } catch {
      // Another start built it first: theirs is the same jar.
    }
    return compiled;
  } catch {
    return { classPath: `${libDir}/*`, main: [LAUNCHER_SOURCE] };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The file in the data folder that holds the embedded Neo4j's password (user "neo4j"). */
export const PASSWORD_FILE = 'neo4j-password';

/**
 * The embedded Neo4j's password: made at random on first start and kept in the data folder,
 * readable by this user only, for the service and the command-line tools to read.
 */
export function localPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

export interface LocalNeo4jOptions {
  dataDir: string;
  port: number;
  heapMb?: number;
  pageCacheMb?: number;
  /** Heap one transaction may use (default: a quarter of the heap). */
  txMemoryMb?: number;
  progress?: Progress;
  startTimeoutMs?: number;
  /** A restart on data whose password this process already set: the launcher skips setting it. */
  passwordSet?: boolean;
}

export interface LocalNeo4j {
  uri: string;
  /** User "neo4j"'s password (authentication is on). */
  user: string;
  password: string;
  port: number;
  dataDir: string;
  pid: number | undefined;
  /** How long each phase of its start took, in ms (jvm, dbms with store recovery, password, database). */
  startTimes: Record<string, number>;
  /** Whether it started from the class-data archive (classArchive.ts). */
  classArchive: boolean;
  /** Settles when the JVM exits, for whatever reason (a supervisor watches it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Clean shutdown (checkpoint), waiting for the JVM to exit. */
  stop(): Promise<void>;
  /** Immediate SIGKILL, as a crash would; for failure tests. */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the process ends without stop(): SIGTERM lets the JVM's hook close the
  // store. The JVM also exits by itself when our end of its stdin pipe closes.
  process.on('exit', () => {
    stopArchiveBuilds();
    for (const child of running) child.kill('SIGTERM');
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const progress = options.progress ?? stderrProgress;
  const libDir = await ensureNeo4jJars(progress);
  await ensurePortFree(options.port);
  mkdirSync(options.dataDir, { recursive: true });
  const password = localPassword(options.dataDir);
  const heapMb = options.heapMb ?? 512;
  const { classPath, main } = await launcher(libDir);
  const archive = classArchive(path.dirname(libDir), classPath, JVM_FLAGS);
  const args = [
    `-Xms${heapMb}m`, `-Xmx${heapMb}m`, ...JVM_FLAGS, ...archive.flags,
    '--class-path', classPath, ...main,
    options.dataDir, String(options.port), String(options.pageCacheMb ?? 256), String(options.txMemoryMb ?? Math.floor(heapMb / 4)),
  ];
  // The password goes through the environment, never the command line (which `ps` shows).
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, EMBEDDED_NEO4J_PASSWORD: password, ...(options.passwordSet ? { EMBEDDED_NEO4J_PASSWORD_SET: '1' } : {}) } });
  running.add(child);
  installExitHook();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });

  const output: string[] = [];
  const startTimes: Record<string, number> = {};
  const spawnedAt = Date.now();
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 40) output.shift();
  };
  readline.createInterface({ input: child.stderr! }).on('line', keep);

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${options.startTimeoutMs ?? 180_000} ms:\n${output.join('\n')}`));
    }, options.startTimeoutMs ?? 180_000);
    const stdout = readline.createInterface({ input: child.stdout! });
    stdout.on('line', (line) => {
      keep(line);
      if (line.startsWith('NEO4J_TIMES ')) {
        for (const [, phase, ms] of line.matchAll(/(\w+)=(\d+)/g)) startTimes[phase!] = Number(ms);
      }
      if (line.startsWith('NEO4J_READY')) {
        startTimes.total = Date.now() - spawnedAt;
        archive.scheduleBuild();
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? javaMissing() : err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(neo4jStartFailure(output, options.dataDir, options.port, signal ? `signal ${signal}` : `exit code ${code}`));
    });
  });

  return {
    uri: `bolt://127.0.0.1:${options.port}`,
    user: 'neo4j',
    password,
    port: options.port,
    dataDir: options.dataDir,
    pid: child.pid,
    startTimes,
    classArchive: archive.used,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await waitForExit(child, 60_000);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitForExit(child, 10_000);
    },
  };
}
