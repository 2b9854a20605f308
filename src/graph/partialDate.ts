/** Dates with their precision: "1795", "2006-02", "2020-10-01". */

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type Precision = 'year' | 'month' | 'day';

export interface ParsedDate {
  year: number;
  month?: number;
  day?: number;
  precision: Precision;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The parsed date, or a sentence saying what is wrong with it. */
export function parsePartialDate(value: string): ParsedDate | string {
  const match = PATTERN.exec(value);
  if (!match) return `"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(match[1]);
  if (match[2] === undefined) return { year, precision: 'year' };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return `"${value}" has no month ${match[2]}: months run 01 to 12`;
  if (match[3] === undefined) return { year, month, precision: 'month' };
  const day = Number(match[3]);
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return `"${value}" does not exist: ${match[1]}-${match[2]} has ${last} days`;
  return { year, month, day, precision: 'day' };
}

export function isPartialDate(value: string): boolean {
  return typeof parsePartialDate(value) !== 'string';
}

/** The first day a partial date covers, as YYYY-MM-DD ("2006-02" → "2006-02-01"). */
export function startOf(value: string): string {
  const parsed = parsePartialDate(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  const mm = String(parsed.month ?? 1).padStart(2, '0');
  const dd = String(parsed.day ?? 1).padStart(2, '0');
  return `${String(parsed.year).padStart(4, '0')}-${mm}-${dd}`;
}

/** The last day a partial date covers ("2006-02" → "2006-02-28", "1795" → "1795-12-31"). */
export function endOf(value: string): string {
  const parsed = parsePartialDate(value);
  if (typeof parsed === 'string') throw new Error(parsed);
  const month = parsed.month ?? 12;
  const day = parsed.day ?? daysInMonth(parsed.year, month);
  return `${String(parsed.year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
