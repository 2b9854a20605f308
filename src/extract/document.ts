/**
 * One article read once: paragraphs, words, dates, trigger words and mentions, with every title
 * mention pointed at its person. The rules (rules.ts) read facts off this.
 */
import { findDates, type FoundDate } from './dates.js';
import type { Entry, Gazetteer } from './gazetteer.js';
import { TRIGGER_WORDS, type TriggerKind } from './lexicon.js';
import { MentionScanner, type Mention } from './mentions.js';
import { cliticVariants, splitParagraphs, unitsOf, type Paragraph, type Unit } from './text.js';

export interface Trigger {
  at: number;
  kinds: TriggerKind[];
  norm: string;
}

export interface ParagraphFacts {
  paragraph: Paragraph;
  units: Unit[];
  mentions: Mention[];
  dates: FoundDate[];
  triggers: Trigger[];
}

export interface ArticleDocument {
  published: string | null;
  paragraphs: ParagraphFacts[];
  gazetteer: Gazetteer;
  /** Who each title mention stands for (by mention), after coreference. */
  personOf(m: Mention): Entry | null;
}

function triggersOf(units: Unit[]): Trigger[] {
  const out: Trigger[] = [];
  units.forEach((u, at) => {
    for (const variant of cliticVariants(u.norm)) {
      const kinds = TRIGGER_WORDS.get(variant);
      if (kinds && (variant === u.norm || variant.length > 3)) {
        out.push({ at, kinds, norm: variant });
        return;
      }
    }
  });
  return out;
}

export const FORMER = /\b(former|then)\b|السابق|الأسبق/;

const GENERIC_LABELS = new Set(['Minister']);

/** True when a title without a name ("the minister") can stand for someone given `label`. */
function labelFits(generic: string, label: string): boolean {
  if (generic === label || generic === 'counterpart') return true;
  if (GENERIC_LABELS.has(generic)) return /Minister|Secretary/.test(label);
  return false;
}

export function readDocument(text: string, gazetteer: Gazetteer, published: string | null): ArticleDocument {
  const day = published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : null;
  const paragraphs = splitParagraphs(text).map((paragraph) => ({ paragraph, units: unitsOf(paragraph) }));
  const scanner = new MentionScanner(gazetteer);
  // First pass: meet the people the article introduces, so that a surname used before the full
  // introduction (a headline) is recognized in the second pass.
  for (const p of paragraphs) scanner.scan(p.units, p.paragraph.index);
  const facts: ParagraphFacts[] = paragraphs.map((p) => ({
    ...p,
    mentions: scanner.scan(p.units, p.paragraph.index),
    dates: findDates(p.units, published),
    triggers: triggersOf(p.units),
  }));

  // People with titles, in reading order, for the title mentions to point at.
  const titled: { m: Mention; order: number }[] = [];
  const all: Mention[] = facts.flatMap((f) => f.mentions);
  all.forEach((m, order) => {
    // A former holder ("the former defence minister") is not who "the minister" means now.
    if (m.type === 'entity' && m.entry?.kind === 'PERSON' && m.title && !FORMER.test(m.role ?? '')) titled.push({ m, order });
  });
  const resolved = new Map<Mention, Entry | null>();
  all.forEach((m, order) => {
    if (m.type !== 'title' || !m.title) return;
    const fits = titled.filter(({ m: t }) => {
      const samePost = m.position && t.position && m.position.id === t.position.id;
      const sameCountry = m.title!.label === 'counterpart'
        ? m.titleCountry?.id === t.titleCountry?.id
        : !m.titleCountry || !t.titleCountry || m.titleCountry.id === t.titleCountry.id;
      return (samePost || labelFits(m.title!.label, t.title!.label)) && sameCountry;
    });
    // The same post in the graph is the surest match; then the nearest before, else the first after.
    const samePost = fits.filter(({ m: t }) => m.position && t.position?.id === m.position.id);
    const pool = samePost.length > 0 ? samePost : fits;
    const before = pool.filter((t) => t.order < order).at(-1);
    const after = pool.find((t) => t.order > order);
    resolved.set(m, (before ?? after)?.m.entry ?? null);
  });

  return {
    published: day,
    paragraphs: facts,
    gazetteer,
    personOf(m) {
      if (m.type === 'entity') return m.entry?.kind === 'PERSON' ? m.entry : null;
      return resolved.get(m) ?? null;
    },
  };
}
