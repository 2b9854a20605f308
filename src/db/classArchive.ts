/**
 * A class-data-sharing (AppCDS) archive of the classes the embedded Neo4j loads: with it, a JVM
 * maps Neo4j's ~11,000 classes ready-parsed and verified instead of loading them from the jars,
 * which cuts the CPU of a start by about 40% (15.8 -> 9.4 CPU-seconds measured). That is what a
 * restart after a crash waits for on a busy machine.
 *
 * It is made without any extra start: a JVM that finds no archive lists the classes it loads
 * (-XX:DumpLoadedClassList); a minute after it is ready, once the list holds the classes of
 * starting and of running queries, a background `java -Xshare:dump` (at the lowest CPU priority)
 * builds the archive from it, into a temporary file renamed when complete. A JVM whose archive does
 * not fit (another Java, other jars) ignores it, as -Xshare:auto does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ClassArchive {
  /** JVM flags: use the archive when there is one, else list the classes loaded. */
  flags: string[];
  /** Whether the JVM maps an existing archive. */
  used: boolean;
  /** Called once the JVM is ready: builds the archive later from its list, when none exists yet. */
  scheduleBuild(): void;
}

/** How long after a start the class list is taken to be complete enough for an archive. */
const BUILD_AFTER_MS = 60_000;
/** The JVM refuses class-list lines longer than this (some lambda forms of Neo4j's are). */
const MAX_LINE = 4000;

const building = new Set<ChildProcess>();
let buildingHere = false;
/** Class lists of this process's JVMs, removed when it ends (a list no build has used is of no more use). */
const lists = new Set<string>();

/** Stops a build still running (the process is ending) and removes the lists; the next run starts again. */
export function stopArchiveBuilds(): void {
  for (const child of building) child.kill('SIGKILL');
  for (const list of lists) rmSync(list, { force: true });
}

/** Lists and half-built archives left by processes that ended without removing them (killed): their pid is in the name. */
function removeAbandonedLists(cacheRoot: string): void {
  for (const file of readdirSync(cacheRoot)) {
    const pid = Number((/^classes-\w+-(\d+)-\d+\.lst/.exec(file) ?? /^classes-\w+\.jsa\.(\d+)\.tmp$/.exec(file))?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(path.join(cacheRoot, file), { force: true });
    }
  }
}

export function classArchive(cacheRoot: string, classPath: string, jvmFlags: string[]): ClassArchive {
  const key = createHash('sha256').update(classPath).update(jvmFlags.join(' ')).digest('hex').slice(0, 12);
  const archive = path.join(cacheRoot, `classes-${key}.jsa`);
  if (existsSync(archive)) return { flags: [`-XX:SharedArchiveFile=${archive}`], used: true, scheduleBuild: () => {} };

  removeAbandonedLists(cacheRoot);
  const list = path.join(cacheRoot, `classes-${key}-${process.pid}-${Date.now()}.lst`);
  lists.add(list);
  return {
    flags: [`-XX:DumpLoadedClassList=${list}`],
    used: false,
    scheduleBuild() {
      const timer = setTimeout(() => {
        if (buildingHere || existsSync(archive) || !existsSync(list)) return;
        buildingHere = true;
        const filtered = `${list}.filtered`;
        const staging = `${archive}.${process.pid}.tmp`;
        writeFileSync(filtered, readFileSync(list, 'utf8').split('\n').filter((line) => line.length < MAX_LINE).join('\n'));
        const child = spawn('nice', ['-n', '19', 'java', '-Xshare:dump', `-XX:SharedClassListFile=${filtered}`, `-XX:SharedArchiveFile=${staging}`,
          ...jvmFlags, '--class-path', classPath], { stdio: 'ignore' });
        building.add(child);
        const done = (ok: boolean) => {
          building.delete(child);
          buildingHere = false;
          try {
            if (ok && existsSync(staging)) renameSync(staging, archive);
          } finally {
            for (const file of [staging, filtered, list]) rmSync(file, { force: true });
          }
        };
        child.once('error', () => done(false));
        child.once('exit', (code) => done(code === 0));
        child.unref();
      }, BUILD_AFTER_MS);
      timer.unref();
    },
  };
}
