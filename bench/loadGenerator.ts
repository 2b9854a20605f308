/**
 * autocannon in a process of its own, for bench/read.ts: the server's process then measures only
 * the server's CPU time, and this one reports what generating the load cost. Takes one JSON
 * argument (a GraphqlLoad: { url, query, connections, duration }); prints one JSON line of figures and its own
 * CPU time during the run (not counting its start-up).
 */
import { postGraphql, type GraphqlLoad } from './graphqlLoad.js';

const load = JSON.parse(process.argv[2] ?? '{}') as GraphqlLoad;
const before = process.cpuUsage();
const result = await postGraphql(load);
const cpu = process.cpuUsage(before);
process.stdout.write(
  `${JSON.stringify({
    rps: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
