/**
 * The text as provenance counts it: paragraphs are the non-empty lines, numbered from 0 (the
 * title), and every word is a unit with its place in its paragraph, so that evidence can be
 * given as character spans and names matched after the same folding as the graph's names.
 */
import { normalizeName } from '../graph/normalize.js';

export interface Paragraph {
  index: number;
  text: string;
  /** Where the paragraph starts in the whole text (after its leading blanks). */
  offset: number;
}

export interface Unit {
  paragraph: number;
  /** Character span in the paragraph. */
  start: number;
  end: number;
  raw: string;
  /** normalizeName(raw), the form names are compared in. */
  norm: string;
  /** Index of the sentence within the paragraph. */
  sentence: number;
  /** Index of the clause: sentences are cut further at commas, colons, brackets and quotes. */
  clause: number;
  /** The text between the previous word and this one. */
  gap: string;
}

export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed) paragraphs.push({ index: paragraphs.length, text: line.slice(lead).trimEnd(), offset: offset + lead });
    offset += line.length + 1;
  }
  return paragraphs;
}

/** Which script dominates: 'ar' when Arabic letters outnumber Latin ones. */
export function detectLanguage(text: string): 'ar' | 'en' {
  const sample = text.slice(0, 20_000);
  const arabic = sample.match(/[\u0600-\u06FF]/g)?.length ?? 0;
  const latin = sample.match(/[A-Za-z]/g)?.length ?? 0;
  return arabic > latin ? 'ar' : 'en';
}

// A sentence ends at . ! ? ؟ before a space, except after initials and short titles ("U.S.",
// "Mark T. Esper", "Lt. Gen.").
const STOP_MARK = /[.!?؟](?=\s|$)/g;
const NOT_AN_END = /(?:\b[A-Z]\.[A-Z]|\b[A-Z]|\b(?:Lt|Gen|Col|Mr|Mrs|Ms|Dr|St|Sen|Rep|Maj|Adm|No|Jan|Feb|Aug|Sept?|Oct|Nov|Dec))$/;

function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(STOP_MARK)) {
    if (m[0] === '.' && NOT_AN_END.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
    ends.push(m.index);
  }
  return ends;
}

/** The words of a paragraph, each with its span and sentence number. */
export function unitsOf(paragraph: Paragraph): Unit[] {
  const ends = sentenceEnds(paragraph.text);
  const units: Unit[] = [];
  let sentence = 0;
  let clause = 0;
  let previousEnd = 0;
  for (const m of paragraph.text.matchAll(/[\p{L}\p{N}\p{M}\p{Cf}]+/gu)) {
    let newSentence = false;
    while (sentence < ends.length && ends[sentence]! < m.index) {
      sentence += 1;
      newSentence = true;
    }
    const gap = paragraph.text.slice(previousEnd, m.index);
    if (newSentence || /[،,;؛:()"«»“”\[\]]/.test(gap)) clause += 1;
    previousEnd = m.index + m[0].length;
    const norm = normalizeName(m[0]);
    if (!norm) continue;
    // A word that folds to several ("U.S" is one word here) gives one unit per folded word.
    norm.split(' ').forEach((part, k) => {
      units.push({ paragraph: paragraph.index, start: m.index, end: m.index + m[0].length, raw: m[0], norm: part, sentence, clause, gap: k === 0 ? gap : '' });
    });
  }
  return units;
}

const ARABIC = /[\u0600-\u06FF]/;

/**
 * The forms an Arabic word may stand for once its one-letter clitics are taken off: و / ف
 * (and), then ب / ل / ك (in, to, like), with لل → ال ("للجزائر" is "ل" + "الجزائر").
 * The word itself comes first, so that a name beginning with one of those letters still wins.
 */
const variantCache = new Map<string, string[]>();

export function cliticVariants(norm: string): string[] {
  let cached = variantCache.get(norm);
  if (!cached) {
    cached = variantsOf(norm);
    if (variantCache.size > 50_000) variantCache.clear();
    variantCache.set(norm, cached);
  }
  return cached;
}

function variantsOf(norm: string): string[] {
  if (!ARABIC.test(norm)) return [norm];
  const out = [norm];
  const push = (v: string) => {
    if (v.length >= 2 && !out.includes(v)) out.push(v);
  };
  const bases = [norm];
  if (/^[وف]/.test(norm) && norm.length > 3) bases.push(norm.slice(1));
  for (const base of bases) {
    push(base);
    if (base.startsWith('لل') && base.length > 3) push(`ال${base.slice(2)}`);
    else if (/^[بلك]/.test(base) && base.length > 3) push(base.slice(1));
  }
  return out;
}
