/**
 * The embedded Neo4j under supervision: its JVM is killed for real (SIGKILL) and the same Node
 * process answers again by itself; a JVM that keeps dying is given up on, loudly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/localNeo4j.js';
import { startService, type RunningService } from '../src/service.js';

const KEY = 'supervision-test-key-0123456789';

async function until<T>(attempt: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await attempt();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await attempt();
  }
  return value;
}

describe('the embedded Neo4j under supervision', () => {
  let service: RunningService | undefined;
  let dataDir: string | undefined;
  const logged: { level: number; msg: string; [field: string]: unknown }[] = [];
  afterAll(async () => {
    await service?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('comes back by itself after kill -9, with /readyz honest meanwhile, and is given up on after repeated crashes', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-supervision-'));
    const config = loadConfig({
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_ON_START: 'false',
      API_KEY: KEY,
    });
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    service = await startService(config, pino({ level: 'info' }, sink), {
      restartPolicy: { maxRestarts: 1, windowMs: 10 * 60_000, initialDelayMs: 200, maxDelayMs: 1_000 },
    });
    const url = service.url;
    const post = (query: string) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ query }),
      });
    const write = 'mutation { recordVisit(input: { traveler: { name: "Supervised Traveler", kind: PERSON }, host: { name: "Supervisia", kind: COUNTRY }, date: "2001-02-03" }) { visit { id } } }';
    const read = '{ visits(first: 5) { totalCount } }';
    expect(((await (await post(write)).json()) as { errors?: unknown }).errors).toBeUndefined();
    const readyz = () => fetch(`${url}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; restarts?: number } }));
    expect((await readyz()).status).toBe(200);

    const firstPid = service.database.local!.current().pid!;
    process.kill(firstPid, 'SIGKILL');
    await service.database.local!.current().exited;

    // While it restarts: not ready, and requests fail at once with a code and a Retry-After.
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('restarting');
    const started = Date.now();
    const refused = await post(write);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Back without anyone restarting Node or Neo4j by hand; what was written before is there.
    const back = await until(readyz, (r) => r.status === 200, 330_000);
    expect(back.status).toBe(200);
    expect(service.database.local!.current().pid).not.toBe(firstPid);
    const answered = await until(() => post(read).then((r) => r.json() as Promise<{ data?: { visits: { totalCount: number } } }>), (r) => Boolean(r.data), 30_000);
    expect(answered.data!.visits.totalCount).toBe(1);
    // The warm-up's visit was rolled back: none of its entities is in the graph.
    const search = async (text: string) =>
      ((await (await post(`{ search(text: "${text}", first: 5) { name } }`)).json()) as { data: { search: { name: string }[] } }).data.search;
    expect(await search('Supervised Traveler')).toContainEqual({ name: 'Supervised Traveler' });
    expect((await search('Warm-up Traveler')).filter((found) => /Warm-up/.test(found.name))).toEqual([]);
    // Each phase of the recovery is known and in order: no pause after a first crash, then the JVM, then the warm-up.
    const phases = service.database.health().lastRecovery!;
    expect(phases.paused).toBeLessThan(1_000);
    expect(phases.started).toBeGreaterThan(phases.paused);
    expect(phases.warmed).toBeGreaterThanOrEqual(phases.started);
    expect(logged.some((l) => l.level === 50 && /restarting it/.test(l.msg))).toBe(true);
    expect(logged.some((l) => /running again/.test(l.msg))).toBe(true);
    // The explorer's statements are planned again on the new JVM, after requests are let through.
    const readsWarmed = await until(async () => logged.find((l) => l.msg === 'read plans warmed' && l.when === 'after a restart'), Boolean, 120_000);
    expect(readsWarmed).toMatchObject({ statements: 3 });
    expect(logged.indexOf(readsWarmed!)).toBeGreaterThan(logged.findIndex((l) => /running again/.test(l.msg)));

    // A second crash within the window exceeds the policy (one restart): the supervisor gives up.
    process.kill(service.database.local!.current().pid!, 'SIGKILL');
    const failed = await until(readyz, (r) => r.body.status === 'failed', 30_000);
    expect(failed.status).toBe(503);
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    expect(logged.some((l) => l.level === 60 && /giving up/.test(l.msg))).toBe(true);
    expect((await post(read)).status).toBe(503);
  }, 600_000);
});
