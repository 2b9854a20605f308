/** The test run's database (see globalSetup.ts), with helpers to start each file from a known state. */
import { inject } from 'vitest';
import { createDb, createDriver, type Db } from '../../src/db/driver.js';
import { emptyGraph } from '../../src/db/emptyGraph.js';
import { applyMigrations } from '../../src/db/migrations.js';

export function testNeo4j() {
  return inject('neo4j');
}

export function connectTestDb(): Db {
  const { uri, user, password } = testNeo4j();
  return createDb(createDriver(uri, { user, password }), uri);
}

/** Deletes every node and relationship (schema stays), in batches. */
export async function emptyDatabase(db: Db): Promise<void> {
  await emptyGraph(db);
}

/** A database with the schema applied and no data. */
export async function freshDatabase(db: Db): Promise<void> {
  await applyMigrations(db);
  await emptyDatabase(db);
}
