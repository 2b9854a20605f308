/**
 * One real Neo4j for the test run: NEO4J_URI if set; else a testcontainers Neo4j where a
 * container runtime is present; else the embedded launcher on a free port, in a temporary folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { neo4jConfig } from '../../src/config.js';
import { freePort, startLocalNeo4j } from '../../src/db/localNeo4j.js';

export interface ProvidedNeo4j {
  uri: string;
  user: string;
  password: string;
  how: 'external' | 'testcontainers' | 'embedded';
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: ProvidedNeo4j;
  }
}

function containerRuntimeLikely(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

async function tryTestcontainers(): Promise<{ neo4j: ProvidedNeo4j; stop: () => Promise<void> } | undefined> {
  if (!containerRuntimeLikely()) return undefined;
  try {
    const { Neo4jContainer } = await import('@testcontainers/neo4j');
    const container = await new Neo4jContainer('neo4j:5.26-community').withPassword('test-password').start();
    return {
      neo4j: { uri: container.getBoltUri(), user: container.getUsername(), password: container.getPassword(), how: 'testcontainers' },
      stop: async () => {
        await container.stop();
      },
    };
  } catch (err) {
    process.stderr.write(`[tests] no usable container runtime (${(err as Error).message.split('\n')[0]}); using the embedded Neo4j\n`);
    return undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = neo4jConfig();
  if (configured.uri) {
    project.provide('neo4j', { uri: configured.uri, user: configured.user, password: configured.password, how: 'external' });
    return async () => {};
  }
  const container = await tryTestcontainers();
  if (container) {
    project.provide('neo4j', container.neo4j);
    return container.stop;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dvg-test-neo4j-'));
  const local = await startLocalNeo4j({ dataDir, port: await freePort(), heapMb: 768, pageCacheMb: 256 });
  project.provide('neo4j', { uri: local.uri, user: local.user, password: local.password, how: 'embedded' });
  return async () => {
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
