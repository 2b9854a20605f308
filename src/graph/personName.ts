/**
 * People's names as a reader compares them: a given name and a surname, with middle names,
 * initials, honorifics and particles (al-, el-, bin, de...) set aside, and the spellings that
 * transliteration scatters (Dmitri/Dmitry/Dmitriy, Sergei/Sergey, Mohamed/Muhammad,
 * Boumediene/Boumedienne) folded to one key. Stored on Person nodes as `personKeys` and
 * `surnameKey` (internal), so that resolution can find "Antony J. Blinken" for "Antony Blinken"
 * and "Putin" for "Vladimir Putin".
 */
import { normalizeName } from './normalize.js';

/** Articles and kinship words that do not tell two people apart ("al-Maliki" is "Maliki"). */
const PARTICLES = new Set(['al', 'el', 'ad', 'ed', 'as', 'es', 'ash', 'at', 'ar', 'an', 'az', 'de', 'da', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'bin', 'ben', 'ibn', 'bint', 'ould', 'ag']);
/** Titles that sources put before a name (only before it: "Mackenzie King" is a surname King). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sir', 'dame', 'lord', 'king', 'queen', 'crown', 'prince', 'princess', 'emir', 'sheikh', 'shaikh', 'sultan', 'president', 'premier', 'prime', 'minister', 'chancellor', 'general', 'gen', 'marshal', 'colonel', 'col', 'admiral', 'pope']);
/** Titles after which one word is a given name, not a surname: "King Abdullah", "Prince Sihanouk". */
const GIVEN_NAME_TITLES = new Set(['king', 'queen', 'crown', 'prince', 'princess', 'emir', 'sheikh', 'shaikh', 'sultan', 'pope']);
/** "Jr" and "Sr" tell a son from his father of the same name. */
const GENERATIONS = new Set(['jr', 'sr']);
/** A regnal number after a name ("Charles III", "John Paul II", "Mohammed VI") is part of the name. */
const REGNAL = /^(?:ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)$/;
/** Inside a name ("Abdullah II ibn Al Hussein") only numbers that cannot be an initial (V, X) count. */
const REGNAL_INSIDE = /^(?:ii|iii|iv|vi|vii|viii|ix|xi|xii)$/;
/** Known equivalent given names, folded to one spelling before the generic fold. */
const GIVEN_EQUIVALENTS: Record<string, string> = {
  dmitri: 'dmitri', dmitry: 'dmitri', dmitriy: 'dmitri', dimitri: 'dmitri', dimitry: 'dmitri', dimitriy: 'dmitri',
  sergei: 'sergei', sergey: 'sergei', sergej: 'sergei',
  mohamed: 'muhammad', mohammed: 'muhammad', muhammad: 'muhammad', mohammad: 'muhammad', muhammed: 'muhammad', mohamad: 'muhammad',
  abdel: 'abd', abdul: 'abd', abd: 'abd',
  anthony: 'antony',
};

/** A fold for spellings of one sound: ou/u, y/i, ph/f, kh/k, q/k, ck/k, doubled letters. */
function soundFold(token: string): string {
  return token
    .replace(/ou/g, 'u').replace(/y/g, 'i').replace(/ph/g, 'f').replace(/kh/g, 'k').replace(/th/g, 't')
    .replace(/ck/g, 'k').replace(/q/g, 'k').replace(/dj/g, 'j')
    .replace(/(.)\1+/g, '$1');
}

/**
 * Given names whose consonant skeleton is another name's, kept whole: Mahmoud (m-h-m-d) is not
 * Muhammad, so "Mahmood Ali" (Bangladesh, 2016) is not "Mohamed Irfaan Ali" (Guyana).
 */
const DISTINCT_GIVEN: Record<string, string> = { mahmoud: 'mahmud', mahmood: 'mahmud', mahmud: 'mahmud', mahmut: 'mahmud' };

/** A given name's key: the equivalents table, then its consonant skeleton (Abdelmalik = Abdelmalek). */
export function givenKey(token: string): string {
  const distinct = DISTINCT_GIVEN[token];
  if (distinct) return distinct;
  let t = token;
  // "Abdelaziz" and "Abd al-Aziz" are one name: a joined Abdel- prefix is split off first.
  const joined = /^(abdel|abdul|abdal)(.{3,})$/.exec(t);
  if (joined) t = `abd${joined[2]}`;
  t = GIVEN_EQUIVALENTS[t] ?? t;
  const folded = soundFold(t);
  return folded[0] + folded.slice(1).replace(/[aeiou]/g, '');
}

export function surnameKeyOf(token: string): string {
  return soundFold(token);
}

export interface PersonName {
  given: string | null;
  middles: string[];
  surname: string;
  /** "jr" or "sr" where the name says so. */
  generation: string | null;
}

/** The parts of a Latin-script person name, or null when it has no Latin letters to compare. */
export function parsePersonName(name: string): PersonName | null {
  const tokens = normalizeName(name).split(' ').filter((t) => /^[a-z]+$/.test(t));
  const generation = tokens.find((t) => GENERATIONS.has(t)) ?? null;
  let start = 0;
  while (start < tokens.length - 1 && TITLES.has(tokens[start]!)) start += 1;
  const titles = tokens.slice(0, start);
  const words = tokens.slice(start).filter((t) => !GENERATIONS.has(t));
  // A monarch or pope is named by a given name and a number, not by a surname: "Hassan II" is
  // no bare surname, and neither "Hassan II" nor "Charles III" is a Hassan or a Charles.
  // The number ends the name; what follows it ("ibn Al Hussein") is a patronymic.
  const at = words.findIndex((t, i) => i > 0 && (i === words.length - 1 ? REGNAL : REGNAL_INSIDE).test(t));
  const regnal = at > 0 ? words[at]! : null;
  if (regnal) {
    const named = words.slice(0, at).filter((t) => !PARTICLES.has(t));
    if (named.length === 0) return null;
    const last = named[named.length - 1]!;
    return { given: named[0]!, middles: named.slice(1, -1), surname: `${givenKey(last)}${regnal}`, generation: null };
  }
  // "Abd al-Aziz" joins into one given name before particles are dropped.
  const joined: string[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (words[i] === 'abd' && (words[i + 1] === 'al' || words[i + 1] === 'el') && words[i + 2]) {
      joined.push(`abd${words[i + 2]}`);
      i += 2;
    } else joined.push(words[i]!);
  }
  const parts = joined.filter((t) => !PARTICLES.has(t));
  if (parts.length === 0) return null;
  // "King Abdullah" names someone by a given name: no rule can tell which Abdullah, nor take
  // the word for a surname (it is no Saifuddin Abdullah). Such a name joins by itself or an alias only.
  if (parts.length === 1 && titles.some((t) => GIVEN_NAME_TITLES.has(t))) return null;
  const surname = parts[parts.length - 1]!;
  if (parts.length === 1) return { given: null, middles: [], surname, generation };
  return { given: parts[0]!, middles: parts.slice(1, -1), surname, generation };
}

/** "given surname" keys of a person's names: what "name-variant" compares. */
export function personKeys(names: string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const parsed = parsePersonName(name);
    if (parsed?.given) keys.add(`${givenKey(parsed.given)} ${surnameKeyOf(parsed.surname)}`);
  }
  return [...keys];
}

/** The surname key of a person's main name (what "Putin" alone is compared with). */
export function surnameKey(name: string): string | null {
  const parsed = parsePersonName(name);
  return parsed ? surnameKeyOf(parsed.surname) : null;
}

/** The keys a Person node stores for its names (`personKeys`, `surnameKey`): what writers and repairs both set. */
export function personNameKeys(name: string, aliases: readonly string[] = []): { personKeys: string[]; surnameKey: string | null } {
  return { personKeys: personKeys([name, ...aliases]), surnameKey: surnameKey(name) };
}

/** True when the name is a surname alone ("Putin", "al-Assad"). */
export function isBareSurname(name: string): boolean {
  const parsed = parsePersonName(name);
  return parsed !== null && parsed.given === null;
}

/**
 * Middle names and initials agree when one side has none, or when each of the shorter list
 * matches the other's in order by initial: "George W. Bush" and "George H. W. Bush" do not.
 */
export function middlesAgree(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  if (a.length !== b.length) return false;
  return a.every((m, i) => {
    const n = b[i]!;
    return m.length === 1 || n.length === 1 ? m[0] === n[0] : givenKey(m) === givenKey(n);
  });
}

/** Damerau distance 1 (one substitution, insertion, deletion or swap of neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const restA = a.slice(i);
  const restB = b.slice(i);
  if (a.length === b.length) {
    if (restA.slice(1) === restB.slice(1)) return true;
    return restA.length >= 2 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2);
  }
  return a.length > b.length ? restA.slice(1) === restB : restB.slice(1) === restA;
}
