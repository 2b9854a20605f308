/**
 * Keeps the embedded Neo4j running: when its JVM dies (crash, OOM killer, kill -9) it is started
 * again on the same port and data (at once after a first crash, then after a growing pause), its
 * statements are warmed up, and each restart is logged with how long each phase took. After too
 * many crashes in a short time the supervisor gives up, logs it as fatal and reports the
 * database as failed: /readyz and /healthz then say so, rather than the service pretending.
 * While the JVM is down, `db.outage` makes requests fail at once with SERVICE_UNAVAILABLE.
 */
import type { Driver } from 'neo4j-driver';
import type { Logger } from '../log.js';
import type { Db } from './driver.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from './localNeo4j.js';

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more crash and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
  /**
   * Pause before the second restart within the window, doubled for each further one. The first
   * crash is restarted at once: a JVM that ran fine until now gains nothing from waiting.
   */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000, initialDelayMs: 1_000, maxDelayMs: 30_000 };

export type DatabaseState = 'running' | 'restarting' | 'failed' | 'stopped';

/** When each phase of the last recovery ended, in ms after the JVM's exit was noticed. */
export interface RecoveryTimes {
  /** The pause of the restart policy. */
  paused: number;
  /** The new JVM's start (store recovery included) up to Bolt accepting connections. */
  started: number;
  /** The warm-up (the first statements planned and compiled), after which requests are let through. */
  warmed: number;
  /** The new JVM's own account of its start (jvm, dbms, password, database), in ms each. */
  jvm: Record<string, number>;
}

export interface DatabaseHealth {
  state: DatabaseState;
  /** Restarts since the service started. */
  restarts: number;
  /** Why the JVM last stopped, when it did. */
  lastExit?: string;
  lastRecovery?: RecoveryTimes;
}

/**
 * Work run against a freshly restarted Neo4j before requests are let through again (e.g. a
 * visit written and rolled back), so that the first clients do not each pay for planning the
 * same statements on a cold JVM. Its failure is logged, never fatal.
 */
export type WarmUp = (driver: Driver) => Promise<void>;

/** How long a warm-up may take before requests are let through anyway. */
const WARM_UP_BUDGET_MS = 120_000;

export interface SupervisedNeo4j {
  uri: string;
  /** The JVM running now (changes with each restart). */
  current(): LocalNeo4j;
  health(): DatabaseHealth;
  /** Lets `db` fail fast while the JVM is down. */
  attach(db: Db): void;
  /** Resolves when the JVM is running again (or rejects once the supervisor has given up). */
  whenRunning(): Promise<void>;
  stop(): Promise<void>;
}

export async function superviseLocalNeo4j(
  options: LocalNeo4jOptions,
  log: Logger,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  warmUp?: WarmUp,
): Promise<SupervisedNeo4j> {
  let neo4j = await startLocalNeo4j(options);
  const health: DatabaseHealth = { state: 'running', restarts: 0 };
  const crashes: number[] = [];
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  let settleRunning: { resolve: () => void; reject: (error: Error) => void } | undefined;
  let driver: Driver | undefined;
  /** Counts recoveries, so that one overtaken by a newer crash (during its warm-up) stops there. */
  let generation = 0;

  const watch = (instance: LocalNeo4j) => {
    void instance.exited.then(({ code, signal }) => {
      if (stopping || instance !== neo4j) return;
      health.lastExit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      void recover();
    });
  };

  const recover = async () => {
    const exitAt = Date.now();
    const since = () => Date.now() - exitAt;
    const mine = (generation += 1);
    // A recovery that a new crash overtook hands its waiters on to this one.
    if (!settleRunning) {
      running = new Promise<void>((resolve, reject) => {
        settleRunning = { resolve, reject };
      });
      running.catch(() => {});
    }
    const settle = (error?: Error) => {
      if (error) settleRunning?.reject(error);
      else settleRunning?.resolve();
      settleRunning = undefined;
    };
    for (;;) {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - policy.windowMs) crashes.shift();
      if (crashes.length > policy.maxRestarts) {
        health.state = 'failed';
        log.fatal(
          { crashes: crashes.length, windowMs: policy.windowMs, lastExit: health.lastExit },
          'the embedded Neo4j keeps stopping: giving up on restarting it; the API answers SERVICE_UNAVAILABLE until the service is restarted',
        );
        settle(new Error('the embedded Neo4j failed for good'));
        return;
      }
      health.state = 'restarting';
      const delayMs = crashes.length === 1 ? 0 : Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (crashes.length - 2));
      log.error({ lastExit: health.lastExit, attempt: crashes.length, delayMs }, 'the embedded Neo4j stopped unexpectedly; restarting it');
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stopping) return;
      const paused = since();
      try {
        // Store recovery after a crash takes longer than a clean start, the more so on a busy machine.
        neo4j = await startLocalNeo4j({ startTimeoutMs: 300_000, ...options, passwordSet: true, progress: (line) => log.info(line) });
        if (stopping) {
          await neo4j.stop();
          return;
        }
        watch(neo4j);
        const started = since();
        await warm();
        if (stopping || mine !== generation) return;
        health.restarts += 1;
        health.lastRecovery = { paused, started, warmed: since(), jvm: neo4j.startTimes };
        health.state = 'running';
        log.warn({ restarts: health.restarts, ms: since(), phases: health.lastRecovery, pid: neo4j.pid }, 'the embedded Neo4j is running again');
        settle();
        return;
      } catch (error) {
        health.lastExit = `could not start: ${(error as Error).message.split('\n')[0]}`;
      }
    }
  };

  /** Runs the warm-up within its budget; a JVM that dies meanwhile is the watcher's business. */
  const warm = async () => {
    if (!warmUp || !driver) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        warmUp(driver),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`not done within ${WARM_UP_BUDGET_MS} ms`)), WARM_UP_BUDGET_MS);
        }),
      ]);
    } catch (error) {
      log.warn({ err: error }, 'the warm-up of the restarted Neo4j failed; letting requests through anyway');
    } finally {
      clearTimeout(timer);
    }
  };

  watch(neo4j);
  return {
    uri: neo4j.uri,
    current: () => neo4j,
    health: () => ({ ...health }),
    attach(db) {
      driver = db.driver;
      db.outage = () => {
        if (health.state === 'restarting') return 'the embedded Neo4j is restarting';
        if (health.state === 'failed') return 'the embedded Neo4j has failed';
        return undefined;
      };
    },
    whenRunning: () => running,
    async stop() {
      stopping = true;
      health.state = 'stopped';
      await neo4j.stop();
    },
  };
}
