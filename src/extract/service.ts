/**
 * From an article to reviewed facts: read it with the extractor (against the graph's own names),
 * keep the proposals with the article until someone accepts or dismisses them, and write the
 * accepted ones through the same writers as recordVisit / recordRelation (accept.ts).
 */
import { randomUUID } from 'node:crypto';
import { cypher } from '../db/cypher.js';
import type { Db, Tx } from '../db/driver.js';
import { invalid } from '../graph/errors.js';
import type { SourceRecord } from '../graph/records.js';
import { sourceEntity } from '../graph/sources.js';
import { Gazetteer, GAZETTEER_KINDS, type GraphName } from './gazetteer.js';
import { RuleExtractor } from './ruleExtractor.js';
import { splitParagraphs } from './text.js';
import type { Extraction, Extractor, Proposal } from './types.js';

/** Longer texts are refused: a news article is far shorter, and the reviewer could not read it. */
export const MAX_TEXT_CHARS = 200_000;

export async function loadGazetteer(tx: Tx): Promise<Gazetteer> {
  const result = await tx.run(cypher('extract/gazetteer'), { kinds: [...GAZETTEER_KINDS] });
  return Gazetteer.build(result.records.map((r) => r.toObject() as GraphName));
}

export interface ProposeInput {
  text: string;
  source: SourceRecord;
}

export type ProposalStatus = 'pending' | 'accepted' | 'dismissed';

export interface StoredProposal {
  id: string;
  status: ProposalStatus;
  proposal: Proposal;
  /** What accepting wrote (visit, meeting or relation id). */
  result: string | null;
  error?: string | null;
}

export interface StoredExtraction {
  id: string;
  text: string;
  language: 'ar' | 'en';
  publishedAt: string | null;
  source: SourceRecord;
  notes: string[];
  paragraphs: { index: number; text: string }[];
  proposals: StoredProposal[];
}

/** Checks what the extractor cannot work without; the messages say what to send instead. */
export function checkProposeInput(input: ProposeInput): void {
  if (!input.text || !input.text.trim()) throw invalid('text: the article text is empty');
  if (input.text.length > MAX_TEXT_CHARS) {
    throw invalid(`text: ${input.text.length} characters is more than the ${MAX_TEXT_CHARS} an article may have; send one article at a time`);
  }
  const language = input.source.language;
  if (language && language !== 'ar' && language !== 'en') throw invalid(`source.language: "${language}" is not ar or en (leave it out to detect it)`);
  sourceEntity(input.source); // a title or url, a valid publishedAt and id
}

export function extractorFor(gazetteer: Gazetteer): Extractor {
  return new RuleExtractor(gazetteer);
}

/** Reads the article and returns the proposals without storing anything (the CLI's dry run). */
export async function extractWithGraph(db: Db, input: ProposeInput): Promise<Extraction> {
  checkProposeInput(input);
  const gazetteer = await db.read(loadGazetteer);
  return extractorFor(gazetteer).extract({ text: input.text, language: input.source.language, publishedAt: input.source.publishedAt });
}

/** Reads the article, stores it with its proposals (pending), and returns them with their ids. */
export async function proposeFacts(db: Db, input: ProposeInput): Promise<StoredExtraction> {
  const extraction = await extractWithGraph(db, input);
  const key = randomUUID().replace(/-/g, '').slice(0, 12);
  const id = `extraction:${key}`;
  const stored = extraction.proposals.map((proposal, order) => ({ id: `proposal:${key}-${order + 1}`, order, proposal }));
  const source: SourceRecord = { ...input.source, language: input.source.language ?? extraction.language };
  await db.write((tx) =>
    tx.run(cypher('extract/store-proposals'), {
      id,
      text: input.text,
      language: extraction.language,
      publishedAt: input.source.publishedAt ?? null,
      source: JSON.stringify(source),
      extractor: 'rules',
      notes: extraction.notes,
      proposals: stored.map((s) => ({ id: s.id, type: s.proposal.type, order: s.order, json: JSON.stringify(s.proposal) })),
    }),
  );
  return {
    id,
    text: input.text,
    language: extraction.language,
    publishedAt: input.source.publishedAt ?? null,
    source,
    notes: extraction.notes,
    paragraphs: extraction.paragraphs,
    proposals: stored.map((s) => ({ id: s.id, status: 'pending', proposal: s.proposal, result: null })),
  };
}

export async function readExtraction(db: Db, id: string): Promise<StoredExtraction | null> {
  return db.read(async (tx) => {
    const row = (await tx.run(cypher('extract/read-extraction'), { id })).records[0];
    if (!row) return null;
    const text = row.get('text') as string;
    return {
      id,
      text,
      language: row.get('language') as 'ar' | 'en',
      publishedAt: row.get('publishedAt') as string | null,
      source: JSON.parse(row.get('source') as string) as SourceRecord,
      notes: (row.get('notes') as string[] | null) ?? [],
      paragraphs: splitParagraphs(text).map((p) => ({ index: p.index, text: p.text })),
      proposals: (row.get('proposals') as { id: string; status: ProposalStatus; json: string; result: string | null; error: string | null }[])
        .filter(Boolean)
        .map((p) => ({ id: p.id, status: p.status, proposal: JSON.parse(p.json) as Proposal, result: p.result, error: p.error })),
    };
  });
}

/** Marks proposals dismissed; an accepted one stays accepted (its facts are in the graph). */
export async function dismissProposals(db: Db, ids: string[]): Promise<StoredProposal[]> {
  return db.write(async (tx) => {
    const found = await readProposals(tx, ids);
    const accepted = found.filter((p) => p.status === 'accepted');
    if (accepted.length > 0) throw invalid(`already accepted, so they cannot be dismissed: ${accepted.map((p) => p.id).join(', ')}`);
    await tx.run(cypher('extract/set-status'), { rows: found.map((p) => ({ id: p.id, status: 'dismissed', result: null })) });
    return found.map((p) => ({ ...p, status: 'dismissed' as const }));
  });
}

export interface ProposalRow extends StoredProposal {
  extractionId: string;
  source: SourceRecord;
}

export async function readProposals(tx: Tx, ids: string[]): Promise<ProposalRow[]> {
  if (ids.length === 0) throw invalid('ids: give at least one proposal id');
  const unique = [...new Set(ids)];
  const rows = (await tx.run(cypher('extract/read-proposals'), { ids: unique })).records.map((r) => ({
    id: r.get('id') as string,
    status: r.get('status') as ProposalStatus,
    proposal: JSON.parse(r.get('json') as string) as Proposal,
    result: r.get('result') as string | null,
    extractionId: r.get('extractionId') as string,
    source: JSON.parse(r.get('source') as string) as SourceRecord,
  }));
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length > 0) throw invalid(`no such proposal: ${missing.join(', ')}`, { missing });
  return unique.map((id) => rows.find((r) => r.id === id)!);
}
