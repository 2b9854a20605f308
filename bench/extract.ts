/**
 * `npm run bench -- extract [--runs N] [--words W]`: how long `proposeFacts` takes through the HTTP
 * API on an article of W words (default 5,000; our own wording, one paragraph repeated), with the
 * article's graph loaded for the gazetteer. Prints each run and p50/p99 in milliseconds. Uses
 * NEO4J_URI if set, else an embedded Neo4j in a temporary folder.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createApp } from '../src/app.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { createLogger } from '../src/log.js';
import { openBenchDatabase } from './database.js';
import { intFlag } from './args.js';

const API_KEY = 'bench-extract-key-0123456789';
const PARAGRAPH =
  'US Secretary of State Antony Blinken arrived in Algiers on 30 March 2022 and held talks with Algerian President Abdelmadjid Tebboune on energy, Libya and the Sahel, before travelling on to other capitals of the region for further meetings.';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function main(args: string[]): Promise<void> {
  const runs = intFlag(args, '--runs', 10);
  const words = intFlag(args, '--words', 5000);
  const perParagraph = PARAGRAPH.split(' ').length;
  const text = ['A long bench article', ...Array.from({ length: Math.ceil(words / perParagraph) }, () => PARAGRAPH)].join('\n');
  const { db, close } = await openBenchDatabase();
  const server = createApp({ db, log: createLogger('warn'), apiKey: API_KEY });
  try {
    await applyMigrations(db);
    await loadSeed(db);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const query = 'mutation Propose($input: ProposeFactsInput!) { proposeFacts(input: $input) { id proposals { type } } }';
    const times: number[] = [];
    // One warm-up run, then the measured ones.
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        body: JSON.stringify({ query, variables: { input: { text, source: { title: `Bench article ${i}`, publishedAt: '2022-03-31' } } } }),
      });
      const body = (await response.json()) as { errors?: { message: string }[]; data?: { proposeFacts: { proposals: { type: string }[] } } };
      const ms = performance.now() - started;
      if (body.errors) throw new Error(`proposeFacts failed: ${body.errors[0]!.message}`);
      if (i === 0) continue;
      times.push(ms);
      process.stdout.write(`run ${i}: ${ms.toFixed(0)} ms, ${body.data!.proposeFacts.proposals.length} proposals\n`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    process.stdout.write(
      `proposeFacts on ${text.split(/\s+/).length} words: p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms over ${runs} runs (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`,
    );
  } finally {
    server.close();
    await close();
  }
}
