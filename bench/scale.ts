/**
 * `npm run bench -- scale [--sizes 1000,10000,100000] [--runs 40]`: how the read API holds up as
 * the graph grows. Builds a synthetic graph with hubs (bench/synthetic.ts, `hubs: true`: three
 * countries receive half the visits, five travellers make a fifth, three sources are cited by most)
 * in stages of 1k, 10k and 100k visits, on the same database (each stage adds visits to the last),
 * and at each stage sends one client's requests through the real HTTP server, one at a time:
 *   - neighborhood, depth 2, of a hub country and of an ordinary person;
 *   - a filtered page of visits (a hub host, from 2010, 20 with traveler and host);
 *   - search for an ordinary person's name;
 *   - path between two ordinary people.
 * Prints p50 and p99 (ms), the largest response (bytes), and the resident memory of Node and of the
 * embedded Neo4j, with the machine's load average (on a shared machine the figures say little
 * without it). Uses NEO4J_URI if set (adding to that database), else its own embedded Neo4j.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createApp } from '../src/app.js';
import { refreshGroupSummaries } from '../src/graph/groupSummaries.js';
import { neighborhoodStatement } from '../src/graphql/read/queries.js';
import { TX_TIMEOUT_MS } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import type { EntityRecord, VisitRecord } from '../src/graph/records.js';
import { upsertEntities } from '../src/graph/writeEntities.js';
import { writeRelations } from '../src/graph/writeRelations.js';
import { writeVisits } from '../src/graph/writeVisits.js';
import { createLogger } from '../src/log.js';
import { openBenchDatabase } from './database.js';
import { intFlag, stringFlag } from './args.js';
import { HUB_COUNTRIES, HUB_TRAVELERS, syntheticGraph } from './synthetic.js';
import { chunks } from './writeSynthetic.js';

/** People a batch of visits names (traveller, principals, attendees). */
function peopleOf(visits: VisitRecord[]): Set<string> {
  const ids = new Set<string>();
  for (const v of visits) {
    if (v.traveler.id) ids.add(v.traveler.id);
    for (const m of v.meetings ?? []) for (const ref of [...m.with, ...(m.attendees ?? [])]) if (ref.id) ids.add(ref.id);
  }
  return ids;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Scenario {
  name: string;
  query: string;
}

export async function main(args: string[]): Promise<void> {
  const sizes = stringFlag(args, '--sizes', '1000,10000,100000').split(',').map(Number);
  const runs = intFlag(args, '--runs', 40);
  // Large batches through the visit writer (its create-only path takes the new visits of a batch
  // in one statement): 250 a batch loaded at tens of visits per second, too slow for 100k.
  const batchSize = intFlag(args, '--batch', 2000);
  // The graph every stage is cut from: the same --total gives the same first N visits, so that
  // runs on a kept database (--keep) add to what an earlier run loaded.
  const total = intFlag(args, '--total', Math.max(...sizes));
  const graph = syntheticGraph({ visits: total, hubs: true });
  const keepIn = stringFlag(args, '--keep', '');
  const { db, close, serverPid } = await openBenchDatabase({ keepIn: keepIn || undefined });
  // Summaries are counted once a stage is loaded, as at the end of an import, not during loading.
  const server = createApp({ db, log: createLogger('warn'), apiKey: 'bench-scale-api-key', groupSummaries: false });
  try {
    await applyMigrations(db);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // Everything but people up front; people as the visits that name them arrive.
    const isPerson = (e: EntityRecord) => e.kind === 'PERSON';
    const postHolders = new Set(graph.relations.filter((r) => r.type === 'HOLDS_POSITION').map((r) => r.from));
    const written = new Set<string>();
    const writeEntities = async (entities: EntityRecord[]) => {
      for (const batch of chunks(entities, 2000)) await db.write((tx) => upsertEntities(tx, batch, 'replace'), { timeoutMs: TX_TIMEOUT_MS.import });
      for (const e of entities) written.add(e.id);
    };
    await writeEntities(graph.entities.filter((e) => !isPerson(e) || postHolders.has(e.id)));
    for (const batch of chunks(graph.relations, 1000)) await db.write((tx) => writeRelations(tx, batch, { allowStructural: true }), { timeoutMs: TX_TIMEOUT_MS.import });

    // An ordinary person: one who travelled twice in the first 1,000 visits (the same at every
    // stage), not a hub traveller; another for the path.
    const trips = new Map<string, number>();
    for (const v of graph.visits.slice(0, 1000)) trips.set(v.traveler.id!, (trips.get(v.traveler.id!) ?? 0) + 1);
    const hubTravelers = new Set(graph.entities.filter(isPerson).slice(0, HUB_TRAVELERS).map((e) => e.id));
    const ordinary = [...trips].filter(([id, n]) => n >= 2 && !hubTravelers.has(id)).map(([id]) => id).sort();
    const [personA, personB] = [ordinary[0]!, ordinary[ordinary.length - 1]!];
    const nameOf = graph.entities.find((e) => e.id === personA)!.name;

    const scenarios: Scenario[] = [
      { name: 'neighborhood d2, hub country', query: `{ neighborhood(id: "${HUB_COUNTRIES[0]}", depth: 2) { nodes { id kind name } edges { id type source target } groups { id count from to } omitted { type grouped beyondLimit } } }` },
      { name: 'neighborhood d2, ordinary person', query: `{ neighborhood(id: "${personA}", depth: 2) { nodes { id kind name } edges { id type source target } groups { id count from to } omitted { type grouped beyondLimit } } }` },
      { name: 'visits page (hub host, from 2010)', query: `{ visits(filter: {host: "${HUB_COUNTRIES[0]}", from: "2010"}, first: 20) { totalCount edges { cursor node { id date traveler { id name } host { id name } } } pageInfo { hasNextPage endCursor } } }` },
      { name: 'search (a person\'s name)', query: `{ search(text: ${JSON.stringify(nameOf)}) { id kind name } }` },
      { name: 'path between two people', query: `{ path(from: "${personA}", to: "${personB}") { nodes { id } edges { id type } } }` },
    ];

    const lines: string[] = [];
    // A kept database (--keep) may hold the first visits already, from an earlier run.
    let loaded = await db.read(async (tx) => Number((await tx.run(`MATCH (v:Visit) WHERE v.id STARTS WITH 'visit:syn-' RETURN count(v) AS n`)).records[0]!.get('n')));
    if (loaded > 0) process.stderr.write(`[bench] the database holds ${loaded} synthetic visits already\n`);
    for (const size of sizes) {
      const visits = graph.visits.slice(Math.min(loaded, size), size);
      const started = Date.now();
      const people = [...peopleOf(visits)].filter((id) => !written.has(id));
      const byId = new Map(graph.entities.map((e) => [e.id, e]));
      await writeEntities(people.map((id) => byId.get(id)!));
      let done = loaded;
      for (const batch of chunks(visits, batchSize)) {
        await db.write((tx) => writeVisits(tx, batch), { timeoutMs: TX_TIMEOUT_MS.import });
        done += batch.length;
        if (done % 10000 === 0) process.stderr.write(`[bench] ${done}/${size} visits\n`);
      }
      loaded = Math.max(loaded, size);
      process.stderr.write(`[bench] ${size} visits loaded (${((Date.now() - started) / 1000).toFixed(0)} s for this stage)\n`);
      const summarising = performance.now();
      const summarised = await refreshGroupSummaries(db);
      process.stderr.write(`[bench] group summaries of ${summarised} dense node(s) counted in ${((performance.now() - summarising) / 1000).toFixed(1)} s\n`);

      // Plan the neighbourhood statements once through the driver, without the API's read timeout:
      // on a loaded machine their first planning alone may take longer than a request may run,
      // and a plan that never finishes is never cached. Same text and parameters: same cached plan.
      for (const id of [HUB_COUNTRIES[0]!, personA]) {
        const t0 = performance.now();
        const statement = neighborhoodStatement({ id, depth: 2 });
        await db.read((tx) => tx.run(statement.text, statement.params), { timeoutMs: 600_000 });
        process.stderr.write(`[bench] neighborhood of ${id} planned and run once in ${(performance.now() - t0).toFixed(0)} ms\n`);
      }
      lines.push(`\n${size.toLocaleString('en-US')} visits (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
      for (const s of scenarios) {
        const latencies: number[] = [];
        let largestBody = 0;
        for (let i = 0; i < runs + 3; i++) {
          const t0 = performance.now();
          const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: s.query }) });
          const text = await response.text();
          const ms = performance.now() - t0;
          if (text.includes('"errors"')) {
            // The first request of a statement plans it; on a loaded machine that may pass the read
            // timeout. Said, and the warm-up goes on; a measured request must succeed.
            if (i < 3) {
              process.stderr.write(`[bench] warm-up ${i + 1} of "${s.name}" failed after ${ms.toFixed(0)} ms: ${text.slice(0, 160)}\n`);
              continue;
            }
            throw new Error(`${s.name} failed: ${text.slice(0, 300)}`);
          }
          largestBody = Math.max(largestBody, Buffer.byteLength(text));
          if (i >= 3) latencies.push(ms); // the first three warm the plan cache
        }
        latencies.sort((a, b) => a - b);
        lines.push(
          `  ${s.name.padEnd(36)} p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(7)} ms  largest ${(largestBody / 1024).toFixed(1).padStart(7)} KiB`,
        );
      }
      const neo4jMb = rssMb(serverPid);
      lines.push(`  memory: Node ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB, Neo4j ${neo4jMb === undefined ? 'n/a (external)' : `${neo4jMb.toFixed(0)} MB`} (resident)`);
      process.stdout.write(`${lines.slice(-scenarios.length - 2).join('\n')}\n`);
    }
    process.stdout.write(`\nscale bench, ${runs} requests per query and size, one client, ${os.cpus().length} CPUs\n${lines.join('\n')}\n`);
  } finally {
    server.close();
    await close();
  }
}
