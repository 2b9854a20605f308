/**
 * What text the graph accepts. Every string of a recorded visit or relation passes here before
 * anything is resolved or written (src/graphql/inputs.ts, for the mutations and the importer):
 *   - lengths are capped (a name is a name, not a document; the name index has a size limit);
 *     the name of a visit, meeting or event may be as long as a title;
 *   - control characters (NUL, ESC and ANSI sequences, DEL, C1) are refused: names end up in
 *     terminals, logs and the explorer;
 *   - invisible format characters are refused (bidi overrides and isolates, which can make a
 *     name read backwards, and zero-width characters, which make two names look the same), with
 *     one exception: the zero-width non-joiner and joiner between two letters of a script that
 *     needs them (Persian "می‌خواهم", Urdu, the Indic scripts).
 * A refusal is BAD_USER_INPUT with the path of the field and what is wrong.
 */
import { invalid } from './errors.js';

/** Most characters (code points) each kind of text may have. */
export const TEXT_LIMITS = {
  name: 200,
  id: 200,
  title: 500,
  url: 2000,
  language: 35,
  /** Free text: purposes, summaries, property values. */
  text: 2000,
} as const;

export type TextKind = keyof typeof TEXT_LIMITS;

const ZWNJ = '\u200C';
const ZWJ = '\u200D';
/** Letters of the scripts whose spelling uses ZWNJ/ZWJ: Arabic (Persian, Urdu...), Syriac, the Indic scripts. */
const JOINING_LETTER = /[\u0600-\u06FF\u0700-\u074F\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC\u0900-\u0DFF]/u;
const CONTROL = /[\p{Cc}]/u;
const FORMAT = /\p{Cf}/gu;

function describe(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Refuses `value` (at `at`) when it breaks a rule above; returns it unchanged otherwise. */
export function checkText(value: string, at: string, kind: TextKind = 'text'): string {
  const limit = TEXT_LIMITS[kind];
  const length = [...value].length;
  if (length > limit) throw invalid(`${at}: at most ${limit} characters (this one has ${length})`, { at, maxLength: limit });
  const control = CONTROL.exec(kind === 'text' ? value.replace(/[\n\t]/g, '') : value);
  if (control) throw invalid(`${at}: control character ${describe(control[0])} is not allowed`, { at });
  for (const match of value.matchAll(FORMAT)) {
    const char = match[0];
    const index = match.index;
    if (char === ZWNJ || char === ZWJ) {
      const before = value.slice(0, index).at(-1) ?? '';
      const after = value.slice(index + 1).charAt(0);
      if (JOINING_LETTER.test(before) && JOINING_LETTER.test(after)) continue;
    }
    throw invalid(`${at}: invisible format character ${describe(char)} (bidi control or zero-width) is not allowed here`, { at });
  }
  return value;
}

/** The kind of text a field of an input holds, by its name. */
const NAME_FIELDS = new Set(['name', 'nameAr', 'aliases', 'publisher', 'tour', 'topics', 'type', 'role', 'labels']);
const ID_FIELDS = new Set(['id', 'externalId', 'externalIds', 'keep', 'merge', 'a', 'b']);

function kindOfField(key: string): TextKind {
  if (NAME_FIELDS.has(key)) return 'name';
  if (ID_FIELDS.has(key)) return 'id';
  if (key === 'title' || key === 'titles') return 'title';
  if (key === 'url') return 'url';
  if (key === 'language') return 'language';
  return 'text';
}

/**
 * Checks every string of a GraphQL input (VisitInput, RelationInput, MeetingInput, EntityInput,
 * the curation mutations' arguments) by its field name, with
 * its path in messages ("visit.meetings[0].with[1].name"). `skip` names fields checked
 * elsewhere (a relation's free-form properties).
 */
export function checkInputText(value: unknown, at: string, key = '', skip: readonly string[] = []): void {
  if (typeof value === 'string') {
    checkText(value, at, kindOfField(key));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkInputText(item, `${at}[${i}]`, key, skip));
  } else if (value && typeof value === 'object') {
    const titled = namedLikeATitle(value as Record<string, unknown>, at);
    for (const [k, v] of Object.entries(value)) {
      if (skip.includes(k)) continue;
      if (titled && (k === 'name' || k === 'nameAr') && typeof v === 'string') checkText(v, `${at}.${k}`, 'title');
      else checkInputText(v, `${at}.${k}`, k, skip);
    }
  }
}

/** Kinds of entity whose name describes something that happened, as long as a title may be. */
const EVENT_KINDS = new Set(['EVENT', 'AGREEMENT', 'STATEMENT', 'SOURCE']);

/**
 * A visit, a meeting, an event, an agreement, a statement or a source is named like a title
 * ("Fourth Quad Foreign Ministers' Meeting hosted by ..."): its name may be as long as a title.
 */
function namedLikeATitle(value: Record<string, unknown>, at: string): boolean {
  if (typeof value.kind === 'string' && EVENT_KINDS.has(value.kind)) return true;
  return at === 'visit' || at === 'meeting' || /\.meetings\[\d+\]$/.test(at);
}
