/**
 * Keeps the embedded Neo4j running: when its JVM dies (crash, OOM killer, kill -9) it is started
 * again on the same port and data, after a growing pause, and each restart is logged. After too
 * many crashes in a short time the supervisor gives up, logs it as fatal and reports the
 * database as failed: /readyz and /healthz then say so, rather than the service pretending.
 * While the JVM is down, `db.outage` makes requests fail at once with SERVICE_UNAVAILABLE.
 */
import type { Logger } from '../log.js';
import type { Db } from './driver.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from './localNeo4j.js';

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; one more crash and the supervisor gives up. */
  maxRestarts: number;
  windowMs: number;
  /** Pause before the first restart; doubled for each further crash in the window. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000, initialDelayMs: 1_000, maxDelayMs: 30_000 };

export type DatabaseState = 'running' | 'restarting' | 'failed' | 'stopped';

export interface DatabaseHealth {
  state: DatabaseState;
  /** Restarts since the service started. */
  restarts: number;
  /** Why the JVM last stopped, when it did. */
  lastExit?: string;
}

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
): Promise<SupervisedNeo4j> {
  let neo4j = await startLocalNeo4j(options);
  const health: DatabaseHealth = { state: 'running', restarts: 0 };
  const crashes: number[] = [];
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  let settleRunning: { resolve: () => void; reject: (error: Error) => void } | undefined;

  const watch = (instance: LocalNeo4j) => {
    void instance.exited.then(({ code, signal }) => {
      if (stopping || instance !== neo4j) return;
      health.lastExit = signal ? `killed by ${signal}` : `exited with code ${code}`;
      void recover();
    });
  };

  const recover = async () => {
    running = new Promise<void>((resolve, reject) => {
      settleRunning = { resolve, reject };
    });
    running.catch(() => {});
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
        settleRunning?.reject(new Error('the embedded Neo4j failed for good'));
        return;
      }
      health.state = 'restarting';
      const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (crashes.length - 1));
      log.error({ lastExit: health.lastExit, attempt: crashes.length, delayMs }, 'the embedded Neo4j stopped unexpectedly; restarting it');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (stopping) return;
      try {
        const started = Date.now();
        // Store recovery after a crash takes longer than a clean start, the more so on a busy machine.
        neo4j = await startLocalNeo4j({ startTimeoutMs: 300_000, ...options, passwordSet: true, progress: (line) => log.info(line) });
        if (stopping) {
          await neo4j.stop();
          return;
        }
        health.restarts += 1;
        health.state = 'running';
        watch(neo4j);
        log.warn({ restarts: health.restarts, ms: Date.now() - started, phases: neo4j.startTimes, pid: neo4j.pid }, 'the embedded Neo4j is running again');
        settleRunning?.resolve();
        return;
      } catch (error) {
        health.lastExit = `could not start: ${(error as Error).message.split('\n')[0]}`;
      }
    }
  };

  watch(neo4j);
  return {
    uri: neo4j.uri,
    current: () => neo4j,
    health: () => ({ ...health }),
    attach(db) {
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
