/**
 * The article's graph is data: data/articles/*.json, in the import format users write
 * (src/graph/importFile.ts, IMPORT-FORMAT.md), loaded by the importer as a trusted file (it may write the visit model's
 * structural relations and states its entities with authority), all or nothing. Loading is
 * idempotent; at start it runs only when the file changed since it was last loaded (the file's
 * hash is kept on its source node as `seedVersion`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import type { Db } from '../db/driver.js';
import type { EntityRecord } from '../graph/records.js';
import { formatReport, importText, parseImport } from './files.js';

/** The article files, in load order. */
export const ARTICLE_FILES = [path.join(PROJECT_ROOT, 'data', 'articles', 'esper-algeria-2020.json')];

interface Article {
  file: string;
  text: string;
  /** The id of the article's own source: the file's first entity record of kind SOURCE. */
  sourceId: string;
  version: string;
}

function readArticle(file: string): Article {
  const text = readFileSync(file, 'utf8');
  const source = parseImport(text).entries.find((e) => e.kind === 'entity' && (e.value as { kind?: string }).kind === 'SOURCE');
  if (!source) throw new Error(`${path.relative(PROJECT_ROOT, file)}: an article file starts with its source ({"entity": {"kind": "SOURCE", ...}})`);
  return { file, text, sourceId: (source.value as { id: string }).id, version: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}

/**
 * The entities the article files declare (their own sources left out), as records: what the
 * extractor's offline gazetteer knows without a database.
 */
export function articleEntities(): EntityRecord[] {
  return ARTICLE_FILES.flatMap((file) => {
    const { sourceId } = readArticle(file);
    return parseImport(readFileSync(file, 'utf8')).entries
      .filter((e) => e.kind === 'entity' && (e.value as { id: string }).id !== sourceId)
      .map((e) => {
        const { source: _source, certainty: _certainty, ...entity } = e.value as EntityRecord & { source?: unknown; certainty?: unknown };
        return entity;
      });
  });
}

export async function loadArticle(db: Db, article: Article): Promise<void> {
  const report = await importText(db, article.text, { strict: true, trusted: true });
  if (!report.applied || report.failed.length > 0) {
    throw new Error(`${path.relative(PROJECT_ROOT, article.file)} did not load:\n${formatReport(report)}`);
  }
  await db.write((tx) => tx.run('MATCH (s:Source {id: $id}) SET s.seedVersion = $version', { id: article.sourceId, version: article.version }));
}

/** Loads every article file (again); safe to repeat. */
export async function loadSeed(db: Db): Promise<{ documents: number }> {
  for (const file of ARTICLE_FILES) await loadArticle(db, readArticle(file));
  return { documents: ARTICLE_FILES.length };
}

/** Loads the article files that are absent or changed since they were last loaded. */
export async function ensureSeed(db: Db): Promise<{ loaded: string[]; present: string[] }> {
  const loaded: string[] = [];
  const present: string[] = [];
  for (const file of ARTICLE_FILES) {
    const article = readArticle(file);
    const stored = await db.read(async (tx) => {
      const result = await tx.run('MATCH (s:Source {id: $id}) RETURN s.seedVersion AS version', { id: article.sourceId });
      return result.records[0]?.get('version') as string | undefined;
    });
    if (stored === article.version) {
      present.push(article.sourceId);
    } else {
      await loadArticle(db, article);
      loaded.push(article.sourceId);
    }
  }
  return { loaded, present };
}
