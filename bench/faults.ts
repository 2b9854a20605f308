/**
 * `npm run bench -- faults [--writers N] [--before S]`: kills the embedded Neo4j (SIGKILL) in the
 * middle of a stream of writes and checks what a client may rely on. The whole service runs as
 * `npm start` runs it (startService, with its supervisor), in a temporary data folder; N writers
 * (default 4) record visits (each with a meeting and a topic) one after another; after S seconds
 * (default 10) and at least 20 acknowledged writes the JVM is killed; the writers keep going until writes succeed again, then 5 s
 * more. Then: every acknowledged write must be in the graph, whole (traveler, host, VISITED edge,
 * meeting with its principals, topic), no visit anywhere may be half-written, and the service
 * must have answered again within a minute without anyone restarting anything. Exits 1 if not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { freePort } from '../src/db/localNeo4j.js';
import { createLogger } from '../src/log.js';
import { startService } from '../src/service.js';
import { intFlag } from './args.js';

const KEY = 'bench-faults-api-key-0123456789';

export async function main(args: string[]): Promise<void> {
  const writers = intFlag(args, '--writers', 4);
  const beforeS = intFlag(args, '--before', 10);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-faults-'));
  // The article only: the Office of the Historian's records would load in the background and
  // turn the run into an import benchmark (and the kill into the recovery of a bulk load).
  const config = loadConfig({
    ...process.env, NEO4J_URI: '', NEO4J_LOCAL_DATA: dataDir, NEO4J_LOCAL_BOLT_PORT: String(await freePort()),
    PORT: '0', HOST: '127.0.0.1', API_KEY: KEY, SEED_DATASETS: 'article',
  });
  process.stderr.write('[bench] starting the service (embedded Neo4j, supervised) ...\n');
  // Errors only: the supervisor's restarts, not every refused request while Neo4j is away.
  const service = await startService(config, createLogger('error'));
  const acknowledged: { visitId: string; traveler: string; date: string }[] = [];
  let refused = 0;
  // What the writes that failed after Neo4j was running again got back (code or transport error), and how long they took.
  const afterReturn = new Map<string, { count: number; ms: number }>();
  let neo4jBackAt = 0;
  let killedAt = 0;
  let backAt = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  let n = 0;
  try {
    const tally = (code: string, ms: number) => {
      const t = afterReturn.get(code) ?? { count: 0, ms: 0 };
      afterReturn.set(code, { count: t.count + 1, ms: Math.max(t.ms, ms) });
    };
    const writeOne = async () => {
      const i = n++;
      const sentAt = Date.now();
      const traveler = `Fault Traveler ${i % 20}`;
      const date = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const query = `mutation { recordVisit(input: { traveler: { name: "${traveler}", kind: PERSON }, host: { name: "Faultland", kind: COUNTRY }, date: "${date}",
        topics: ["Resilience"], meetings: [{ with: [{ name: "Fault Host ${i % 5}", kind: PERSON }] }] }) { visit { id } } }`;
      try {
        const response = await fetch(`${service.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify({ query }),
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as { data?: { recordVisit?: { visit: { id: string } } }; errors?: unknown };
        if (body.data?.recordVisit && !body.errors) {
          acknowledged.push({ visitId: body.data.recordVisit.visit.id, traveler, date });
          // Back: a write sent after the kill went through (one in flight at the kill does not count).
          if (killedAt && !backAt && sentAt > killedAt) {
            backAt = Date.now();
            stopAt = backAt + 5_000;
          }
        } else {
          refused += 1;
          const code = (body.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
          if (neo4jBackAt && sentAt > neo4jBackAt) tally(code, Date.now() - sentAt);
        }
      } catch (error) {
        refused += 1;
        if (neo4jBackAt && sentAt > neo4jBackAt) tally((error as Error).name, Date.now() - sentAt);
      }
    };
    const started = Date.now();
    const stream = Array.from({ length: writers }, async () => {
      // Up to 5 minutes after the kill, so that a slow return is measured rather than cut off.
      while (Date.now() < stopAt && (!killedAt || Date.now() - killedAt < 300_000) && Date.now() - started < 600_000) {
        await writeOne();
        if (killedAt && !backAt) await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    // At least S seconds and 20 acknowledged writes before the kill (a cold service on a busy
    // machine may take a while for its first ones).
    await new Promise((resolve) => setTimeout(resolve, beforeS * 1000));
    while (acknowledged.length < 20 && Date.now() - started < 120_000) await new Promise((resolve) => setTimeout(resolve, 250));
    const pid = service.database.local!.current().pid!;
    process.stderr.write(`[bench] ${acknowledged.length} writes acknowledged; kill -9 ${pid} ...\n`);
    killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    // When the supervisor has the JVM running again, as distinct from the first write that gets through.
    const watchHealth = setInterval(() => {
      if (!neo4jBackAt && service.database.health().restarts > 0 && service.database.health().state === 'running') neo4jBackAt = Date.now();
    }, 100);
    // /readyz as a load balancer would poll it: when it first says ready again, and whether it
    // ever said so while the supervisor knew the database was not running (it must not).
    let readyAt = 0;
    let readyWhileDown = 0;
    const pollReady = setInterval(() => {
      void fetch(`${service.url}/readyz`).then((r) => {
        if (r.status !== 200) return;
        if (service.database.health().state !== 'running') readyWhileDown += 1;
        else readyAt ||= Date.now();
      }, () => {});
    }, 250);
    await Promise.all(stream);
    clearInterval(watchHealth);
    clearInterval(pollReady);
    await service.database.local!.whenRunning();

    const check = await service.database.db.read(async (tx) => {
      const missing = await tx.run(
        `UNWIND $acks AS ack
         OPTIONAL MATCH (v:Visit {id: ack.visitId})
         WITH ack, v,
           COUNT { (v)-[:TRAVELER]->(:Person) } AS travelers,
           COUNT { (v)-[:HOST_COUNTRY]->(:Country) } AS hosts,
           COUNT { (:Person)-[:VISITED {visitId: ack.visitId}]->(:Country) } AS visited,
           COUNT { (v)-[:INCLUDES]->(m:Meeting)-[:PRINCIPAL]->(:Person) } AS principals,
           COUNT { (v)-[:DISCUSSED]->(:Topic) } AS topics
         WHERE v IS NULL OR travelers <> 1 OR hosts <> 1 OR visited <> 1 OR principals < 2 OR topics <> 1
         RETURN collect(ack.visitId) AS ids`,
        { acks: acknowledged },
      );
      const half = await tx.run(
        `MATCH (v:Visit)
         WHERE COUNT { (v)-[:TRAVELER]->() } <> 1 OR COUNT { (v)-[:HOST_COUNTRY]->() } <> 1
            OR NOT EXISTS { ()-[:VISITED {visitId: v.id}]->() }
         RETURN collect(v.id) AS ids`,
      );
      const total = await tx.run('MATCH (v:Visit) RETURN count(v) AS n');
      return { missing: missing.records[0]!.get('ids') as string[], half: half.records[0]!.get('ids') as string[], visits: total.records[0]!.get('n') as number };
    });
    const recoveryS = backAt ? (backAt - killedAt) / 1000 : undefined;
    const ok = check.missing.length === 0 && check.half.length === 0 && recoveryS !== undefined && recoveryS <= 60 && readyWhileDown === 0;
    process.stdout.write(
      `\nFault run: ${writers} writers, Neo4j killed (SIGKILL) after ${beforeS} s, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n` +
        `  writes acknowledged     ${acknowledged.length} (refused or failed while down: ${refused})\n` +
        `  Neo4j running again     ${neo4jBackAt ? `${((neo4jBackAt - killedAt) / 1000).toFixed(1)} s after the kill` : 'NEVER'}\n` +
        `    phases (ms after the exit was noticed): ${JSON.stringify(service.database.health().lastRecovery)}\n` +
        `  /readyz ready again     ${readyAt ? `${((readyAt - killedAt) / 1000).toFixed(1)} s after the kill` : 'NEVER'} (said ready while down: ${readyWhileDown} times)\n` +
        `  writes failed after that ${JSON.stringify(Object.fromEntries(afterReturn))} (count, longest ms)\n` +
        `  service writing again   ${recoveryS === undefined ? 'NEVER' : `${recoveryS.toFixed(1)} s after the kill`} (restarts by the supervisor: ${service.database.health().restarts})\n` +
        `  acknowledged but missing or incomplete: ${check.missing.length}${check.missing.length ? ` (${check.missing.slice(0, 5).join(', ')})` : ''}\n` +
        `  half-written visits in the graph:       ${check.half.length}${check.half.length ? ` (${check.half.slice(0, 5).join(', ')})` : ''}\n` +
        `  visits in the graph: ${check.visits}\n` +
        `  ${ok ? 'PASS' : 'FAIL'}\n`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
