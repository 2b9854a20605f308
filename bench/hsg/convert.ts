/**
 * `npx tsx bench/hsg/convert.ts DATASET_DIR > hsg.ndjson`: the US Office of the Historian's
 * records of diplomatic travel (president and secretary trips abroad, foreign leaders' visits to
 * the United States) as import records, named the way the records name people: trips by the
 * traveler's full name (with the historian's person id as externalId), the people met taken
 * from the remarks after a title ("Met with President Heuss and Chancellor Adenauer" gives
 * "Heuss" and "Adenauer"), visitors by the name after their title. It is the resolution test
 * the records make: the same people under full names, surnames alone and other spellings.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx bench/hsg/convert.ts DATASET_DIR\n');
  process.exit(2);
}

const TITLES = [
  'President', 'Vice President', 'Prime Minister', 'Chancellor', 'Premier', 'King', 'Queen', 'Emperor', 'Empress',
  'Shah', 'Pope', 'Sultan', 'Emir', 'Amir', 'Crown Prince', 'Prince', 'Princess', 'Grand Duke', 'Grand Duchess',
  'General', 'Generalissimo', 'Marshal', 'Chairman', 'General Secretary', 'Secretary General', 'Foreign Minister',
  'Minister', 'Governor', 'Governor General', 'Acting President', 'President-elect', 'Prime Minister-designate',
];
const TITLE_PATTERN = TITLES.sort((a, b) => b.length - a.length).join('|');
/** A title, then one to four capitalised words (initials and particles allowed between them). */
const MET_PATTERN = new RegExp(`\\b(?:${TITLE_PATTERN})\\s+((?:(?:[A-Z][\\p{L}'’.-]*|al-[A-Z][\\p{L}'’-]*|bin|ibn|de|von|van|da|del|la|el-[A-Z][\\p{L}'’-]*)\\s?){1,5})`, 'gu');
/** Capitalised words that follow a title without being a name. */
const NOT_NAMES = new Set(['of', 'and', 'the', 'The', 'Minister', 'Ministers', 'Foreign', 'Prime', 'President', 'Secretary', 'Council', 'General', 'Conference', 'Summit', 'Heads', 'Government', 'State', 'During', 'In', 'At', 'On', 'Assembly', 'Congress', 'Cabinet', 'Nations', 'United', 'House', 'Senate', 'Staff', 'Embassy', 'Parliament', 'National']);

function text(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m?.[1]?.replace(/\s+/g, ' ').trim().replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"');
}

function attr(xml: string, tag: string, name: string): string | undefined {
  return new RegExp(`<${tag}\\s[^>]*${name}="([^"]*)"`).exec(xml)?.[1];
}

/** The people a remark names after a title, as written (often a surname alone). */
export function peopleIn(remarks: string): string[] {
  const names = new Set<string>();
  for (const m of remarks.matchAll(MET_PATTERN)) {
    const words = m[1]!.trim().replace(/[.,;]+$/, '').split(/\s+/);
    while (words.length > 0 && NOT_NAMES.has(words[0]!)) words.shift();
    const cut = words.findIndex((w) => NOT_NAMES.has(w));
    const name = (cut >= 0 ? words.slice(0, cut) : words).join(' ').replace(/[.,;]+$/, '');
    if (/^\p{Lu}/u.test(name) && /\p{L}{3}/u.test(name) && !/^(?:[A-Z]\.?\s*)+$/.test(name)) names.add(name);
  }
  return [...names];
}

const records: unknown[] = [];
const source = (title: string, url: string) => ({ title, publisher: 'US Department of State, Office of the Historian', url, language: 'en' });

for (const group of ['president-travels', 'secretary-travels']) {
  const folder = path.join(dir, 'travels', group);
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.xml')).sort()) {
    const xml = readFileSync(path.join(folder, file), 'utf8');
    for (const trip of xml.match(/<trip\b[\s\S]*?<\/trip>/g) ?? []) {
      const who = attr(trip, 'trip', 'who');
      const role = attr(trip, 'trip', 'role') ?? 'secretary';
      const name = text(trip, 'name');
      const date = text(trip, 'start-date');
      const country = text(trip, 'country');
      if (!who || !name || !date || !country || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
      const met = peopleIn(text(trip, 'remarks') ?? '');
      records.push({ visit: {
        traveler: { name, kind: 'PERSON', externalId: `hsg:${who}` },
        host: { name: country, kind: 'COUNTRY' },
        date,
        purpose: text(trip, 'remarks')?.slice(0, 200),
        meetings: met.length > 0 ? [{ with: met.map((m) => ({ name: m, kind: 'PERSON' })), date }] : undefined,
        source: source(`Travels of the ${role === 'president' ? 'President' : 'Secretary of State'}: ${name}`, `https://history.state.gov/departmenthistory/travels/${role}/${who}`),
        certainty: 'STATED',
      } });
    }
  }
}

const visitsDir = path.join(dir, 'visits', 'data');
for (const file of readdirSync(visitsDir).filter((f) => f.endsWith('.xml')).sort()) {
  const xml = readFileSync(path.join(visitsDir, file), 'utf8');
  for (const visit of xml.match(/<visit>[\s\S]*?<\/visit>/g) ?? []) {
    const date = text(visit, 'start-date');
    const visitor = text(visit, 'visitor');
    const from = text(visit, 'from');
    if (!date || !visitor || !from || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    // "President Montt", "Prime Minister Nehru and Mrs. Gandhi": the first person named after a title.
    const name = peopleIn(visitor)[0] ?? visitor.replace(/^(?:Mr|Mrs|Dr)\.?\s+/, '').split(/,| and /)[0]!.trim();
    if (!/\p{L}{3}/u.test(name)) continue;
    const met = peopleIn(text(visit, 'description') ?? '').filter((m) => m !== name);
    records.push({ visit: {
      traveler: { name, kind: 'PERSON' },
      host: { name: 'United States', kind: 'COUNTRY' },
      date,
      meetings: met.length > 0 ? [{ with: met.map((m) => ({ name: m, kind: 'PERSON' })), date }] : undefined,
      source: source(`Visits by Foreign Leaders: ${date.slice(0, 4)}`, `https://history.state.gov/departmenthistory/visits/${date.slice(0, 4)}`),
      certainty: 'STATED',
    } });
  }
}

for (const record of records) process.stdout.write(`${JSON.stringify(record)}\n`);
process.stderr.write(`${records.length} records\n`);
