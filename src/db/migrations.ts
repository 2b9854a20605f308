/**
 * Schema migrations: every file in cypher/migrations, in name order. Each statement is
 * idempotent (IF NOT EXISTS), so applying them at every start is safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { statements } from './cypher.js';
import type { Db } from './driver.js';

const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'cypher', 'migrations');

export function migrationFiles(): string[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.cypher')).sort();
}

export async function applyMigrations(db: Db): Promise<{ files: string[]; statements: number }> {
  const files = migrationFiles();
  let count = 0;
  // Schema changes cannot share a transaction with anything else: one auto-commit each.
  const session = db.driver.session(db.database ? { database: db.database } : {});
  try {
    for (const file of files) {
      for (const statement of statements(readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8'))) {
        await session.run(statement);
        count += 1;
      }
    }
    await session.run('CALL db.awaitIndexes(120)');
  } finally {
    await session.close();
  }
  return { files, statements: count };
}
