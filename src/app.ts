/** The HTTP server: /graphql (API and GraphiQL), /healthz, /readyz, and the explorer page at /. */
import { existsSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import sirv from 'sirv';
import { PROJECT_ROOT } from './config.js';
import type { Db } from './db/driver.js';
import type { Gate } from './db/gate.js';
import type { DatabaseHealth } from './db/supervisor.js';
import { keepGroupSummaries } from './graph/groupSummaries.js';
import { createGraphQLServer } from './graphql/yoga.js';
import { limitServer, withSecurityHeaders } from './http/edge.js';
import type { Logger } from './log.js';

export const WEB_DIST = path.join(PROJECT_ROOT, 'dist', 'web');

export interface AppOptions {
  db: Db;
  log: Logger;
  apiKey: string;
  /** The embedded Neo4j's supervisor's view; absent for a database nobody here supervises. */
  health?: () => DatabaseHealth;
  /** Other origins allowed to call the API from a browser (CORS_ORIGINS). */
  corsOrigins?: readonly string[];
  /** What is still loading in the background (the datasets of the first start), for /readyz. */
  loading?: () => Record<string, unknown> | undefined;
  /** The API's turns at the database (default: a gate of DB_MAX_CONCURRENT and DB_QUEUE_WAIT_MS). */
  gate?: Gate;
  /** How dense nodes' group summaries follow the writes (default: keepGroupSummaries' own); false: not kept here. */
  groupSummaries?: { dense?: number; delayMs?: number } | false;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function ready(db: Db, health: AppOptions['health']): Promise<{ ok: boolean; status?: string; error?: string; restarts?: number }> {
  const known = health?.();
  if (known && known.state !== 'running') return { ok: false, status: known.state, error: known.lastExit, restarts: known.restarts };
  try {
    await db.driver.verifyConnectivity();
    return { ok: true };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

export function createApp({ db, log, apiKey, health, corsOrigins, loading, gate, groupSummaries = {} }: AppOptions): http.Server {
  const yoga = createGraphQLServer({ db, log, apiKey, corsOrigins, gate });
  // gzip/deflate for anything over 1 kB (GraphiQL's page is 8.9 MB uncompressed).
  const compress = compression({ threshold: 1024 });
  const page = existsSync(WEB_DIST) ? sirv(WEB_DIST, { single: false, etag: true }) : undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      // Alive unless the database supervisor has given up: then only a restart of the service helps.
      if (health?.().state === 'failed') return json(res, 503, { status: 'failed', reason: 'the embedded Neo4j keeps crashing' });
      return json(res, 200, { status: 'up' });
    }
    if (url.pathname === '/readyz') {
      const state = await ready(db, health);
      // Reads are answered while datasets load: ready, and saying what is still loading.
      const datasets = loading?.();
      if (state.ok) return json(res, 200, { status: 'ready', ...(datasets ? { datasets } : {}) });
      return json(res, 503, { status: state.status ?? 'unavailable', error: state.error, ...(state.restarts === undefined ? {} : { restarts: state.restarts }) });
    }
    if (url.pathname.startsWith('/graphql')) return yoga(req, res);
    if (page) {
      return page(req, res, () => json(res, 404, { error: `nothing at ${url.pathname}` }));
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><p>The explorer page is not built: run <code>npm run build:web</code>. The API is at <a href="/graphql">/graphql</a>.</p>');
    }
    return json(res, 404, { error: `nothing at ${url.pathname}` });
  };

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    withSecurityHeaders(res);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    compress(req as never, res as never, () => {
      handle(req, res).catch((err: unknown) => {
        log.error({ err }, 'request failed');
        if (!res.headersSent) json(res, 500, { error: 'internal error' });
        else res.end();
      });
    });
  });
  limitServer(server);
  // Dense nodes' group summaries follow the writes (Query.neighborhood reads them at scale).
  if (groupSummaries) {
    const summaries = keepGroupSummaries(db, { ...groupSummaries, onError: (err) => log.warn({ err }, 'group summaries not refreshed') });
    server.on('close', () => summaries.stop());
  }
  return server;
}
