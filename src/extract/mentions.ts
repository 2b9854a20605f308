/**
 * Finds who and what a paragraph names: gazetteer names (graph and built-in geography), and
 * people introduced by a title ("وزير الخارجية الروسي سيرغي لافروف", "Russian Foreign Minister
 * Sergei Lavrov"), who become new entities when the graph does not know them. A title with no
 * name after it ("the Algerian president", "الوزير الأميركي") is kept as a title mention and
 * later pointed at the person the article gave that title to.
 */
import { entityId } from '../graph/ids.js';
import { normalizeName } from '../graph/normalize.js';
import { isDateWord } from './dates.js';
import type { Entry, Gazetteer } from './gazetteer.js';
import {
  ARABIC_STOP_WORDS,
  ENGLISH_NOT_NAMES,
  MAX_TITLE_WORDS,
  NAME_PARTICLES,
  SAY_WORDS,
  TITLE_MODIFIERS,
  TITLES,
  TRIGGER_WORDS,
  type TitleInfo,
} from './lexicon.js';
import { cliticVariants, type Unit } from './text.js';

export interface Mention {
  /** 'entity': a gazetteer or new entity; 'title': a title whose person is found later. */
  type: 'entity' | 'title';
  paragraph: number;
  /** First and last unit (paragraph-level unit indexes). */
  from: number;
  to: number;
  entry: Entry | null;
  /** The title as written, when the mention came with one. */
  role: string | null;
  title: TitleInfo | null;
  /** The country the title belongs to ("Algerian President" → Algeria). */
  titleCountry: Entry | null;
  /** The post entity the title matched in the graph, if any. */
  position: Entry | null;
  /** Where the name itself (without the title) starts. */
  nameFrom: number;
  /** What the name matched, for the reason given to the reviewer. */
  matched: string;
  /** Other entities of the same kind answering to the same name (the reviewer should know). */
  others?: string[];
}

/** Arabic verbs that often follow a title in place of a name. */
const ARABIC_VERBS = new Set(['أجرى', 'أجرت', 'يجري', 'تجري', 'قام', 'قامت', 'يقوم', 'تقوم', 'عقد', 'عقدت', 'يعقد', 'شارك', 'شاركت', 'دعا', 'دعت', 'أشار', 'أشارت', 'أبرز', 'عبر', 'أعرب', 'أعربت', 'سيواصل', 'يواصل', 'اعتبر', 'يزرون', 'بدأ', 'بدأت', 'يبدأ', 'تبدأ', 'اختتم', 'اختتمت', 'وقع', 'وقعت', 'وضع', 'نقل', 'هنأ', 'سلم'].map(normalizeName));

const ARABIC = /[\u0600-\u06FF]/;
const TITLE_FIRST_WORDS = new Set([...TITLES.keys()].map((k) => k.split(' ')[0]!));

interface TitleHit {
  info: TitleInfo;
  position: Entry | null;
  to: number;
}

export class MentionScanner {
  constructor(private readonly gazetteer: Gazetteer) {}

  private titleAt(units: Unit[], i: number): TitleHit | null {
    const first = units[i];
    if (!first) return null;
    let best: TitleHit | null = null;
    const titleStart = cliticVariants(first.norm).some((v) => TITLE_FIRST_WORDS.has(v));
    const positionMatch = this.gazetteer.match(units, i, (e) => e.kind === 'POSITION');
    for (let len = titleStart ? Math.min(MAX_TITLE_WORDS, units.length - i) : 0; len >= 1 && !best; len -= 1) {
      const rest = units.slice(i + 1, i + len);
      if (rest.some((u) => u.sentence !== first.sentence || /[،,;؛:()"«»“”]/.test(u.gap))) continue;
      for (const variant of cliticVariants(first.norm)) {
        const info = TITLES.get([variant, ...rest.map((u) => u.norm)].join(' '));
        if (info) {
          best = { info, position: null, to: i + len - 1 };
          break;
        }
      }
    }
    if (positionMatch && (!best || positionMatch.to >= best.to)) {
      const info = best?.info ?? { label: positionMatch.entries[0]!.name };
      return { info, position: positionMatch.entries[0]!, to: positionMatch.to };
    }
    return best;
  }

  /** A country adjective at i ("Algerian", "الجزائري", "Algeria's"), with its last unit. */
  private adjectiveAt(units: Unit[], i: number): { country: Entry; to: number } | null {
    const u = units[i];
    if (!u) return null;
    const country = this.gazetteer.adjectives.get(u.norm);
    if (country && !(u.norm === 'us' && u.raw !== 'US' && u.raw !== 'U')) return { country, to: u.raw === 'U' ? i + 1 : i };
    // "Algeria's": the country's name and a possessive s.
    const named = this.gazetteer.match(units, i, (e) => e.kind === 'COUNTRY');
    if (named && units[named.to + 1]?.norm === 's' && units[named.to + 1]!.gap.match(/['’]/)) return { country: named.entries[0]!, to: named.to + 1 };
    return null;
  }

  private isStop(u: Unit): boolean {
    if (isDateWord(u.norm) || TRIGGER_WORDS.has(u.norm) || SAY_WORDS.has(u.norm)) return true;
    if (ARABIC.test(u.raw)) return ARABIC_STOP_WORDS.has(u.norm) || ARABIC_VERBS.has(u.norm) || cliticVariants(u.norm).some((v) => TRIGGER_WORDS.has(v) && v !== u.norm && v.length > 3);
    return ENGLISH_NOT_NAMES.has(u.norm);
  }

  /** A name nobody knows yet, read after a title: Arabic words up to a stop, or capitalized English words. */
  private newNameAt(units: Unit[], i: number, single: boolean): number | null {
    const first = units[i];
    if (!first || this.isStop(first)) return null;
    const arabic = ARABIC.test(first.raw);
    let end = i - 1;
    let words = 0;
    for (let k = i; k < units.length; k += 1) {
      const u = units[k]!;
      if (k > i && (/[،,;؛:()"«»“”.]/.test(u.gap) || u.sentence !== first.sentence)) break;
      if (arabic !== ARABIC.test(u.raw)) break;
      const particle = NAME_PARTICLES.has(u.norm);
      if (arabic) {
        if (this.isStop(u) && !particle) break;
        if (k > i && (this.titleAt(units, k) || this.gazetteer.match(units, k, (e) => e.kind !== 'PERSON'))) break;
        if (words >= 2 && u.norm.startsWith('و')) break;
        if (this.gazetteer.adjectives.has(u.norm) && k > i) break;
        end = k;
        if (!particle) words += 1;
        if (words >= 3 && !NAME_PARTICLES.has(units[k + 1]?.norm ?? '')) break;
      } else {
        const capital = /^\p{Lu}/u.test(u.raw);
        if (!capital && !(particle && /^\p{Lu}/u.test(units[k + 1]?.raw ?? ''))) break;
        if (capital && (this.isStop(u) || isDateWord(u.norm))) break;
        if (k > i && this.gazetteer.match(units, k, (e) => e.kind !== 'PERSON')) break;
        end = k;
        if (!particle) words += 1;
        if (words >= 4) break;
      }
    }
    if (end < i) return null;
    // A new Arabic name needs two words unless the title takes a single name (a king, a pope).
    if (arabic && words < 2 && !single) return null;
    return end;
  }

  /** The mentions of one paragraph. New people are added to the gazetteer as they are met. */
  scan(units: Unit[], paragraph: number): Mention[] {
    const mentions: Mention[] = [];
    let i = 0;
    while (i < units.length) {
      const m = this.mentionAt(units, i, paragraph);
      if (m) {
        mentions.push(m);
        i = m.to + 1;
      } else i += 1;
    }
    return mentions;
  }

  private mentionAt(units: Unit[], i: number, paragraph: number): Mention | null {
    // English order: country adjective, then title ("Russian Foreign Minister ...").
    let start = i;
    let titleCountry: Entry | null = null;
    const adjective = this.adjectiveAt(units, i);
    if (adjective && !ARABIC.test(units[i]!.raw) && this.titleAt(units, adjective.to + 1)) {
      titleCountry = adjective.country;
      i = adjective.to + 1;
    }
    let title = this.titleAt(units, i);
    if (title) {
      let k = title.to + 1;
      const roles: string[] = [];
      let info = title.info;
      let position = title.position;
      // Arabic order: title, then country adjective and modifiers, then perhaps a rank, then the name
      // ("ولي العهد السعودي الأمير محمد بن سلمان", "رئيس أركان الجيش الفريق سعيد شنقريحة").
      for (let round = 0; round < 3; round += 1) {
        const adj = this.adjectiveAt(units, k);
        if (adj && ARABIC.test(units[k]!.raw)) {
          titleCountry ??= adj.country;
          k = adj.to + 1;
          continue;
        }
        if (TITLE_MODIFIERS.has(units[k]?.norm ?? '') && !/[،,]/.test(units[k]!.gap)) {
          k += 1;
          continue;
        }
        const again = this.titleAt(units, k);
        if (again && !/[،,]/.test(units[k]!.gap)) {
          if (!again.info.rank && !info.rank) info = again.info;
          if (again.position) position ??= again.position;
          k = again.to + 1;
          continue;
        }
        break;
      }
      roles.push(units.slice(start, k).map((u) => u.raw).join(' '));
      const role = roles.join(' ');
      const nameAt = k;
      const gapOk = nameAt < units.length && !/[،,;؛:()"«»“”.]/.test(units[nameAt]!.gap);
      let known = gapOk ? this.gazetteer.match(units, nameAt, (e) => e.kind === 'PERSON') : null;
      // "سلمان بن عبد العزيز" is not "Salman" of another name: a name that goes on is read whole.
      if (known && NAME_PARTICLES.has(units[known.to + 1]?.norm ?? '') && !/[،,.]/.test(units[known.to + 1]!.gap)) known = null;
      if (known) {
        return { type: 'entity', paragraph, from: start, to: known.to, entry: known.entries[0]!, role, title: info, titleCountry, position, nameFrom: nameAt, matched: known.text };
      }
      const single = ['King', 'Pope', 'Emir', 'Sultan', 'Prince', 'President', 'counterpart'].includes(info.label) || Boolean(title.info.rank);
      const end = gapOk ? this.newNameAt(units, nameAt, single) : null;
      if (end !== null) {
        const entry = this.newPerson(units.slice(nameAt, end + 1), role);
        return { type: 'entity', paragraph, from: start, to: end, entry, role, title: info, titleCountry, position, nameFrom: nameAt, matched: units.slice(nameAt, end + 1).map((u) => u.raw).join(' ') };
      }
      // "نظيره الفرنسي" (his French counterpart) points at the French person already named.
      if (info.rank && !position && !(info.label === 'counterpart' && titleCountry)) return null;
      return { type: 'title', paragraph, from: start, to: k - 1, entry: null, role, title: info, titleCountry, position, nameFrom: k, matched: role };
    }
    i = start;
    const hit = this.gazetteer.match(units, i, (e) => e.kind !== 'POSITION');
    if (hit) {
      const others = hit.entries.slice(1).filter((e) => e.kind === hit.entries[0]!.kind).map((e) => e.id);
      return { type: 'entity', paragraph, from: i, to: hit.to, entry: hit.entries[0]!, role: null, title: null, titleCountry: null, position: null, nameFrom: i, matched: hit.text, ...(others.length > 0 ? { others } : {}) };
    }
    return null;
  }

  private newPerson(words: Unit[], role: string): Entry {
    const text = words.map((u) => u.raw).join(' ');
    const arabic = ARABIC.test(text);
    const key = normalizeName(text);
    const existing = this.gazetteer.find('PERSON', text);
    if (existing) return existing;
    // Another spelling of a known person whose surname the graph has ("الفريق السعيد شنقريحة"
    // for سعيد شنقريحة): the surname alone must name exactly one person.
    const last = words.at(-1)!;
    const patronymic = words.some((u) => ['bin', 'ibn', 'بن', 'ابن'].includes(u.norm));
    const bySurname = words.length > 1 && !patronymic ? this.gazetteer.peopleNamed(last.norm).filter((e) => e.inGraph) : [];
    if (bySurname.length === 1) return bySurname[0]!;
    const entry: Entry = {
      id: entityId('PERSON', text),
      kind: 'PERSON',
      name: text,
      nameAr: arabic ? text : null,
      country: null,
      inGraph: false,
      origin: `"${text}" follows the title "${role}"`,
    };
    const names = [text];
    // Chinese order puts the family name first ("Xi Jinping" is "Xi" later on).
    if (words.length >= 2 && words[0]!.norm.length <= 2) names.push(words[0]!.raw);
    // Later mentions by surname alone ("Blinken", "لافروف") point to the same person.
    // A patronymic ("Mohammed bin Salman") is never shortened to its last word.
    const surname = patronymic ? undefined : words.filter((u) => !NAME_PARTICLES.has(u.norm)).at(-1)?.raw;
    if (surname && words.length > 1 && normalizeName(surname) !== key && !this.gazetteer.has(normalizeName(surname))) names.push(surname);
    this.gazetteer.add(entry, names);
    return entry;
  }
}
