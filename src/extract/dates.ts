/**
 * Dates as news articles write them, in Arabic and English: explicit dates ("1 October 2020",
 * "October 1, 2020", "الأول من أكتوبر/تشرين الأول 2020", "٣٠ مارس ٢٠٢٢"), both families of
 * Arabic month names and the Maghreb ones, ranges ("25-27 August", "من 13 إلى 15 يونيو"), years
 * ("منذ عام 2006"), and words that need the publication date: weekdays, yesterday, today,
 * tomorrow, "last Thursday". A date read without its year, or from a relative word, is
 * `inferred`; a relative word without a publication date stays `unresolved` and says so.
 */
import { normalizeName } from '../graph/normalize.js';
import { isPartialDate } from '../graph/partialDate.js';
import type { Unit } from './text.js';

export type DateCertainty = 'stated' | 'inferred' | 'unresolved';

export interface FoundDate {
  /** Partial date, or null when it could not be resolved. */
  date: string | null;
  endDate: string | null;
  certainty: DateCertainty;
  /** Index of the first and last unit of the expression (in the paragraph's units). */
  from: number;
  to: number;
  /** Why the date is what it is, for the reviewer. */
  note: string;
  /** True for a bare year ("since 2006"): too coarse to date a visit in the same sentence. */
  yearOnly: boolean;
}

const MONTHS: [string[], number][] = [
  [['january', 'jan', 'يناير', 'كانون الثاني', 'جانفي'], 1],
  [['february', 'feb', 'فبراير', 'شباط', 'فيفري'], 2],
  [['march', 'mar', 'مارس', 'آذار'], 3],
  [['april', 'apr', 'أبريل', 'إبريل', 'نيسان', 'أفريل'], 4],
  [['may', 'مايو', 'أيار', 'ماي'], 5],
  [['june', 'jun', 'يونيو', 'يونيه', 'حزيران', 'جوان'], 6],
  [['july', 'jul', 'يوليو', 'يوليه', 'تموز', 'جويلية'], 7],
  [['august', 'aug', 'أغسطس', 'آب', 'أوت'], 8],
  [['september', 'sep', 'sept', 'سبتمبر', 'أيلول'], 9],
  [['october', 'oct', 'أكتوبر', 'تشرين الأول'], 10],
  [['november', 'nov', 'نوفمبر', 'تشرين الثاني'], 11],
  [['december', 'dec', 'ديسمبر', 'كانون الأول'], 12],
];
const MONTH_WORDS = new Map<string, number>();
for (const [names, n] of MONTHS) for (const name of names) MONTH_WORDS.set(normalizeName(name), n);

const WEEKDAYS: [string[], number][] = [
  [['sunday', 'الأحد'], 0],
  [['monday', 'الاثنين', 'الإثنين'], 1],
  [['tuesday', 'الثلاثاء'], 2],
  [['wednesday', 'الأربعاء'], 3],
  [['thursday', 'الخميس'], 4],
  [['friday', 'الجمعة'], 5],
  [['saturday', 'السبت'], 6],
];
const WEEKDAY_WORDS = new Map<string, number>();
for (const [names, n] of WEEKDAYS) for (const name of names) WEEKDAY_WORDS.set(normalizeName(name), n);

const RELATIVE: [string[], number][] = [
  [['yesterday', 'أمس', 'بالأمس', 'البارحة'], -1],
  [['today', 'اليوم'], 0],
  [['tomorrow', 'غدا', 'غداً'], 1],
];
const RELATIVE_WORDS = new Map<string, number>();
for (const [names, n] of RELATIVE) for (const name of names) RELATIVE_WORDS.set(normalizeName(name), n);
const PAST_WORDS = new Set(['last', 'الماضي', 'الماضية', 'المنصرم'].map(normalizeName));
const NEXT_WORDS = new Set(['next', 'coming', 'المقبل', 'القادم', 'المقبلة', 'القادمة'].map(normalizeName));
const ORDINAL_FIRST = new Set(['الاول', 'first', '1st'].map(normalizeName));
const RANGE_WORDS = new Set(['to', 'until', 'through', 'and', 'إلى', 'الى', 'حتى', 'و'].map(normalizeName));
const YEAR_CUES = new Set(['عام', 'سنة', 'العام', 'in', 'since', 'منذ', 'of', 'في'].map(normalizeName));

/** Words that belong to date expressions (so that a name being read stops at them). */
export function isDateWord(norm: string): boolean {
  return MONTH_WORDS.has(norm) || WEEKDAY_WORDS.has(norm) || RELATIVE_WORDS.has(norm) || /^\d+$/.test(norm);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function dayDate(y: number, m: number, d: number): string | null {
  const value = `${y}-${pad(m)}-${pad(d)}`;
  return isPartialDate(value) ? value : null;
}

/** A month word at i (one or two units, e.g. "تشرين الأول"), with any "/alternative" after it. */
function monthAt(units: Unit[], i: number): { month: number; next: number } | null {
  const two = i + 1 < units.length ? `${units[i]!.norm} ${units[i + 1]!.norm}` : '';
  let month: number | undefined;
  let next = i;
  if (MONTH_WORDS.has(two)) {
    month = MONTH_WORDS.get(two);
    next = i + 2;
  } else if (MONTH_WORDS.has(units[i]?.norm ?? '')) {
    month = MONTH_WORDS.get(units[i]!.norm);
    next = i + 1;
  }
  if (month === undefined) return null;
  // "فبراير/شباط", "أكتوبر/تشرين الأول": the other family's name of the same month.
  const again = monthAt2(units, next);
  if (again && again.month === month) next = again.next;
  return { month, next };
}

function monthAt2(units: Unit[], i: number): { month: number; next: number } | null {
  if (i >= units.length) return null;
  const two = i + 1 < units.length ? `${units[i]!.norm} ${units[i + 1]!.norm}` : '';
  if (MONTH_WORDS.has(two)) return { month: MONTH_WORDS.get(two)!, next: i + 2 };
  if (MONTH_WORDS.has(units[i]!.norm)) return { month: MONTH_WORDS.get(units[i]!.norm)!, next: i + 1 };
  return null;
}

function numberAt(units: Unit[], i: number): number | null {
  const u = units[i];
  if (!u) return null;
  const m = /^(\d{1,4})(?:st|nd|rd|th)?$/.exec(u.norm);
  return m ? Number(m[1]) : null;
}

/** True when unit k is joined to the one before by a dash or slash ("2020-10-01", "25-27"). */
function joined(units: Unit[], k: number): boolean {
  return /^\s?[-–/]\s?$/.test(units[k]?.gap ?? 'x');
}

function isYear(n: number | null): n is number {
  return n !== null && n >= 1000 && n <= 2200;
}
function isDay(n: number | null): n is number {
  return n !== null && n >= 1 && n <= 31;
}

/** The date a weekday or relative word points to, from the publication date. */
function resolveRelative(published: string | null, shift: { days?: number; weekday?: number; direction?: 'past' | 'next' }): string | null {
  if (!published || !/^\d{4}-\d{2}-\d{2}$/.test(published)) return null;
  const base = new Date(`${published}T12:00:00Z`);
  if (shift.days !== undefined) {
    base.setUTCDate(base.getUTCDate() + shift.days);
    return base.toISOString().slice(0, 10);
  }
  if (shift.weekday === undefined) return null;
  const today = base.getUTCDay();
  let delta: number;
  if (shift.direction === 'next') {
    delta = (shift.weekday - today + 7) % 7 || 7;
  } else {
    // News tells of what happened: a bare weekday is the latest such day up to the publication
    // day ("on Thursday" in Friday's paper is the day before), "last Thursday" one before that.
    delta = -((today - shift.weekday + 7) % 7);
    if (shift.direction === 'past' && delta === 0) delta = -7;
  }
  base.setUTCDate(base.getUTCDate() + delta);
  return base.toISOString().slice(0, 10);
}

/**
 * Every date expression among a paragraph's units, in order. `published` is the publication date
 * (a day, or null when unknown): it gives missing years and resolves relative words.
 */
export function findDates(units: Unit[], published: string | null): FoundDate[] {
  const found: FoundDate[] = [];
  const pubYear = published ? Number(published.slice(0, 4)) : null;
  let i = 0;
  while (i < units.length) {
    const hit = dateAt(units, i, published, pubYear);
    if (hit) {
      found.push(hit);
      i = hit.to + 1;
    } else i += 1;
  }
  return found;
}

function dateAt(units: Unit[], i: number, published: string | null, pubYear: number | null): FoundDate | null {
  const u = units[i]!;
  const n = numberAt(units, i);
  const withYear = (y: number | null) => (y !== null ? { year: y, inferred: false } : pubYear !== null ? { year: pubYear, inferred: true } : null);
  const make = (date: string | null, endDate: string | null, to: number, inferredYear: boolean, note: string, yearOnly = false): FoundDate => ({
    date,
    endDate,
    certainty: date === null ? 'unresolved' : inferredYear ? 'inferred' : 'stated',
    from: i,
    to,
    note: date === null ? `${note}; no publication date to resolve it` : inferredYear ? `${note}; year taken from the publication date` : note,
    yearOnly,
  });

  // ISO 2020-10-01 (three number units from one token).
  if (isYear(n) && joined(units, i + 1) && joined(units, i + 2) && !/\s/.test(units[i + 1]!.gap + units[i + 2]!.gap)) {
    const d = dayDate(n, Number(units[i + 1]!.norm), Number(units[i + 2]!.norm));
    if (d) return make(d, null, i + 2, false, 'written as a date');
  }

  // "الأول من أكتوبر", "first of October".
  let day: number | null = isDay(n) ? n : ORDINAL_FIRST.has(u.norm) && ['من', 'of'].includes(units[i + 1]?.norm ?? '') && monthAt(units, i + 2) ? 1 : null;
  let j = day !== null && !isDay(n) ? i + 2 : i + 1;
  if (day !== null) {
    // Day range: "25-27 August", "من 13 إلى 15 يونيو", "13 و15".
    let endDay: number | null = null;
    let k = j;
    if (RANGE_WORDS.has(units[k]?.norm ?? '') && isDay(numberAt(units, k + 1))) {
      endDay = numberAt(units, k + 1);
      k += 2;
    } else if (isDay(numberAt(units, k)) && joined(units, k)) {
      endDay = numberAt(units, k); // "25-27" folded into two units of one token
      k += 1;
    }
    const m = monthAt(units, k);
    if (m) {
      const yearHere = numberAt(units, m.next);
      const y = withYear(isYear(yearHere) ? yearHere : null);
      const to = isYear(yearHere) ? m.next : m.next - 1;
      if (!y) return make(null, null, to, false, 'a day and month without a year');
      const start = dayDate(y.year, m.month, day);
      const end = endDay !== null && endDay > day ? dayDate(y.year, m.month, endDay) : null;
      if (start) return make(start, end, to, y.inferred, endDay ? 'a range of days' : 'a day and month');
    }
    j = i + 1;
  }

  // Month first: "October 1, 2020", "August 25-27, 2022", "February 2006", "فبراير/شباط 2006".
  const m = monthAt(units, i);
  if (m) {
    const next = numberAt(units, m.next);
    if (isDay(next) && !isYear(next)) {
      let k = m.next + 1;
      let endDay: number | null = null;
      if (isDay(numberAt(units, k)) && joined(units, k)) {
        endDay = numberAt(units, k);
        k += 1;
      } else if (RANGE_WORDS.has(units[k]?.norm ?? '') && isDay(numberAt(units, k + 1)) && !isYear(numberAt(units, k + 1))) {
        endDay = numberAt(units, k + 1);
        k += 2;
      }
      const yearHere = numberAt(units, k);
      const y = withYear(isYear(yearHere) ? yearHere : null);
      const to = isYear(yearHere) ? k : k - 1;
      if (!y) return make(null, null, to, false, 'a month and day without a year');
      const start = dayDate(y.year, m.month, next);
      const end = endDay !== null && endDay > next ? dayDate(y.year, m.month, endDay) : null;
      if (start) return make(start, end, to, y.inferred, endDay ? 'a range of days' : 'a month and day');
    }
    if (isYear(next)) return make(`${next}-${pad(m.month)}`, null, m.next, false, 'a month and year');
    return null;
  }

  // A bare year after a cue: "عام 2006", "in 2006", "since 2006".
  if (isYear(n) && i > 0 && YEAR_CUES.has(units[i - 1]!.norm)) return make(String(n), null, i, false, 'a year', true);

  // Relative words: "أمس الخميس", "yesterday", "on Thursday", "الخميس الماضي", "next Monday".
  const rel = RELATIVE_WORDS.get(u.norm);
  const weekday = WEEKDAY_WORDS.get(u.norm);
  if (rel !== undefined) {
    let to = i;
    const wd = WEEKDAY_WORDS.get(units[i + 1]?.norm ?? '');
    if (wd !== undefined) to = i + 1;
    const date = resolveRelative(published, { days: rel });
    let note = `"${u.raw}" counted from the publication date`;
    if (date && wd !== undefined && new Date(`${date}T12:00:00Z`).getUTCDay() !== wd) note += ' (the weekday named does not match it)';
    return make(date, null, to, true, note);
  }
  if (weekday !== undefined) {
    let to = i;
    let direction: 'past' | 'next' | undefined;
    if (PAST_WORDS.has(units[i + 1]?.norm ?? '')) (direction = 'past'), (to = i + 1);
    else if (NEXT_WORDS.has(units[i + 1]?.norm ?? '')) (direction = 'next'), (to = i + 1);
    else if (i > 0 && PAST_WORDS.has(units[i - 1]!.norm)) direction = 'past';
    else if (i > 0 && NEXT_WORDS.has(units[i - 1]!.norm)) direction = 'next';
    const date = resolveRelative(published, { weekday, direction });
    return make(date, null, to, true, `the weekday "${u.raw}" counted back from the publication date`);
  }
  return null;
}
