/**
 * `npm run bench -- layout [--visits N] [--runs R] [--focus ID]`: how long the explorer takes to lay
 * out a hub's neighbourhood in a real browser. Loads the article and N synthetic visits with hubs
 * (default 3,000, the graph of the explorer's end-to-end scale test), starts the real HTTP server and
 * opens the explorer on a hub country (default: the busiest) R times, each in a fresh page (so each
 * first layout is a cold one, as a user's is). Prints, per run, the nodes and edges drawn, the
 * layout's own time as the page measures it (`explorer-layout`, wall clock) and the CPU time of the
 * page's main thread from navigation until the drawing has settled (loading, drawing and layout
 * together: an upper bound on the layout's own CPU, and unlike the wall clock not stretched when
 * other programs share the CPUs), with the machine's load average. Per run also: how many node labels
 * the drawing hides to keep them off each other (a faster layout that hides many more is not a more
 * readable one) and the zoom the drawing opens at (at 0.5 or below, cytoscape draws no 11 px label
 * at all: `min-zoomed-font-size`).
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { createApp } from '../src/app.js';
import { applyMigrations } from '../src/db/migrations.js';
import { loadSeed } from '../src/import/seed.js';
import { createLogger } from '../src/log.js';
import { CHROMIUM, CHROMIUM_FLAGS, openExplorer, prepareBrowserTests } from '../tests/support/browser.js';
import { openBenchDatabase } from './database.js';
import { median } from './read.js';
import { intFlag, stringFlag } from './args.js';
import { HUB_COUNTRIES, syntheticGraph } from './synthetic.js';
import { writeSyntheticGraph } from './writeSynthetic.js';

interface Run {
  nodes: number;
  edges: number;
  layoutMs: number;
  mainThreadCpuMs: number;
  hiddenLabels: number;
  zoom: number;
  load: number;
}

export async function main(args: string[]): Promise<void> {
  const visits = intFlag(args, '--visits', 3000);
  const runs = intFlag(args, '--runs', 10);
  const focus = stringFlag(args, '--focus', HUB_COUNTRIES[0]!);
  prepareBrowserTests();
  const { db, close } = await openBenchDatabase();
  const server = createApp({ db, log: createLogger('warn'), apiKey: 'bench-api-key-0123456789' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    await applyMigrations(db);
    await loadSeed(db);
    const graph = syntheticGraph({ visits, hubs: true });
    const started = Date.now();
    await writeSyntheticGraph(db, graph);
    process.stderr.write(`[bench] ${graph.visits.length} synthetic visits with hubs loaded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const results: Run[] = [];
    let warmUpFailures = 0;
    // One page first, not counted: the server's plans and the browser's disk cache warm up.
    for (let i = 0; i <= runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const cdp = await page.context().newCDPSession(page);
      // ThreadTime counts the main thread's CPU from here on.
      await cdp.send('Performance.enable');
      await openExplorer(page, url, `/?focus=${encodeURIComponent(focus)}`);
      const metrics = await cdp.send('Performance.getMetrics');
      const threadTime = metrics.metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN;
      // The layout's measure and the settled drawing, read in one round trip.
      const { layout, drawing } = await page.evaluate(() => {
        const entry = performance.getEntriesByName('explorer-layout')[0] as PerformanceMeasure | undefined;
        const cy = (window as unknown as { cy: { nodes(selector?: string): { length: number }; zoom(): number } }).cy;
        return {
          layout: entry ? { ms: entry.duration, nodes: entry.detail.nodes as number, edges: entry.detail.edges as number } : undefined,
          drawing: { hiddenLabels: cy.nodes('.label-hidden').length, zoom: cy.zoom() },
        };
      });
      await page.close();
      if (!layout) {
        // On a loaded machine the neighbourhood statement's first planning can outlast the API's
        // read timeout; the warm-up page is tried again (the plan is cached once one finishes).
        if (i === 0 && ++warmUpFailures < 4) {
          process.stderr.write(`[bench] warm-up page drew nothing (the first neighbourhood request failed, load average ${os.loadavg()[0]!.toFixed(1)}); trying again\n`);
          i -= 1;
          continue;
        }
        throw new Error('the explorer drew nothing: no layout was measured');
      }
      const run = { nodes: layout.nodes, edges: layout.edges, layoutMs: layout.ms, mainThreadCpuMs: threadTime * 1000, ...drawing, load: os.loadavg()[0]! };
      if (i > 0) results.push(run);
      process.stderr.write(
        `[bench] ${i === 0 ? 'warm-up' : `run ${i}/${runs}`}: ${run.nodes} nodes, ${run.edges} edges; layout ${run.layoutMs.toFixed(0)} ms (wall); ` +
          `main thread ${run.mainThreadCpuMs.toFixed(0)} ms CPU for the whole first drawing; ${run.hiddenLabels} labels hidden, zoom ${run.zoom.toFixed(2)}; ` +
          `load average ${run.load.toFixed(1)}\n`,
      );
    }
    const walls = results.map((r) => r.layoutMs);
    const cpus = results.map((r) => r.mainThreadCpuMs);
    process.stdout.write(
      `\nExplorer layout: ${focus}'s neighbourhood (${results[0]!.nodes} nodes, ${results[0]!.edges} edges) over ${visits} synthetic visits with hubs, ` +
        `${runs} fresh pages, Chromium headless, ${os.cpus().length} CPUs\n` +
        `  layout, wall clock:                       median ${median(walls).toFixed(0)} ms, min ${Math.min(...walls).toFixed(0)}, max ${Math.max(...walls).toFixed(0)}\n` +
        `  main thread CPU, page load to settled:    median ${median(cpus).toFixed(0)} ms, min ${Math.min(...cpus).toFixed(0)}, max ${Math.max(...cpus).toFixed(0)}\n` +
        `  labels hidden to avoid overlaps:          ${[...new Set(results.map((r) => r.hiddenLabels))].sort((a, b) => a - b).join(', ')} of ${results[0]!.nodes}; ` +
        `zoom ${Math.min(...results.map((r) => r.zoom)).toFixed(2)}–${Math.max(...results.map((r) => r.zoom)).toFixed(2)}\n` +
        `  load average during the runs:             ${Math.min(...results.map((r) => r.load)).toFixed(1)}–${Math.max(...results.map((r) => r.load)).toFixed(1)}\n`,
    );
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await close();
  }
}
