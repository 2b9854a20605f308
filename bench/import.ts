/**
 * `npm run bench -- import [--visits N] [--batch N] [--runs N] [--statements] [--profile [--plan TEXT]...] [--floor] [--keep FILE]`: writes a synthetic file of
 * N visits (default 10,000; deterministic) plus the posts its travelers hold, imports it into an
 * empty database through the real importer (src/import/files.ts: parse, coerce against the
 * schema, batched writes with resolution by name, tours, precedents), and prints visits per
 * second (with the people settled at the end, as `npm run import` does). Uses NEO4J_URI if set (and EMPTIES that database), else starts its own embedded Neo4j
 * in a temporary folder. `--runs 2` imports again after emptying the database (a warm server);
 * `--statements` prints the time spent in each statement and in whole transactions (`--profile`:
 * also their db hits, each statement run under PROFILE). `--floor` then
 * measures what the storage engine alone needs to create the graph the import wrote (see
 * sameRecordsFloor; the generic floor of earlier figures beside it), in the same run, and prints
 * import / floor for the warm run and the cold one (`--floor` alone means `--runs 2`).
 *
 * The synthetic world: 600 people (a third hold a post for a term), 90 countries with two cities
 * each, 60 topics, 40 posts, 300 sources; visits from 1995 to 2024, a tenth of them in tours, most
 * with one or two meetings, 2% repeats of an earlier visit. References are by name with the kind
 * on first sight, then by plain (sometimes upper-case) name, some hosts by id, as a real log would
 * mix them.
 */
import { writeFile } from 'node:fs/promises';
import type { Db } from '../src/db/driver.js';
import { emptyGraph } from '../src/db/emptyGraph.js';
import { applyMigrations } from '../src/db/migrations.js';
import { DEFAULT_BATCH_SIZE, formatReport, importText } from '../src/import/files.js';
import { openBenchDatabase, processCpuSeconds } from './database.js';
import { randomFrom as random, SYLLABLES } from './synthetic.js';

const TOPICS = [
  'counter-terrorism', 'energy cooperation', 'trade', 'migration', 'arms sales', 'regional security', 'climate',
  'health', 'education exchange', 'water sharing', 'fisheries', 'debt relief', 'investment', 'tourism', 'cyber security',
  'maritime security', 'border demarcation', 'refugees', 'food security', 'space cooperation', 'nuclear energy',
  'sanctions', 'human rights', 'peacekeeping', 'elections', 'infrastructure', 'railways', 'ports', 'gas pipelines',
  'mining', 'agriculture', 'digital economy', 'customs union', 'visa policy', 'cultural heritage', 'sports diplomacy',
  'disaster relief', 'vaccines', 'desertification', 'renewable energy', 'shipping lanes', 'fishing rights',
  'telecommunications', 'banking', 'currency swap', 'military training', 'intelligence sharing', 'drug trafficking',
  'piracy', 'hostage release', 'prisoner exchange', 'embassy reopening', 'airline routes', 'science cooperation',
  'youth employment', 'women in politics', 'press freedom', 'judicial reform', 'anti-corruption', 'public health',
];

function word(rand: () => number, parts: number): string {
  let w = '';
  for (let i = 0; i < parts; i += 1) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

function uniqueNames(rand: () => number, count: number, make: () => string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  while (names.length < count) {
    const name = make();
    if (!seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      names.push(name);
    }
  }
  return names;
}

function day(rand: () => number, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(rand() * ((end - start) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

/** The synthetic import file as NDJSON lines, and how many of them are visits. */
export function syntheticImport(visitCount: number, seed = 20201001): { lines: string[]; visits: number } {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const people = uniqueNames(rand, 600, () => `${word(rand, 2)} ${word(rand, 3)}`);
  const countries = uniqueNames(rand, 90, () => `${word(rand, 3)}ia`);
  const cities = countries.map((c) => uniqueNames(rand, 2, () => `${word(rand, 2)} ${c.slice(0, 3)}`));
  const posts = Array.from({ length: 40 }, (_, i) => `${pick(['Foreign Minister', 'Defense Minister', 'President', 'Prime Minister'])} of ${countries[i]}`);
  const sources = Array.from({ length: 300 }, (_, i) => ({
    title: `Travel log ${i + 1}`,
    publisher: pick(['Synthetic Wire', 'Example Gazette', 'Test Herald']),
    url: `https://example.org/log/${i + 1}`,
    publishedAt: day(rand, 1995, 2024),
  }));

  const lines: string[] = [];
  const known = new Set<string>();
  // First sight of a name carries its kind (so it may be created); later ones are plain names.
  const ref = (name: string, kind: string) => {
    const key = `${kind}|${name}`;
    if (!known.has(key)) {
      known.add(key);
      return { name, kind };
    }
    return rand() < 0.15 ? { name: name.toUpperCase() } : { name };
  };

  // Terms of office: a third of the people hold one of the posts, for four to eight years.
  const holders = new Map<string, { post: string; since: string; until: string }>();
  for (let i = 0; i < 200; i += 1) {
    const person = people[i]!;
    const post = posts[i % posts.length]!;
    const since = day(rand, 1995, 2016);
    const until = `${Number(since.slice(0, 4)) + 4 + Math.floor(rand() * 5)}${since.slice(4)}`;
    holders.set(person, { post, since, until });
    lines.push(JSON.stringify({
      relation: {
        from: ref(person, 'PERSON'), type: 'HOLDS_POSITION', to: ref(post, 'POSITION'),
        properties: { since, until }, source: { title: 'Synthetic terms of office', publisher: 'Synthetic Wire' },
        paragraphs: [1], certainty: 'EXTERNAL',
      },
    }));
  }

  let visits = 0;
  let tour: { name: string; traveler: string; left: number; date: string } | undefined;
  const written: Record<string, unknown>[] = [];
  while (visits < visitCount) {
    let visit: Record<string, unknown>;
    if (written.length > 0 && rand() < 0.02) {
      visit = pick(written); // the same visit again, from another log: it must be enriched, not doubled
    } else {
      let traveler: string;
      let date: string;
      let tourName: string | undefined;
      if (tour && tour.left > 0) {
        traveler = tour.traveler;
        tour.left -= 1;
        const next = new Date(Date.parse(tour.date) + 86_400_000 * (1 + Math.floor(rand() * 3)));
        date = next.toISOString().slice(0, 10);
        tour.date = date;
        tourName = tour.name;
      } else {
        traveler = pick(people);
        const held = holders.get(traveler);
        date = held && rand() < 0.7 ? day(rand, Number(held.since.slice(0, 4)), Math.min(2024, Number(held.until.slice(0, 4)) - 1)) : day(rand, 1995, 2024);
        if (rand() < 0.03) {
          tour = { name: `${traveler} tour ${date}`, traveler, left: 2 + Math.floor(rand() * 3), date };
          tourName = tour.name;
        }
      }
      const hostIndex = Math.floor(rand() * countries.length);
      const host = countries[hostIndex]!;
      // References in the order they appear in the record, so the first sight carries the kind.
      const travelerRef = ref(traveler, 'PERSON');
      const hostRef = rand() < 0.2 && known.has(`COUNTRY|${host}`) ? { id: `country:${host.toLowerCase()}` } : ref(host, 'COUNTRY');
      const cityRef = rand() < 0.6 ? ref(cities[hostIndex]![Math.floor(rand() * 2)]!, 'CITY') : undefined;
      const others = people.filter((p) => p !== traveler);
      const meetings = Array.from({ length: Math.floor(rand() * 3) }, () => ({
        with: [ref(pick(others.slice(0, 400)), 'PERSON')],
        ...(rand() < 0.4 ? { attendees: [ref(pick(others.slice(400)), 'PERSON')] } : {}),
        topics: [pick(TOPICS)],
      }));
      const source = pick(sources);
      visit = {
        traveler: travelerRef,
        host: hostRef,
        ...(cityRef ? { city: cityRef } : {}),
        date: rand() < 0.1 ? date.slice(0, 7) : date,
        ...(tourName ? { tour: tourName } : {}),
        topics: Array.from({ length: Math.floor(rand() * 3) }, () => pick(TOPICS)),
        meetings,
        source,
        paragraphs: [1 + Math.floor(rand() * 20)],
        certainty: 'STATED',
      };
      written.push(visit);
    }
    lines.push(JSON.stringify({ visit }));
    visits += 1;
  }
  return { lines, visits };
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function emptyDatabase(db: Db): Promise<void> {
  await emptyGraph(db);
}

/** `--plan <text>` (with --profile, may be repeated): the plan of the last profiled statement containing each text, printed at the end. */
const lastPlans = new Map<string, unknown>();
let planTexts: string[] = [];

function printPlan(plan: { operatorType: string; dbHits: number; rows: number; children: unknown[]; arguments?: Record<string, unknown> }, depth = 0): void {
  const details = String(plan.arguments?.Details ?? '').slice(0, 140);
  process.stdout.write(`${'  '.repeat(depth)}${plan.operatorType} rows=${plan.rows} dbHits=${plan.dbHits} ${details}\n`);
  for (const child of plan.children) printPlan(child as never, depth + 1);
}

type StatementTotals = Map<string, { ms: number; runs: number; max: number; dbHits: number; rows: number; sent?: number }>;

/** The db hits of a PROFILE'd statement: the sum over its plan's operators. */
function dbHitsOf(plan: { dbHits?: number; children?: unknown[] } | false | undefined): number {
  if (!plan) return 0;
  return (plan.dbHits ?? 0) + (plan.children ?? []).reduce<number>((n, child) => n + dbHitsOf(child as { dbHits?: number; children?: unknown[] }), 0);
}

/**
 * `--statements`: the time spent in each statement, summed over the run (the first line names it).
 * With `profile`, each statement is run under PROFILE and its db hits are summed as well (PROFILE
 * costs time of its own: the milliseconds of such a run are not the import's).
 */
function profileStatements(db: Db, totals: StatementTotals, profile = false): () => void {
  const write = db.write.bind(db);
  const original = db.write;
  db.write = async (work, options) => {
    const t0 = performance.now();
    try {
      return await write((tx) => work(wrap(tx)), options);
    } finally {
      const entry = totals.get('(whole transactions, commit included)') ?? { ms: 0, runs: 0, max: 0, dbHits: 0, rows: 0 };
      const ms = performance.now() - t0;
      entry.ms += ms;
      entry.max = Math.max(entry.max, ms);
      entry.runs += 1;
      totals.set('(whole transactions, commit included)', entry);
    }
  };
  const wrap = (tx: Parameters<Parameters<Db['write']>[0]>[0]) => new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop !== 'run') return Reflect.get(target, prop, receiver);
      return async (query: string, params?: Record<string, unknown>) => {
        const t0 = performance.now();
        let dbHits = 0;
        let rows = 0;
        try {
          const result = await target.run(profile ? `PROFILE ${query}` : query, params);
          dbHits = dbHitsOf(result.summary.profile as never);
          for (const text of profile ? planTexts : []) if (query.includes(text)) lastPlans.set(text, result.summary.profile);
          rows = result.records.length;
          return result;
        } finally {
          const lines = query.split('\n').filter((line) => line.trim() && !line.startsWith('//') && !line.startsWith('CYPHER'));
          // A statement that opens with a subquery is named by its first two lines.
          const name = (lines[0]!.trim() === 'CALL () {' ? `${lines[0]!.trim()} ${lines[1]!.trim()}` : lines[0]!).slice(0, 60);
          const entry = totals.get(name) ?? { ms: 0, runs: 0, max: 0, dbHits: 0, rows: 0 };
          const ms = performance.now() - t0;
          entry.ms += ms;
          entry.max = Math.max(entry.max, ms);
          entry.runs += 1;
          entry.dbHits += dbHits;
          entry.rows += rows;
          // What the driver had to pack for it (as JSON: a measure, not the wire size).
          entry.sent = (entry.sent ?? 0) + JSON.stringify(params ?? {}).length;
          totals.set(name, entry);
        }
      };
    },
  });
  return () => {
    db.write = original;
  };
}

/** A floor's time, and the embedded Neo4j's CPU seconds meanwhile (undefined for an external one). */
interface Timing {
  seconds: number;
  serverCpu?: number;
}

async function timed(serverPid: number | undefined, work: () => Promise<void>): Promise<Timing> {
  const started = performance.now();
  const cpuBefore = processCpuSeconds(serverPid);
  await work();
  const cpuAfter = processCpuSeconds(serverPid);
  return { seconds: (performance.now() - started) / 1000, serverCpu: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined };
}

async function graphCounts(db: Db): Promise<{ visits: number; nodes: number; relationships: number }> {
  const record = (await db.read((tx) => tx.run('MATCH (v:Visit) WITH count(v) AS visits MATCH (n) WITH visits, count(n) AS nodes MATCH ()-[r]->() RETURN visits, nodes, count(r) AS relationships'))).records[0]!;
  return { visits: Number(record.get('visits')), nodes: Number(record.get('nodes')), relationships: Number(record.get('relationships')) };
}

/**
 * `--floor`, the generic floor: as many nodes and relationships as the import wrote, created with
 * nothing but UNWIND ... CREATE in as many transactions. The nodes are :Entity with an id and
 * names, the relationships one type with four short properties. Kept beside the same-records
 * floor below because earlier figures were measured against it; it is not the same records: its
 * values fit in the property records themselves, where the graph's source ids and names (40-60
 * characters) each take records of the string store, and its nodes carry half the properties.
 * Written on top of the imported graph (its ids do not collide) and removed afterwards.
 */
async function genericFloor(db: Db, nodes: number, relationships: number, transactions: number, serverPid?: number): Promise<Timing> {
  const rand = random(1795);
  const timing = await timed(serverPid, async () => {
    for (let t = 0; t < transactions; t += 1) {
      const nodeCount = Math.floor(nodes / transactions) + (t < nodes % transactions ? 1 : 0);
      const relationshipCount = Math.floor(relationships / transactions) + (t < relationships % transactions ? 1 : 0);
      await db.write(async (tx) => {
        const ids = Array.from({ length: nodeCount }, (_, i) => `floor:${t}-${i}`);
        const created = await tx.run(
          `UNWIND $ids AS id
           CREATE (n:Entity:FloorProbe {id: id, kind: 'EVENT', name: id, aliases: [], nameKeys: [id], date: '2020-01-01'})
           RETURN elementId(n) AS node`,
          { ids },
        );
        const elementIds = created.records.map((r) => r.get('node') as string);
        const rows = Array.from({ length: relationshipCount }, () => [Math.floor(rand() * elementIds.length), Math.floor(rand() * elementIds.length)]);
        await tx.run(
          `UNWIND $rows AS row
           MATCH (a) WHERE elementId(a) = $nodes[toInteger(row[0])]
           MATCH (b) WHERE elementId(b) = $nodes[toInteger(row[1])]
           CREATE (a)-[r:FLOOR_PROBE]->(b)
           SET r.source = 'source:floor', r.sources = ['source:floor'], r.paragraphs = [1], r.certainty = 'stated'`,
          { rows, nodes: elementIds },
        );
      });
    }
  });
  const session = db.driver.session();
  try {
    await session.run('MATCH (n:FloorProbe) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
  return timing;
}

interface GraphDump {
  nodes: { labels: string[]; props: Record<string, unknown> }[];
  /** Endpoints as positions in `nodes`. */
  relationships: { from: number; to: number; type: string; props: Record<string, unknown> }[];
}

/** Every node and relationship of the graph with its labels or type and all its properties. */
async function dumpGraph(db: Db): Promise<GraphDump> {
  const session = db.driver.session();
  try {
    const nodeRecords = (await session.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props')).records;
    const position = new Map(nodeRecords.map((r, i) => [r.get('id') as string, i]));
    const nodes = nodeRecords.map((r) => ({ labels: r.get('labels') as string[], props: r.get('props') as Record<string, unknown> }));
    const relationships = (await session.run('MATCH (a)-[r]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(r) AS type, properties(r) AS props')).records
      .map((r) => ({ from: position.get(r.get('a') as string)!, to: position.get(r.get('b') as string)!, type: r.get('type') as string, props: r.get('props') as Record<string, unknown> }));
    return { nodes, relationships };
  } finally {
    await session.close();
  }
}

/**
 * `--floor`, the floor the ratio is taken against: the graph the import wrote, the same nodes with
 * the same labels and properties and the same relationships with their types and properties,
 * created again in an emptied database by nothing but UNWIND ... CREATE, in as many transactions
 * as the import used, nothing looked up or merged (labels and types are dynamic, `$(...)`, so the
 * statements stay two per transaction). Each transaction creates its share of the nodes, then the
 * relationships whose later endpoint is among them. What this takes is the least any importer of
 * this graph through Cypher needs on this machine: the same index entries, the same stored bytes.
 * Empties the database first and leaves the copy in it.
 */
async function sameRecordsFloor(db: Db, graph: GraphDump, transactions: number, serverPid?: number): Promise<Timing> {
  const { nodes, relationships } = graph;
  const share = (t: number) => Math.ceil((t * nodes.length) / transactions);
  const transactionOf = (node: number) => Math.floor((node * transactions) / nodes.length);
  const relationshipsOf: GraphDump['relationships'][] = Array.from({ length: transactions }, () => []);
  for (const r of relationships) relationshipsOf[Math.max(transactionOf(r.from), transactionOf(r.to))]!.push(r);
  const created: string[] = new Array(nodes.length);
  await emptyDatabase(db);
  const timing = await timed(serverPid, async () => {
    for (let t = 0; t < transactions; t += 1) {
      await db.write(async (tx) => {
        const first = share(t);
        const rows = nodes.slice(first, share(t + 1)).map((n, i) => ({ at: first + i, labels: n.labels, props: n.props }));
        const result = await tx.run('UNWIND $rows AS row CREATE (n:$(row.labels)) SET n = row.props RETURN row.at AS at, elementId(n) AS node', { rows });
        for (const record of result.records) created[Number(record.get('at'))] = record.get('node') as string;
        await tx.run(
          `UNWIND $rows AS row
           MATCH (a) WHERE elementId(a) = row.from
           MATCH (b) WHERE elementId(b) = row.to
           CREATE (a)-[r:$(row.type)]->(b) SET r = row.props`,
          { rows: relationshipsOf[t]!.map((r) => ({ from: created[r.from], to: created[r.to], type: r.type, props: r.props })) },
        );
      });
    }
  });
  const copied = await graphCounts(db);
  if (copied.nodes !== nodes.length || copied.relationships !== relationships.length) {
    throw new Error(`the floor's copy has ${copied.nodes} nodes and ${copied.relationships} relationships, not ${nodes.length} and ${relationships.length}`);
  }
  return timing;
}

export async function main(args: string[]): Promise<void> {
  const visitCount = option(args, '--visits', 10_000);
  const batchSize = option(args, '--batch', DEFAULT_BATCH_SIZE);
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
  const { lines, visits } = syntheticImport(visitCount);
  // --runs N: import the same file N times, emptying the database before each (run 1 is on a
  // cold server; later runs show the server warm, plans cached).
  const text = `${lines.join('\n')}\n`;
  if (keep) await writeFile(keep, text);

  const { db, uri, serverPid, close } = await openBenchDatabase();
  try {
    await applyMigrations(db);
    // --floor compares a warm import with the floor, the cold one beside it: two runs unless told.
    const runs = option(args, '--runs', args.includes('--floor') ? 2 : 1);
    const rates: number[] = [];
    /** CPU seconds of each run (Neo4j's and Node's), for a ratio the machine's load distorts less than wall time. */
    const cpuSeconds: (number | undefined)[] = [];
    for (let run = 1; run <= runs; run += 1) {
      await emptyDatabase(db);
      const label = runs > 1 ? `run ${run}/${runs} (${run === 1 ? 'cold server: JIT and query planning included' : 'warm server, database emptied again'}): ` : '';
      process.stdout.write(`${label}importing ${lines.length} records (${visits} visits, ${lines.length - visits} relations) in batches of ${batchSize} into an empty database\n`);
      const statementMs: StatementTotals = new Map();
      const profile = args.includes('--profile');
      planTexts = args.flatMap((arg, i) => (arg === '--plan' && args[i + 1] ? [args[i + 1]!] : []));
      const restore = args.includes('--statements') || profile ? profileStatements(db, statementMs, profile) : () => {};
      const started = performance.now();
      const cpu = process.cpuUsage();
      const serverCpu = processCpuSeconds(serverPid);
      const report = await importText(db, text, { batchSize, settlePeople: true });
      const seconds = (performance.now() - started) / 1000;
      const nodeCpu = process.cpuUsage(cpu);
      restore();
      process.stdout.write(`${formatReport({ ...report, failed: report.failed.slice(0, 10) })}\n`);
      const counts = await graphCounts(db);
      process.stdout.write(`graph: ${counts.nodes} nodes (${counts.visits} visits), ${counts.relationships} relationships\n`);
      for (const [name, t] of [...statementMs].sort((a, b) => b[1].ms - a[1].ms)) {
        const hits = profile && t.dbHits > 0 ? ` ${String(t.dbHits).padStart(9)} db hits` : '';
        const sent = t.sent ? ` ${String(Math.round(t.sent / 1024)).padStart(6)} KB sent` : '';
        process.stdout.write(`  ${String(Math.round(t.ms)).padStart(6)} ms in ${String(t.runs).padStart(4)} runs (slowest ${Math.round(t.max)} ms)${hits}${sent}  ${name}\n`);
      }
      for (const [text, plan] of lastPlans) {
        process.stdout.write(`plan of the last statement containing ${JSON.stringify(text)}:\n`);
        printPlan(plan as never, 1);
      }
      const serverCpuAfter = processCpuSeconds(serverPid);
      // CPU seconds are a fairer comparison than wall time when other processes load the machine.
      process.stdout.write(`  CPU used during the import: this Node process ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s`
        + `${serverCpu !== undefined && serverCpuAfter !== undefined ? `, the embedded Neo4j ${(serverCpuAfter - serverCpu).toFixed(1)} s` : ''}\n`);
      process.stdout.write(`${label}import: ${visits} visits in ${seconds.toFixed(2)} s = ${Math.round(visits / seconds)} visits/s (all ${lines.length} records: ${Math.round(lines.length / seconds)} records/s)\n`);
      rates.push(visits / seconds);
      cpuSeconds.push(serverCpu !== undefined && serverCpuAfter !== undefined ? serverCpuAfter - serverCpu + (nodeCpu.user + nodeCpu.system) / 1e6 : undefined);
      if (args.includes('--floor') && run === runs) {
        const transactions = Math.ceil(lines.length / batchSize);
        const name = (i: number) => (i === 0 && runs > 1 ? 'cold' : i === runs - 1 ? 'warm' : `run ${i + 1}`);
        const printRatios = (label: string, floor: Timing) => {
          const floorRate = visits / floor.seconds;
          const ratios = rates.map((rate, i) => `${name(i)} ${(rate / floorRate).toFixed(2)}`);
          process.stdout.write(`import / ${label}: ${runs > 1 ? ratios.reverse().join(', ') : `${ratios[0]} (one run: cold)`}\n`);
          if (floor.serverCpu !== undefined && cpuSeconds.every((c) => c !== undefined)) {
            const byCpu = cpuSeconds.map((c, i) => `${name(i)} ${(floor.serverCpu! / c!).toFixed(2)}`);
            process.stdout.write(`  by CPU seconds (the floor's Neo4j against the import's Neo4j + Node): ${runs > 1 ? byCpu.reverse().join(', ') : byCpu[0]}\n`);
          }
        };
        const describe = (floor: Timing) => `${floor.seconds.toFixed(2)} s`
          + `${floor.serverCpu !== undefined ? ` (embedded Neo4j ${floor.serverCpu.toFixed(1)} CPU-s)` : ''}`
          + ` = ${Math.round(visits / floor.seconds)} visits/s at most`;
        const generic = await genericFloor(db, counts.nodes, counts.relationships, transactions, serverPid);
        const graph = await dumpGraph(db);
        // Twice, the faster counting: the first run also plans its two statements and warms the JIT for them.
        const sameRuns = [await sameRecordsFloor(db, graph, transactions, serverPid), await sameRecordsFloor(db, graph, transactions, serverPid)];
        const same = sameRuns.reduce((a, b) => (b.seconds < a.seconds ? b : a));
        process.stdout.write(`floor: the same ${graph.nodes.length} nodes and ${graph.relationships.length} relationships, with their labels, types and properties,`
          + ` created again by plain UNWIND CREATE in ${transactions} transactions into the emptied database, nothing looked up: ${describe(same)}`
          + ` (the faster of two runs: ${sameRuns.map((r) => `${r.seconds.toFixed(2)} s`).join(', ')})\n`);
        printRatios('floor', same);
        process.stdout.write(`generic floor (as many nodes and relationships, short made-up properties, on top of the import's graph): ${describe(generic)}\n`);
        printRatios('generic floor', generic);
      }
    }
  } finally {
    await close();
  }
}
