/**
 * `npm run bench -- load [--visits N] [--duration S] [--connections C] [--gate G[,G...]]`: the
 * service under sustained load. Loads the article and a synthetic graph of N visits (default
 * 5,000), starts the real HTTP server, and drives /graphql for S seconds (default 60) from C
 * connections (default 64) with a mix of reads (neighbourhood depth 2, a nested visits page, a
 * search, an entity with its relations, a timeline) and 10% writes (recordVisit, each a new
 * visit). Prints requests/s, p50/p99 latency overall and per kind of request, errors by cause
 * (client timeouts, other transport errors, HTTP status, GraphQL error code), the server's
 * warnings, and the memory (RSS) of the Node process and of the embedded Neo4j before, at the
 * peak during, and 15 s after the load, with the machine's load average before and after.
 *
 * `--gate` runs the load once per value, one after the other on the same graph, with that many
 * API transactions at once (DB_MAX_CONCURRENT; default: its configured value): `--gate 1000,4`
 * compares no bound with a bound of 4 on the same machine at nearly the same moment.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Writable } from 'node:stream';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../src/app.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { openBenchDatabase } from './database.js';
import { loadSynthetic } from './read.js';
import { randomFrom } from './synthetic.js';
import { intFlag } from './args.js';
import { databaseGateConfig, type DatabaseGateConfig } from '../src/config.js';
import type { Db } from '../src/db/driver.js';
import { createGate } from '../src/db/gate.js';

const KEY = 'bench-load-api-key-0123456789';

/** The mix's reads, by the name the figures give them. */
const READS: Record<string, string> = {
  neighborhood: '{ neighborhood(id: "person:syn-00010", depth: 2, limit: 200) { nodes { id kind name } edges { id type source target } } }',
  visitsPage: '{ visits(first: 20) { totalCount edges { node { id date traveler { id name } host { id name } meetings { id participants { id name } } } } } }',
  search: '{ search(text: "city", first: 10) { id name kind } }',
  entity: '{ entity(id: "country:syn-001") { id name relations(first: 50) { type other { id name } provenance { certainty } } } }',
  timeline: '{ timeline(id: "person:syn-00020", first: 50) { date role event { id name } } }',
};
const KINDS = [...Object.keys(READS), 'write'];

/** The p-th percentile (0..100) of `values`, nearest rank. */
function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A logger for the service under load that counts its warnings and errors by message. */
function countingLogger(counts: Map<string, number>) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        const { msg, reason } = JSON.parse(line) as { msg?: string; reason?: string };
        const key = reason ? `${msg} (${reason})` : String(msg);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      done();
    },
  });
  return pino({ level: 'warn' }, sink);
}

/**
 * A full garbage collection of this process, so that "after" compares what is still reachable
 * rather than what V8 has not yet bothered to collect (RSS alone rarely shrinks).
 */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function heapMb(): number {
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An endless stream of the mix's kinds: blocks of ten (two of each read but the timeline, one
 * timeline, one write), each block in an order shuffled by a seeded generator.
 */
function mixedKinds(seed: number): () => string {
  const random = randomFrom(seed);
  const block = ['neighborhood', 'neighborhood', 'visitsPage', 'visitsPage', 'search', 'search', 'entity', 'entity', 'timeline', 'write'];
  let queue: string[] = [];
  return () => {
    if (queue.length === 0) {
      queue = [...block];
      for (let i = queue.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [queue[i], queue[j]] = [queue[j]!, queue[i]!];
      }
    }
    return queue.pop()!;
  };
}

/** The positive integers after `flag`, comma-separated, or `fallback` when the flag is absent. */
function intListFlag(args: string[], flag: string, fallback: number[]): number[] {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const list = String(args[i + 1]).split(',').map(Number);
  if (!list.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`${flag} needs positive integers, comma-separated`);
  return list;
}

export async function main(args: string[]): Promise<void> {
  const visits = intFlag(args, '--visits', 5000);
  const duration = intFlag(args, '--duration', 60);
  const connections = intFlag(args, '--connections', 64);
  const configured = databaseGateConfig();
  const gates = intListFlag(args, '--gate', [configured.maxConcurrent]);
  const { db, close, serverPid } = await openBenchDatabase();
  try {
    await applyMigrations(db);
    await loadSeed(db);
    await loadSynthetic(db, visits);
    // One count of writes across rounds: every write of every round is a visit of its own.
    const writes = { n: 0 };
    for (const maxConcurrent of gates) {
      await measure({ db, serverPid, visits, duration, connections, gate: { ...configured, maxConcurrent }, writes });
    }
  } finally {
    await close();
  }
}

export interface Round {
  db: Db;
  serverPid?: number;
  visits: number;
  duration: number;
  connections: number;
  gate: DatabaseGateConfig;
  writes: { n: number };
}

export async function measure({ db, serverPid, visits, duration, connections, gate, writes: written }: Round): Promise<void> {
  const serverLog = new Map<string, number>();
  // How long each kind's transactions ran once they had their turn (the rest of a request's time
  // is its wait for a turn, and Node's own work): the service's database, timed around each call.
  const kindOf = new AsyncLocalStorage<string>();
  const inNeo4j = new Map<string, number[]>(KINDS.map((kind) => [kind, []]));
  const timed = <T>(kind: string | undefined, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    return run().finally(() => kind && inNeo4j.get(kind)?.push(performance.now() - started));
  };
  const timedDb: Db = {
    ...db,
    read: (work, options) => timed(kindOf.getStore(), () => db.read(work, options)),
    write: (work, options) => timed(kindOf.getStore(), () => db.write(work, options)),
  };
  const server = createApp({ db: timedDb, log: countingLogger(serverLog), apiKey: KEY, gate: createGate(gate) });
  const [handle] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => kindOf.run(String(req.headers['x-bench-kind'] ?? 'other'), () => handle!(req, res)));
  // Requests whose client gave up (autocannon's timeout) before the answer, by kind: seen by the
  // server. Those still running when the load stops are closed by autocannon, and not counted.
  const abandoned = new Map<string, number>();
  let loading = true;
  let logDuringLoad = serverLog;
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const kind = String(req.headers['x-bench-kind'] ?? 'other');
    res.on('close', () => {
      if (loading && !res.writableFinished) abandoned.set(kind, (abandoned.get(kind) ?? 0) + 1);
    });
  });
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    const memory = () => ({ node: Math.round(process.memoryUsage().rss / 2 ** 20), neo4j: rssMb(serverPid) });
    // A short warm-up so that "before" is the steady state of a running service, not a cold one.
    // (A cold first run of a statement may hit the read timeout on a busy machine: up to 3 tries.)
    for (const query of Object.values(READS)) {
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { errors?: unknown };
        if (!body.errors) break;
        if (attempt === 3) throw new Error(`a read of the mix fails: ${JSON.stringify(body.errors)}`);
      }
    }
    collectGarbage();
    const heapBefore = heapMb();
    const before = memory();
    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = memory();
      peak.node = Math.max(peak.node, now.node);
      if (now.neo4j !== undefined) peak.neo4j = Math.max(peak.neo4j ?? 0, now.neo4j);
    }, 1000);

    let writes = 0;
    const firstWrite = written.n;
    let graphqlErrors = 0;
    const errorCodes = new Map<string, number>();
    const firstErrors: string[] = [];
    const latencies = new Map<string, number[]>(KINDS.map((kind) => [kind, []]));
    // autocannon calls a request's onResponse and then, at once, emits 'response' with the
    // latency: the kind noted here is the one the next latency belongs to.
    let answered = '';
    const onResponse = (status: number, body: string, context: { kind?: string }) => {
      const kind = context.kind ?? 'other';
      answered = kind;
      if (status !== 200 || !body.includes('"errors"')) return;
      graphqlErrors += 1;
      for (const match of body.matchAll(/"code":"([A-Z_]+)"/g)) errorCodes.set(match[1]!, (errorCodes.get(match[1]!) ?? 0) + 1);
      if (firstErrors.length < 3) firstErrors.push(`${kind}: ${body.slice(0, 300)}`);
    };
    // Each write is a new visit: a synthetic traveler to the article's Algeria on a date of its own.
    const writeQuery = () => {
      const n = firstWrite + writes++;
      written.n += 1;
      const date = new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
      const traveler = `person:syn-${String(n % 200).padStart(5, '0')}`;
      return `mutation { recordVisit(input: { traveler: { id: "${traveler}" }, host: { id: "country:algeria" }, date: "${date}", topics: ["Load testing"] }) { visit { id } } }`;
    };
    // The mix: in every ten requests, each of the five reads twice except the timeline once, and
    // one write. The ten come in a shuffled order, and all connections draw from one stream, so
    // that the 64 connections do not move in step (all of them asking for the heaviest read at
    // the same moment, then all for the next one), which no real set of clients does.
    const nextKind = mixedKinds(20201001);
    const mixed = {
      method: 'POST' as const,
      path: '/graphql',
      setupRequest: (request: Record<string, unknown>, context: { kind?: string }) => {
        const kind = nextKind();
        context.kind = kind;
        const auth = kind === 'write' ? { authorization: `Bearer ${KEY}` } : {};
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'x-bench-kind': kind, ...auth },
          body: JSON.stringify({ query: kind === 'write' ? writeQuery() : READS[kind] }),
        };
      },
      onResponse,
    };
    const sequence = [mixed];
    process.stderr.write(`[bench] load: ${duration} s at ${connections} connections ...\n`);
    const uptimeBefore = os.loadavg();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon({ url, connections, duration, requests: sequence as never }, (error, done) => {
        loading = false;
        // What the server logged during the load; the requests autocannon cuts off at its end log a cancellation each.
        logDuringLoad = new Map(serverLog);
        if (error) reject(error);
        else resolve(done);
      });
      run.on('response', (_client, _status, _bytes, ms) => latencies.get(answered)?.push(ms));
    });
    clearInterval(sampler);
    process.stderr.write('[bench] waiting 15 s after the load ...\n');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const after = memory();
    collectGarbage();
    const heapAfter = heapMb();
    // autocannon counts each timeout among its errors as well.
    const errors = result.errors + result.non2xx + graphqlErrors;
    const mb = (n: number | undefined) => (n === undefined ? 'n/a' : `${n} MB`);
    const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' ');
    const counts = (m: Map<string, number>) => (m.size ? [...m].map(([k, n]) => `${k} ${n}`).join(', ') : 'none');
    const statuses = Object.entries(result.statusCodeStats as Record<string, { count: number }>).filter(([code]) => code !== '200');
    const everyAnswer = [...latencies.values()].flat();
    const msText = (ms: number) => `${Number.isNaN(ms) ? '-' : Math.round(ms)}`.padStart(6);
    const kindLine = (kind: string, ms: number[], gaveUp: number, neo4jMs: number[]) =>
      `    ${kind.padEnd(13)}${String(ms.length).padStart(6)} answers   p50 ${msText(percentile(ms, 50))} ms   p99 ${msText(percentile(ms, 99))} ms   ` +
      `max ${msText(ms.length ? Math.max(...ms) : NaN)} ms   client gave up ${gaveUp}   in Neo4j p50 ${msText(percentile(neo4jMs, 50))} ms, p99 ${msText(percentile(neo4jMs, 99))} ms`;
    process.stdout.write(
      `\nLoad benchmark: ${visits} synthetic visits + the article, ${connections} connections, ${duration} s, 90% reads / 10% writes, ` +
        `Node ${process.version}, ${os.cpus().length} CPUs\n` +
        `  machine      load average (1, 5, 15 min) before ${load(uptimeBefore)}, at the end ${load(os.loadavg())}\n` +
        `  gate         ${gate.maxConcurrent} transactions at once, ${gate.maxWaitMs} ms wait budget (DB_MAX_CONCURRENT, DB_QUEUE_WAIT_MS)\n` +
        `  throughput   ${result.requests.average.toFixed(0)} req/s (${result.requests.total} requests, ${writes} writes)\n` +
        `  latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (autocannon, 2xx answers)\n` +
        `  by kind      (latency: client-side, every answer; in Neo4j: each transaction from its turn to its end)\n` +
        KINDS.map((kind) => kindLine(kind, latencies.get(kind)!, abandoned.get(kind) ?? 0, inNeo4j.get(kind)!)).join('\n') + '\n' +
        kindLine('all', everyAnswer, [...abandoned.values()].reduce((a, b) => a + b, 0), [...inNeo4j.values()].flat()) + '\n' +
        `  errors       ${errors}: client timeouts ${result.timeouts}, other transport errors ${result.errors - result.timeouts}, ` +
        `non-2xx ${result.non2xx}${statuses.length ? ` (${statuses.map(([code, { count }]) => `${code}: ${count}`).join(', ')})` : ''}, ` +
        `GraphQL errors ${graphqlErrors}${errorCodes.size ? ` (${counts(errorCodes)})` : ''}\n` +
        `  server log   warnings and errors during the load: ${counts(logDuringLoad)}\n` +
        `  Node RSS     before ${mb(before.node)}, peak ${mb(peak.node)}, 15 s after ${mb(after.node)}\n` +
        `  Node heap    in use after a full GC: before ${mb(heapBefore)}, 15 s after ${mb(heapAfter)}\n` +
        `  Neo4j RSS    before ${mb(before.neo4j)}, peak ${mb(peak.neo4j)}, 15 s after ${mb(after.neo4j)}\n` +
        (firstErrors.length ? `  first errors ${firstErrors.join('\n               ')}\n` : ''),
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
