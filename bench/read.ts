/**
 * `npm run bench [-- read] [--visits N] [--duration S] [--rounds R] [--warmup S] [--connections C]
 * [--no-load] [--only N]`: the read API against the driver. Loads the article and a synthetic graph of N
 * visits (default 5,000; bench/synthetic.ts) through the domain writers, starts the real HTTP server, and drives /graphql with autocannon
 * (in a child process, so that load generation shares neither the server's event loop nor its CPU figure) for
 *   (a) neighborhood, depth 2, of a traveler, and
 *   (b) a page of 20 visits with travelers, hosts and meetings (with participants),
 * then runs the very Cypher the API built for each (same text, same parameters) straight through
 * neo4j-driver at the same concurrency, in rounds that alternate which side goes first. Prints
 * requests/s, p50 and p99 for each round, and the median ratio API/driver. Uses NEO4J_URI if set
 * (adding to that database), else starts its own embedded Neo4j in a temporary folder.
 *
 * Beside each round it prints the CPU time per request of each party: this process (the server,
 * or the driver baseline), the load generator (autocannon runs in a child process,
 * bench/loadGenerator.ts, so that the server's figure is its own) and Neo4j (the embedded
 * server's /proc/<pid>/stat, on Linux). On a machine where all three share a few CPUs, requests/s
 * follow the CPU each request costs, so the summary also prints the ratio those CPU times allow.
 * `--only N[,M]` runs only those scenarios (1 neighbourhood, 2 visits page).
 *
 * A third side, the ceiling, is the least any HTTP server in this process can do for the same
 * request: read the body, run the same statement through the same driver, and send the API's own
 * answer (its bytes, taken once) unchanged, with no GraphQL, no shaping and no serialisation. Its
 * ratio to the driver bounds the ratio any API can reach on this machine with this load generator.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { createApp } from '../src/app.js';
import type { Db } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { neighborhoodStatement, visitsStatement, type Statement } from '../src/graphql/read/queries.js';
import { selectionFromText } from '../src/graphql/read/selection.js';
import { buildSchema } from '../src/graphql/schema.js';
import { openBenchDatabase, processCpuSeconds } from './database.js';
import { createLogger } from '../src/log.js';
import { intFlag, stringFlag } from './args.js';
import { postGraphql, type GraphqlLoad } from './graphqlLoad.js';
import { syntheticGraph } from './synthetic.js';
import { writeSyntheticGraph } from './writeSynthetic.js';

export interface Options {
  visits: number;
  duration: number;
  connections: number;
  /** Rounds of API and driver per scenario, alternating which goes first. */
  rounds: number;
  /** Seconds of warm-up per side and scenario. */
  warmup: number;
  /** False with --no-load: the database (NEO4J_URI) already holds the graph. */
  load: boolean;
}

export function options(args: string[]): Options {
  return {
    visits: intFlag(args, '--visits', 5000),
    duration: intFlag(args, '--duration', 10),
    connections: intFlag(args, '--connections', 32),
    rounds: intFlag(args, '--rounds', 3),
    warmup: intFlag(args, '--warmup', 10),
    load: !args.includes('--no-load'),
  };
}

export async function loadSynthetic(db: Db, visitCount: number): Promise<void> {
  const graph = syntheticGraph({ visits: visitCount });
  const started = Date.now();
  await writeSyntheticGraph(db, graph, (done) => {
    if (done % 1000 === 0 || done === graph.visits.length) process.stderr.write(`[bench] ${done}/${graph.visits.length} visits written\n`);
  });
  process.stderr.write(`[bench] synthetic graph: ${graph.entities.length} entities, ${graph.relations.length} relations, ${graph.visits.length} visits in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** CPU milliseconds per request, by party; undefined where it cannot be read. */
interface CpuPerRequest {
  node: number;
  neo4j?: number;
  generator?: number;
}

type Measured = Figures & { cpu: CpuPerRequest };

/** This process's CPU and Neo4j's over `work`, per request it reports. */
async function withCpu<T extends { requests: number }>(neo4jPid: number | undefined, work: () => Promise<T>): Promise<T & { cpu: CpuPerRequest }> {
  const node0 = process.cpuUsage();
  const neo0 = processCpuSeconds(neo4jPid);
  const result = await work();
  const node = process.cpuUsage(node0);
  const neo1 = processCpuSeconds(neo4jPid);
  const n = Math.max(1, result.requests);
  return { ...result, cpu: { node: (node.user + node.system) / 1000 / n, ...(neo0 === undefined || neo1 === undefined ? {} : { neo4j: ((neo1 - neo0) * 1000) / n }) } };
}

const LOAD_GENERATOR = fileURLToPath(new URL('./loadGenerator.ts', import.meta.url));

/** The API driven by autocannon in a child process (bench/loadGenerator.ts). */
async function driveApiFromChild(url: string, query: string, o: Options, neo4jPid: number | undefined, duration = o.duration): Promise<Measured> {
  const run = () =>
    new Promise<Figures & { requests: number; cpuMs: number }>((resolve, reject) => {
      const load: GraphqlLoad = { url: `${url}/graphql`, query, connections: o.connections, duration };
      const child = spawn(process.execPath, ['--import', 'tsx', LOAD_GENERATOR, JSON.stringify(load)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the load generator exited with ${code}`))));
    });
  const measured = await withCpu(neo4jPid, run);
  return { ...measured, cpu: { ...measured.cpu, generator: measured.cpuMs / Math.max(1, measured.requests) } };
}

export async function driveApi(url: string, query: string, o: Options, duration = o.duration): Promise<Figures> {
  const result = await postGraphql({ url: `${url}/graphql`, query, connections: o.connections, duration }, { workers: 1 });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** The same statement through the driver, as the API runs it (db.read: a session and an auto-commit read each). */
async function driveDriver(db: Db, statement: Statement, o: Options, duration = o.duration): Promise<Figures & { requests: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + duration * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await db.read((tx) => tx.run(statement.text, statement.params));
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: o.connections }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, requests: latencies.length };
}

interface CeilingAnswer {
  statement: Statement;
  /** The API's answer to the query, as it sent it. */
  body: Buffer;
}

/**
 * The ceiling's server: for a query it knows, it runs the API's statement and sends the API's
 * answer bytes; anything else gets a 400. Listens on a free port of 127.0.0.1.
 */
async function startCeiling(db: Db, answers: Map<string, CeilingAnswer>): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let answer: CeilingAnswer | undefined;
      try {
        answer = answers.get((JSON.parse(Buffer.concat(chunks).toString()) as { query?: string }).query ?? '');
      } catch {
        answer = undefined;
      }
      if (!answer) {
        res.writeHead(400).end();
        return;
      }
      const { statement, body } = answer;
      db.read((tx) => tx.run(statement.text, statement.params)).then(
        () => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => stopServer(server) };
}

/** Drops the load generator's kept-alive connections, then waits for the server to close. */
function stopServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The root field of a one-field query, as the translator's selection. */
function rootField(query: string): FieldNode {
  const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operation.selectionSet.selections[0] as FieldNode;
}

/** `--only 1,2`: the scenarios to run, by number; undefined for all. */
function onlyScenarios(args: string[]): number[] | undefined {
  if (!args.includes('--only')) return undefined;
  const numbers = stringFlag(args, '--only', '').split(',').map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 2)) throw new Error('--only takes scenario numbers (1 neighbourhood, 2 visits page), e.g. --only 2');
  return numbers;
}

/**
 * If the machine's CPUs are what both sides run out of, each side's requests/s is inversely
 * proportional to the CPU one request costs all parties together (this process, Neo4j, and on
 * the API's side the load generator); the ratio of those sums is what the CPUs allow.
 */
function cpuBound(rounds: { api: Measured; driver: Measured; ceiling: Measured }[]): string {
  const total = (c: CpuPerRequest) => (c.neo4j === undefined ? undefined : c.node + c.neo4j + (c.generator ?? 0));
  const api = rounds.map((r) => total(r.api.cpu));
  const driver = rounds.map((r) => total(r.driver.cpu));
  if (api.some((v) => v === undefined) || driver.some((v) => v === undefined)) return '';
  const mid = (side: 'api' | 'driver' | 'ceiling', party: keyof CpuPerRequest) => median(rounds.map((r) => r[side].cpu[party] ?? 0)).toFixed(2);
  const allowed = median(rounds.map((_, i) => driver[i]! / api[i]!));
  return (
    `\n  CPU per request (medians): API node ${mid('api', 'node')} + neo4j ${mid('api', 'neo4j')} + load generator ${mid('api', 'generator')} ms;` +
    ` ceiling node ${mid('ceiling', 'node')} + neo4j ${mid('ceiling', 'neo4j')} + load generator ${mid('ceiling', 'generator')} ms;` +
    ` driver node ${mid('driver', 'node')} + neo4j ${mid('driver', 'neo4j')} ms\n  ratio the CPUs allow where they are what runs out (driver's CPU per request / API's): ${allowed.toFixed(2)}`
  );
}

export async function main(args: string[]): Promise<void> {
  const o = options(args);
  const only = onlyScenarios(args);
  const { db, uri, serverPid, close } = await openBenchDatabase();
  const server = createApp({ db, log: createLogger('warn'), apiKey: 'bench-api-key-0123456789' });
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  try {
    await applyMigrations(db);
    if (o.load) {
      await loadSeed(db);
      await loadSynthetic(db, o.visits);
    }

    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const schema = buildSchema();

    const neighborhoodQuery =
      '{ neighborhood(id: "person:syn-00010", depth: 2, limit: 200) { nodes { id kind name nameAr labels } edges { id type source target properties } } }';
    const visitsQuery =
      '{ visits(first: 20) { totalCount edges { cursor node { id date traveler { id name } host { id name } meetings { id date participants { id name } } } } pageInfo { hasNextPage endCursor } } }';

    const neighborhoodStmt = neighborhoodStatement({ id: 'person:syn-00010', depth: 2, limit: 200 });
    const visitsField = rootField(visitsQuery);
    const visitsPlan = visitsStatement({ first: 20 }, selectionFromText(schema, 'VisitConnection', visitsField.selectionSet!));

    const allScenarios = [
      { name: 'neighborhood depth 2', query: neighborhoodQuery, statement: neighborhoodStmt },
      { name: 'visits page (20, nested)', query: visitsQuery, statement: visitsPlan.statement! },
    ];

    // The API must be answering, and running what the driver runs: the same text and parameters
    // (checked on one request each). Its answers are what the ceiling sends.
    const seen: { text: string; params: string }[] = [];
    const answers = new Map<string, CeilingAnswer>();
    const listener = (text: string, params?: Record<string, unknown>) => seen.push({ text, params: JSON.stringify(params ?? {}) });
    db.onQuery.add(listener);
    for (const { query, statement } of allScenarios) {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const text = await response.text();
      if ((JSON.parse(text) as { errors?: unknown }).errors) throw new Error(`the API failed: ${text}`);
      answers.set(query, { statement, body: Buffer.from(text) });
    }
    db.onQuery.delete(listener);
    const same = (ran: (typeof seen)[number] | undefined, statement: Statement) =>
      ran?.text === statement.text && ran.params === JSON.stringify(statement.params);
    if (allScenarios.some((s, i) => !same(seen[i], s.statement))) throw new Error("the baseline's Cypher or parameters differ from the API's");
    ceiling = await startCeiling(db, answers);
    const ceilingUrl = ceiling.url;

    const scenarios = allScenarios.filter((_, i) => !only || only.includes(i + 1));
    const ms = (v: number | undefined) => (v === undefined ? '?' : v.toFixed(2));
    const cpuText = (c: CpuPerRequest) =>
      `CPU per request: node ${ms(c.node)} ms, neo4j ${ms(c.neo4j)} ms${c.generator === undefined ? '' : `, load generator ${ms(c.generator)} ms`}`;
    const fmt = (f: Measured) =>
      `${f.rps.toFixed(0).padStart(7)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `  errors ${f.errors}` : ''}\n           ${cpuText(f.cpu)}`;
    const apiRun = (s: (typeof scenarios)[number], duration?: number) => driveApiFromChild(url, s.query, o, serverPid, duration);
    const driverRun = (s: (typeof scenarios)[number], duration?: number) => withCpu(serverPid, () => driveDriver(db, s.statement, o, duration));
    const ceilingRun = (s: (typeof scenarios)[number], duration?: number) => driveApiFromChild(ceilingUrl, s.query, o, serverPid, duration);
    const sides = { api: apiRun, ceiling: ceilingRun, driver: driverRun };
    // Warm every side first (query plans, the JVM's JIT, the page cache), so that none pays for it.
    process.stderr.write(`[bench] warming up (${o.warmup} s per side and scenario) ...\n`);
    for (const s of scenarios) for (const run of Object.values(sides)) await run(s, o.warmup);
    // Rounds alternate which side goes first, so that drift on a shared machine (other load, the
    // JVM still compiling) does not always favour the same side; the ratio reported is the median
    // of the rounds' ratios.
    const rows: string[] = [];
    for (const s of scenarios) {
      const rounds: { api: Measured; driver: Measured; ceiling: Measured; load: string }[] = [];
      for (let round = 1; round <= o.rounds; round++) {
        process.stderr.write(`[bench] ${s.name}: round ${round}/${o.rounds} ...\n`);
        const order = (round % 2 === 1 ? ['api', 'ceiling', 'driver'] : ['driver', 'ceiling', 'api']) as (keyof typeof sides)[];
        const measured: Partial<Record<keyof typeof sides, Measured>> = {};
        for (const side of order) measured[side] = await sides[side](s);
        rounds.push({ api: measured.api!, ceiling: measured.ceiling!, driver: measured.driver!, load: os.loadavg()[0]!.toFixed(1) });
      }
      const ratios = rounds.map((r) => r.api.rps / r.driver.rps);
      const ceilings = rounds.map((r) => r.ceiling.rps / r.driver.rps);
      const lines = rounds.map(
        (r, i) =>
          `  round ${i + 1} (load average ${r.load})\n    API     ${fmt(r.api)}\n    ceiling ${fmt(r.ceiling)}\n    driver  ${fmt(r.driver)}\n` +
          `    ratio   ${ratios[i]!.toFixed(2)} (ceiling ${ceilings[i]!.toFixed(2)})`,
      );
      rows.push(
        `${s.name}\n${lines.join('\n')}\n  ratio API/driver, median of ${o.rounds} rounds: ${median(ratios).toFixed(2)}` +
          `\n  ratio ceiling/driver, median: ${median(ceilings).toFixed(2)} (a server that only runs the statement and sends the API's answer bytes)${cpuBound(rounds)}`,
      );
    }
    process.stdout.write(
      `\nRead benchmark: ${o.load ? `${o.visits} synthetic visits + the article` : `the graph already in ${uri}`}, ${o.connections} connections, ${o.rounds} rounds of ${o.duration} s per side, ` +
        `Node ${process.version}, ${os.cpus().length} CPUs\n\n${rows.join('\n\n')}\n`,
    );
  } finally {
    await ceiling?.close();
    await stopServer(server);
    await close();
  }
}
