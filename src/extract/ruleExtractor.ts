/**
 * The default extractor: offline and deterministic. It reads an article with the gazetteer of
 * the graph's names (gazetteer.ts), the title and trigger words of both languages (lexicon.ts)
 * and the date rules (dates.ts); no network, no model.
 */
import { readDocument } from './document.js';
import type { Gazetteer } from './gazetteer.js';
import { mergeProposals } from './merge.js';
import { RuleReader } from './rules.js';
import { detectLanguage } from './text.js';
import type { Extraction, ExtractionInput, Extractor } from './types.js';

export class RuleExtractor implements Extractor {
  readonly name = 'rules';

  constructor(private readonly gazetteer: Gazetteer) {}

  extract(input: ExtractionInput): Extraction {
    const language = input.language === 'ar' || input.language === 'en' ? input.language : detectLanguage(input.text);
    const published = input.publishedAt ?? null;
    const doc = readDocument(input.text, this.gazetteer.clone(), published);
    const proposals = mergeProposals(new RuleReader(doc).read());
    const notes: string[] = [];
    if (!published) notes.push('No publication date: weekdays and words such as "yesterday" are left unresolved.');
    const unresolved = proposals.filter((p) => (p.type === 'visit' || p.type === 'meeting') && p.dateCertainty === 'unresolved').length;
    if (unresolved > 0) notes.push(`${unresolved} visit(s) or meeting(s) have no date the text lets us resolve.`);
    if (!proposals.some((p) => p.type === 'visit')) notes.push('No visit found in this text.');
    return {
      language,
      publishedAt: published,
      paragraphs: doc.paragraphs.map((p) => ({ index: p.paragraph.index, text: p.paragraph.text })),
      proposals,
      notes,
    };
  }
}
