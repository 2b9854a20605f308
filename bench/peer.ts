/**
 * `npm run bench -- peer [--visits N] [--duration S] [--rounds R] [--warmup S] [--connections C]`:
 * our API against Neo4j's own GraphQL library (@neo4j/graphql, a dev dependency) on the same
 * embedded Neo4j and the same graph (the article plus N synthetic visits, default 5,000). The
 * library is served by graphql-yoga over node:http, as ours is, with the type definitions below
 * mapping our labels and relationship types. Before any timing, each query's answers on both
 * sides are compared (top-level order exactly, nested lists as sets: the library returns an
 * undirected MET once per edge). Then autocannon drives each side in rounds that alternate
 * which goes first; the median of the rounds' ratios (ours / library, requests per second) is
 * printed. Neither side caches answers; ours is checked to run one statement per request.
 * `--only N[,M]` runs only those queries (1-based, in the order below).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import { createApp } from '../src/app.js';
import type { Db } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { createLogger } from '../src/log.js';
import { openBenchDatabase } from './database.js';
import { driveApi, loadSynthetic, median, options, type Figures, type Options } from './read.js';

/** The library's view of our graph: our labels and relationship types, the fields the queries read. */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Visit @node(labels: ["Visit"]) {
    id: ID!
    date: String
    dateStart: String
    dateEnd: String
    traveler: [Person!]! @relationship(type: "TRAVELER", direction: OUT)
    host: [Country!]! @relationship(type: "HOST_COUNTRY", direction: OUT)
    city: [City!]! @relationship(type: "IN_CITY", direction: OUT)
    meetings: [Meeting!]! @relationship(type: "INCLUDES", direction: OUT)
  }
  type Person @node(labels: ["Person"]) {
    id: ID!
    name: String
    met: [Person!]! @relationship(type: "MET", direction: OUT, queryDirection: UNDIRECTED)
    principalOf: [Meeting!]! @relationship(type: "PRINCIPAL", direction: IN)
    attended: [Meeting!]! @relationship(type: "ATTENDED", direction: OUT)
  }
  type Country @node(labels: ["Country"]) {
    id: ID!
    name: String
    visitsReceived: [Visit!]! @relationship(type: "HOST_COUNTRY", direction: IN)
  }
  type City @node(labels: ["City"]) {
    id: ID!
    name: String
  }
  type Meeting @node(labels: ["Meeting"]) {
    id: ID!
    date: String
    dateStart: String
    participants: [Person!]! @relationship(type: "PRINCIPAL", direction: OUT)
    topics: [Topic!]! @relationship(type: "DISCUSSED", direction: OUT)
  }
  type Topic @node(labels: ["Topic"]) {
    id: ID!
    name: String
  }
`;

type Json = any;
const byId = (list: Json[]) => [...new Map(list.map((x) => [x.id, x])).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

interface Scenario {
  name: string;
  ours: string;
  peer: string;
  /** Both answers in one comparable shape. */
  oursAnswer: (data: Json) => unknown;
  peerAnswer: (data: Json) => unknown;
}

function scenarios(person: string, host: string): Scenario[] {
  const visitRow = (v: Json, one: (x: Json) => Json) => ({
    id: v.id,
    date: v.date,
    traveler: one(v.traveler),
    host: one(v.host),
    city: one(v.city),
    meetings: byId(v.meetings.map((m: Json) => ({ id: m.id, date: m.date, participants: byId(m.participants) }))),
  });
  const first = (list: Json[]) => list[0] ?? null;
  const meetingRow = (m: Json) => ({ id: m.id, date: m.date, topics: byId(m.topics) });
  return [
    {
      name: 'a page of 20 visits with traveler, host, city, meetings and participants',
      ours: '{ visits(first: 20) { edges { node { id date traveler { id name } host { id name } city { id name } meetings { id date participants { id name } } } } } }',
      peer:
        '{ visits(limit: 20, sort: [{ dateStart: ASC }, { id: ASC }]) { id date traveler { id name } host { id name } city { id name } ' +
        'meetings(sort: [{ dateStart: ASC }, { id: ASC }]) { id date participants(sort: [{ name: ASC }, { id: ASC }]) { id name } } } }',
      oursAnswer: (d) => d.visits.edges.map((e: Json) => visitRow(e.node, (x) => x)),
      peerAnswer: (d) => d.visits.map((v: Json) => visitRow(v, first)),
    },
    {
      name: 'one person by id: whom they met, their meetings with topics',
      ours: `{ entity(id: "${person}") { ... on Person { id name met { id name } meetings { id date topics { id name } } } } }`,
      peer:
        `{ people(where: { id: { eq: "${person}" } }) { id name met(limit: 100, sort: [{ name: ASC }, { id: ASC }]) { id name } ` +
        'principalOf { id date topics { id name } } attended { id date topics { id name } } } }',
      oursAnswer: (d) => ({ id: d.entity.id, name: d.entity.name, met: byId(d.entity.met), meetings: byId(d.entity.meetings.map(meetingRow)) }),
      peerAnswer: (d) => {
        const p = d.people[0];
        return { id: p.id, name: p.name, met: byId(p.met.filter((m: Json) => m.id !== p.id)), meetings: byId([...p.principalOf, ...p.attended].map(meetingRow)) };
      },
    },
    {
      name: 'visits to one host country in a date range, first 20, with the traveler\'s name',
      ours: `{ visits(first: 20, filter: { host: "${host}", from: "2000", to: "2019" }) { edges { node { id date traveler { name } } } } }`,
      peer:
        `{ visits(limit: 20, sort: [{ dateStart: ASC }, { id: ASC }], where: { host: { some: { id: { eq: "${host}" } } }, ` +
        'dateEnd: { gte: "2000-01-01" }, dateStart: { lte: "2019-12-31" } }) { id date traveler { name } } }',
      oursAnswer: (d) => d.visits.edges.map((e: Json) => ({ id: e.node.id, date: e.node.date, traveler: e.node.traveler.name })),
      peerAnswer: (d) => d.visits.map((v: Json) => ({ id: v.id, date: v.date, traveler: v.traveler[0]?.name ?? null })),
    },
    {
      name: 'the same, read as a list under the country',
      ours:
        `{ entity(id: "${host}") { ... on Country { id visitsReceivedConnection(first: 20, from: "2000", to: "2019") { edges { node { id date traveler { name } } } } } } }`,
      peer:
        `{ countries(where: { id: { eq: "${host}" } }) { id visitsReceived(limit: 20, sort: [{ dateStart: ASC }, { id: ASC }], ` +
        'where: { dateEnd: { gte: "2000-01-01" }, dateStart: { lte: "2019-12-31" } }) { id date traveler { name } } } }',
      oursAnswer: (d) => ({
        id: d.entity.id,
        visits: d.entity.visitsReceivedConnection.edges.map((e: Json) => ({ id: e.node.id, date: e.node.date, traveler: e.node.traveler.name })),
      }),
      peerAnswer: (d) => ({
        id: d.countries[0].id,
        visits: d.countries[0].visitsReceived.map((v: Json) => ({ id: v.id, date: v.date, traveler: v.traveler[0]?.name ?? null })),
      }),
    },
  ];
}

/** `--only 1,4`: the queries to run, by number; undefined for all. */
function onlyQueries(args: string[]): number[] | undefined {
  const i = args.indexOf('--only');
  if (i < 0) return undefined;
  const numbers = (args[i + 1] ?? '').split(',').map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--only takes query numbers, e.g. --only 1,4');
  return numbers;
}

async function post(url: string, query: string): Promise<Json> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: Json; errors?: unknown };
  if (body.errors) throw new Error(`${url}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The ordinary-looking test subjects: the person in the most meetings, the country with the most visits. */
async function subjects(db: Db): Promise<{ person: string; host: string }> {
  return db.read(async (tx) => {
    const person = await tx.run(
      `MATCH (p:Person) WHERE p.id STARTS WITH 'person:syn-' WITH p, COUNT { (p)-[:PRINCIPAL|ATTENDED]-(:Meeting) } AS n
       ORDER BY n DESC, p.id LIMIT 1 RETURN p.id AS id`,
    );
    const host = await tx.run(
      `MATCH (c:Country) WHERE c.id STARTS WITH 'country:syn-' WITH c, COUNT { (c)<-[:HOST_COUNTRY]-(:Visit) } AS n
       ORDER BY n DESC, c.id LIMIT 1 RETURN c.id AS id`,
    );
    return { person: person.records[0]!.get('id') as string, host: host.records[0]!.get('id') as string };
  });
}

export async function main(args: string[]): Promise<void> {
  const o: Options = options(args);
  const { db, close } = await openBenchDatabase();
  const ours = createApp({ db, log: createLogger('warn'), apiKey: 'bench-api-key-0123456789' });
  let peerServer: Server | undefined;
  try {
    await applyMigrations(db);
    if (o.load) {
      await loadSeed(db);
      await loadSynthetic(db, o.visits);
    }
    const peerSchema = await new Neo4jGraphQL({
      typeDefs: PEER_TYPE_DEFS,
      driver: db.driver,
      // Date ranges on ISO strings, as our filter's from/to.
      features: { filters: { String: { GT: true, GTE: true, LT: true, LTE: true } } },
    }).getSchema();
    peerServer = createServer(createYoga({ schema: peerSchema, graphqlEndpoint: '/graphql', logging: false }));
    const [oursUrl, peerUrl] = [await listen(ours), await listen(peerServer)];
    const { person, host } = await subjects(db);

    const only = onlyQueries(args);
    const list = scenarios(person, host).filter((_, i) => !only || only.includes(i + 1));
    for (const s of list) {
      // Ours runs one statement per request (as the library does): counted on one request.
      let statements = 0;
      const count = () => void (statements += 1);
      db.onQuery.add(count);
      const oursData = await post(oursUrl, s.ours);
      db.onQuery.delete(count);
      if (statements !== 1) throw new Error(`ours ran ${statements} statements for "${s.name}"`);
      const [a, b] = [s.oursAnswer(oursData), s.peerAnswer(await post(peerUrl, s.peer))];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        throw new Error(`the answers differ for "${s.name}":\nours ${JSON.stringify(a).slice(0, 2000)}\npeer ${JSON.stringify(b).slice(0, 2000)}`);
      }
      process.stderr.write(`[bench] same answers: ${s.name} (${JSON.stringify(a).length} bytes)\n`);
    }

    process.stderr.write(`[bench] warming up (${o.warmup} s per side and query) ...\n`);
    for (const s of list) {
      await driveApi(oursUrl, s.ours, o, o.warmup);
      await driveApi(peerUrl, s.peer, o, o.warmup);
    }
    const fmt = (f: Figures) => `${f.rps.toFixed(0).padStart(7)} req/s  p50 ${f.p50.toFixed(1).padStart(6)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms${f.errors ? `  errors ${f.errors}` : ''}`;
    const rows: string[] = [];
    const summary: string[] = [];
    for (const s of list) {
      const rounds: { ours: Figures; peer: Figures }[] = [];
      for (let round = 1; round <= o.rounds; round++) {
        process.stderr.write(`[bench] ${s.name}: round ${round}/${o.rounds} ...\n`);
        const oursFirst = round % 2 === 1;
        const first = await driveApi(oursFirst ? oursUrl : peerUrl, oursFirst ? s.ours : s.peer, o);
        const second = await driveApi(oursFirst ? peerUrl : oursUrl, oursFirst ? s.peer : s.ours, o);
        rounds.push(oursFirst ? { ours: first, peer: second } : { ours: second, peer: first });
      }
      const ratios = rounds.map((r) => r.ours.rps / r.peer.rps);
      rows.push(
        `${s.name}\n${rounds.map((r, i) => `  round ${i + 1}\n    ours     ${fmt(r.ours)}\n    library  ${fmt(r.peer)}\n    ratio    ${ratios[i]!.toFixed(2)}`).join('\n')}`,
      );
      summary.push(`  ${median(ratios).toFixed(2)}  ${s.name}`);
    }
    process.stdout.write(
      `\nOurs against @neo4j/graphql: ${o.load ? `${o.visits} synthetic visits + the article` : 'the graph already loaded'}, ${o.connections} connections, ` +
        `${o.rounds} rounds of ${o.duration} s per side, Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n` +
        `person ${person}, host ${host}\n\n${rows.join('\n\n')}\n\nmedian ratio ours / library (req/s):\n${summary.join('\n')}\n`,
    );
  } finally {
    ours.closeAllConnections();
    await new Promise<void>((resolve) => ours.close(() => resolve()));
    if (peerServer) {
      peerServer.closeAllConnections();
      await new Promise<void>((resolve) => peerServer!.close(() => resolve()));
    }
    await close();
  }
}
