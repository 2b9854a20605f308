import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/driver.js';
import { applyMigrations } from '../src/db/migrations.js';
import { connectTestDb } from './support/db.js';

async function schemaState(db: Db) {
  return db.read(async (tx) => {
    const constraints = await tx.run('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name');
    const indexes = await tx.run('SHOW INDEXES YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name');
    return { constraints: constraints.records.map((r) => r.toObject()), indexes: indexes.records.map((r) => r.toObject()) };
  });
}

describe('schema migrations', () => {
  let db: Db;
  beforeAll(() => {
    db = connectTestDb();
  });
  afterAll(() => db.close());

  it('are idempotent: applied twice, the same constraints and indexes', async () => {
    await applyMigrations(db);
    const first = await schemaState(db);
    await applyMigrations(db);
    expect(await schemaState(db)).toEqual(first);
    expect(first.constraints.map((c) => c.name)).toContain('entity_id');
    expect(first.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['entity_names', 'entity_kind', 'visit_date']));
  });

  it('make entity ids unique', async () => {
    await applyMigrations(db);
    const id = 'person:migration-test-duplicate';
    await db.write((tx) => tx.run('MERGE (:Entity {id: $id})', { id }));
    await expect(db.write((tx) => tx.run('CREATE (:Entity {id: $id})', { id }))).rejects.toThrow(/already exists/);
    await db.write((tx) => tx.run('MATCH (e:Entity {id: $id}) DELETE e', { id }));
  });
});
