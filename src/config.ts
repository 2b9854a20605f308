/**
 * Every setting read from the environment, in one place (README.md has the table): the service
 * reads them all through loadConfig; the command-line tools, benches and test set-up through the
 * readers below. Nothing else reads process.env for a setting of ours.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type LogFormat = 'json' | 'pretty';

/**
 * NODE_ENV is "production" unless set (an explicit value always wins). Outside production,
 * graphql-js checks every type test for a second copy of itself, about a third of the Node time
 * of executing a page of results; vitest sets "test" and so keeps the check. Called by
 * src/productionMode.ts, which the service's and the benchmarks' entry points import first,
 * before graphql is loaded.
 */
export function defaultToProduction(env: NodeJS.ProcessEnv = process.env): void {
  env.NODE_ENV ??= 'production';
}

/** The format LOG_FORMAT asks for; when unset, pretty on a terminal and JSON otherwise. */
export function logFormat(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): LogFormat {
  const asked = env.LOG_FORMAT?.trim().toLowerCase();
  if (asked === 'json' || asked === 'pretty') return asked;
  if (asked) throw new Error(`LOG_FORMAT must be "json" or "pretty", got "${env.LOG_FORMAT}"`);
  return isTTY ? 'pretty' : 'json';
}

/** LOG_LEVEL, else `fallback`: the service logs at info, the command-line tools at warn. */
export function logLevel(env: NodeJS.ProcessEnv = process.env, fallback = 'info'): string {
  return env.LOG_LEVEL || fallback;
}

export interface Neo4jConfig {
  /** Set: use that Neo4j. Unset: start the embedded one. */
  uri?: string;
  user: string;
  password: string;
  database?: string;
}

/** NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE: which Neo4j to use (unset URI: the embedded one). */
export function neo4jConfig(env: NodeJS.ProcessEnv = process.env): Neo4jConfig {
  return {
    uri: env.NEO4J_URI || undefined,
    user: env.NEO4J_USER ?? 'neo4j',
    password: env.NEO4J_PASSWORD ?? '',
    database: env.NEO4J_DATABASE || undefined,
  };
}

/**
 * How many of the API's transactions run in Neo4j at once (DB_MAX_CONCURRENT, default twice the
 * CPUs, at least 2) and how long a request may wait for a turn (DB_QUEUE_WAIT_MS, default 8000)
 * before it is answered SERVICE_UNAVAILABLE (src/db/gate.ts).
 */
export interface DatabaseGateConfig {
  maxConcurrent: number;
  maxWaitMs: number;
}

function positiveIntFrom(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}, got "${value}"`);
  return n;
}

export function databaseGateConfig(env: NodeJS.ProcessEnv = process.env): DatabaseGateConfig {
  return {
    maxConcurrent: positiveIntFrom(env.DB_MAX_CONCURRENT, Math.max(2, 2 * os.availableParallelism()), 'DB_MAX_CONCURRENT', 1000),
    maxWaitMs: positiveIntFrom(env.DB_QUEUE_WAIT_MS, 8_000, 'DB_QUEUE_WAIT_MS', 600_000),
  };
}

export interface Config {
  port: number;
  host: string;
  neo4j: Neo4jConfig;
  /** Where the embedded Neo4j keeps its database. */
  localDataDir: string;
  localBoltPort: number;
  apiKey: string;
  /** True when API_KEY was not set and a random one was made for this run. */
  apiKeyGenerated: boolean;
  logLevel: string;
  /** LOG_FORMAT: `pretty` lines or `json`; unset, pretty on a terminal. */
  logFormat: LogFormat;
  /** Load the article's graph at start when it is absent. */
  seedOnStart: boolean;
  /** Origins other than the service's own that browsers may call the API from (no credentials). */
  corsOrigins: string[];
  /**
   * What the first start loads when absent (SEED_DATASETS, default "article,hsg"): `article` the
   * article's graph, `hsg` the Office of the Historian's records (in the background).
   */
  seedDatasets: SeedDataset[];
  /** DB_MAX_CONCURRENT and DB_QUEUE_WAIT_MS: the API's turns at the database. */
  databaseGate: DatabaseGateConfig;
}

export const SEED_DATASETS = ['article', 'hsg'] as const;
export type SeedDataset = (typeof SEED_DATASETS)[number];

function datasetsFrom(value: string | undefined): SeedDataset[] {
  if (value === undefined || value.trim() === '') return [...SEED_DATASETS];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(SEED_DATASETS as readonly string[]).includes(name)) throw new Error(`SEED_DATASETS: "${name}" is not one of ${SEED_DATASETS.join(', ')}`);
  }
  return names as SeedDataset[];
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const apiKey = env.API_KEY && env.API_KEY.length > 0 ? env.API_KEY : undefined;
  if (apiKey !== undefined && apiKey.length < 16) throw new Error('API_KEY must have at least 16 characters (or leave it unset for a random one)');
  return {
    port: intFrom(env.PORT, 4000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    neo4j: neo4jConfig(env),
    localDataDir: path.resolve(env.NEO4J_LOCAL_DATA ?? path.join(PROJECT_ROOT, '.neo4j', 'data')),
    localBoltPort: intFrom(env.NEO4J_LOCAL_BOLT_PORT, 7687, 'NEO4J_LOCAL_BOLT_PORT'),
    apiKey: apiKey ?? randomBytes(24).toString('base64url'),
    apiKeyGenerated: apiKey === undefined,
    logLevel: logLevel(env),
    logFormat: logFormat(env),
    seedOnStart: env.SEED_ON_START !== 'false',
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    seedDatasets: datasetsFrom(env.SEED_DATASETS),
    databaseGate: databaseGateConfig(env),
  };
}
