/**
 * `npm run bench -- load [--visits N] [--duration S] [--connections C]`: the service under
 * sustained load. Loads the article and a synthetic graph of N visits (default 5,000), starts
 * the real HTTP server, and drives /graphql for S seconds (default 60) from C connections
 * (default 64) with a mix of reads (neighbourhood depth 2, a nested visits page, a search, an
 * entity with its relations, a timeline) and 10% writes (recordVisit, each a new visit). Prints
 * requests/s, p50/p99 latency, errors (transport errors, non-2xx answers and GraphQL errors),
 * and the memory (RSS) of the Node process and of the embedded Neo4j before, at the peak during,
 * and 15 s after the load.
 */
import { readFileSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import autocannon from 'autocannon';
import { createApp } from '../src/app.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { createLogger } from '../src/log.js';
import { openBenchDatabase } from './database.js';
import { loadSynthetic } from './read.js';
import { intFlag } from './args.js';

const KEY = 'bench-load-api-key-0123456789';

const READS = [
  '{ neighborhood(id: "person:syn-00010", depth: 2, limit: 200) { nodes { id kind name } edges { id type source target } } }',
  '{ visits(first: 20) { totalCount edges { node { id date traveler { id name } host { id name } meetings { id participants { id name } } } } } }',
  '{ search(text: "city", first: 10) { id name kind } }',
  '{ entity(id: "country:syn-001") { id name relations(first: 50) { type other { id name } provenance { certainty } } } }',
  '{ timeline(id: "person:syn-00020", first: 50) { date role event { id name } } }',
];

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

export async function main(args: string[]): Promise<void> {
  const visits = intFlag(args, '--visits', 5000);
  const duration = intFlag(args, '--duration', 60);
  const connections = intFlag(args, '--connections', 64);
  const { db, close, serverPid } = await openBenchDatabase();
  const server = createApp({ db, log: createLogger('warn'), apiKey: KEY });
  try {
    await applyMigrations(db);
    await loadSeed(db);
    await loadSynthetic(db, visits);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    const memory = () => ({ node: Math.round(process.memoryUsage().rss / 2 ** 20), neo4j: rssMb(serverPid) });
    // A short warm-up so that "before" is the steady state of a running service, not a cold one.
    // (A cold first run of a statement may hit the read timeout on a busy machine: up to 3 tries.)
    for (const query of READS) {
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
    let graphqlErrors = 0;
    const firstErrors: string[] = [];
    const onResponse = (status: number, body: string) => {
      if (status === 200 && body.includes('"errors"')) {
        graphqlErrors += 1;
        if (firstErrors.length < 3) firstErrors.push(body.slice(0, 300));
      }
    };
    const read = (query: string) => ({ method: 'POST' as const, path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), onResponse });
    const write = {
      method: 'POST' as const,
      path: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      // Each write is a new visit: a synthetic traveler to the article's Algeria on a date of its own.
      setupRequest: (request: Record<string, unknown>) => {
        const n = writes++;
        const date = new Date(Date.UTC(1900, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const traveler = `person:syn-${String(n % 200).padStart(5, '0')}`;
        return {
          ...request,
          body: JSON.stringify({
            query: `mutation { recordVisit(input: { traveler: { id: "${traveler}" }, host: { id: "country:algeria" }, date: "${date}", topics: ["Load testing"] }) { visit { id } } }`,
          }),
        };
      },
      onResponse,
    };
    // Nine reads (the five queries in turn) and one write per ten requests of each connection.
    const sequence = [...Array.from({ length: 9 }, (_, i) => read(READS[i % READS.length]!)), write];
    process.stderr.write(`[bench] load: ${duration} s at ${connections} connections ...\n`);
    const result = await autocannon({ url, connections, duration, requests: sequence as never });
    clearInterval(sampler);
    process.stderr.write('[bench] waiting 15 s after the load ...\n');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    const after = memory();
    collectGarbage();
    const heapAfter = heapMb();
    // autocannon counts each timeout among its errors as well.
    const errors = result.errors + result.non2xx + graphqlErrors;
    const mb = (n: number | undefined) => (n === undefined ? 'n/a' : `${n} MB`);
    process.stdout.write(
      `\nLoad benchmark: ${visits} synthetic visits + the article, ${connections} connections, ${duration} s, 90% reads / 10% writes, ` +
        `Node ${process.version}, ${os.cpus().length} CPUs, load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n` +
        `  throughput   ${result.requests.average.toFixed(0)} req/s (${result.requests.total} requests, ${writes} writes)\n` +
        `  latency      p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms\n` +
        `  errors       ${errors} (transport ${result.errors}, of which timeouts ${result.timeouts}; non-2xx ${result.non2xx}, GraphQL ${graphqlErrors})\n` +
        `  Node RSS     before ${mb(before.node)}, peak ${mb(peak.node)}, 15 s after ${mb(after.node)}\n` +
        `  Node heap    in use after a full GC: before ${mb(heapBefore)}, 15 s after ${mb(heapAfter)}\n` +
        `  Neo4j RSS    before ${mb(before.neo4j)}, peak ${mb(peak.neo4j)}, 15 s after ${mb(after.neo4j)}\n` +
        (firstErrors.length ? `  first errors ${firstErrors.join('\n               ')}\n` : ''),
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  }
}
