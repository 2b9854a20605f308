/**
 * The US Office of the Historian's records of diplomatic travel (president and secretary trips
 * abroad, foreign leaders' visits to the United States) as import records, named the way the
 * records name people: trips by the traveler's full name (with the historian's person id as
 * externalId), the people met taken from the remarks after a title ("Met with President Heuss
 * and Chancellor Adenauer" gives "Heuss" and "Adenauer"), visitors by the name after their title.
 * It is the resolution test the records make: the same people under full names, surnames alone
 * and other spellings. What the records say of an office goes with the name: the title as the
 * person's `role` (unless a word before it qualifies it: "Syrian Foreign Minister", "former
 * President", "Deputy Prime Minister"), the US traveler's post, and the visitor's country as the
 * visit's `representing`. A visitor's country takes the name the trips gave the same country id
 * at the nearest date (the historian's "The Gambia" is the trips' "Gambia").
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TITLES = [
  'President', 'Vice President', 'Prime Minister', 'Chancellor', 'Premier', 'King', 'Queen', 'Emperor', 'Empress',
  'Shah', 'Pope', 'Sultan', 'Emir', 'Amir', 'Crown Prince', 'Prince', 'Princess', 'Grand Duke', 'Grand Duchess',
  'General', 'Generalissimo', 'Marshal', 'Chairman', 'General Secretary', 'Secretary General', 'Foreign Minister',
  'Minister', 'Governor', 'Governor General', 'Acting President', 'President-elect', 'Prime Minister-designate',
];
const TITLE_PATTERN = TITLES.sort((a, b) => b.length - a.length).join('|');
/** A title, then one to four capitalised words (initials and particles allowed between them). */
const MET_PATTERN = new RegExp(`\\b(${TITLE_PATTERN})\\s+((?:(?:[A-Z][\\p{L}'’.-]*|al-[A-Z][\\p{L}'’-]*|bin|ibn|de|von|van|da|del|la|el-[A-Z][\\p{L}'’-]*)\\s?){1,5})`, 'gu');
/** Capitalised words that follow a title without being a name. */
const NOT_NAMES = new Set(['of', 'and', 'the', 'The', 'Minister', 'Ministers', 'Foreign', 'Prime', 'President', 'Secretary', 'Council', 'General', 'Conference', 'Summit', 'Heads', 'Government', 'State', 'During', 'In', 'At', 'On', 'Assembly', 'Congress', 'Cabinet', 'Nations', 'United', 'House', 'Senate', 'Staff', 'Embassy', 'Parliament', 'National']);

function text(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m?.[1]?.replace(/\s+/g, ' ').trim().replace(/&amp;/g, '&').replace(/&apos;/g, "'").replace(/&quot;/g, '"');
}

function attr(xml: string, tag: string, name: string): string | undefined {
  return new RegExp(`<${tag}\\s[^>]*${name}="([^"]*)"`).exec(xml)?.[1];
}

/**
 * Words that, written just before a title, make it another office or someone else's: "former
 * President Reagan", "Deputy Prime Minister", "Syrian Foreign Minister", "UN Secretary General",
 * "Israel's Prime Minister". A capitalised word there (a nationality, an organization, "Defense")
 * qualifies the title too, unless a comma or the start of a sentence ends it.
 */
const QUALIFIERS = new Set(['former', 'deputy', 'acting', 'late', 'outgoing', 'incoming', 'interim', 'vice', 'first', 'alternate', 'ex']);

function qualified(before: string): boolean {
  const word = /(\S+)\s*$/.exec(before)?.[1];
  if (!word) return false;
  if (QUALIFIERS.has(word.toLowerCase())) return true;
  // "Met President Johnson", "Accompanied King George": a sentence's first word is no qualifier.
  const sentenceStart = /(?:^|[.;:]\s)\S+\s*$/.test(before);
  return /^\p{Lu}[\p{L}\p{M}.'’-]*$/u.test(word) && !sentenceStart;
}

export interface Named {
  name: string;
  /** The title the record puts before the name, when it names the person's own office. */
  role?: string;
}

/**
 * The people a remark names after a title, as written (often a surname alone), each with that
 * title as its role when nothing before the title qualifies it.
 */
export function peopleIn(remarks: string): Named[] {
  const found = new Map<string, Named>();
  for (const m of remarks.matchAll(MET_PATTERN)) {
    const words = m[2]!.trim().replace(/[.,;]+$/, '').split(/\s+/);
    let shifted = false;
    while (words.length > 0 && NOT_NAMES.has(words[0]!)) {
      words.shift();
      shifted = true;
    }
    // "President Biden's delegation": the name ends at the possessive.
    const possessive = words.findIndex((w) => /['’]s$/.test(w));
    if (possessive >= 0) words.splice(possessive, words.length, words[possessive]!.replace(/['’]s$/, ''));
    const cut = words.findIndex((w) => NOT_NAMES.has(w));
    const name = (cut >= 0 ? words.slice(0, cut) : words).join(' ').replace(/[.,;]+$/, '');
    if (!/^\p{Lu}/u.test(name) || !/\p{L}{3}/u.test(name) || /^(?:[A-Z]\.?\s*)+$/.test(name) || found.has(name)) continue;
    // A title followed by other title words ("President Prime Minister ...") is not this name's.
    const role = shifted || qualified(remarks.slice(0, m.index)) ? undefined : m[1]!;
    found.set(name, role ? { name, role } : { name });
  }
  return [...found.values()];
}

const source = (title: string, url: string) => ({ title, publisher: 'US Department of State, Office of the Historian', url, language: 'en' });

/** The title of the post each collection's travelers held. */
const POSTS: Record<string, string> = { president: 'President', secretary: 'Secretary of State' };

/**
 * The name the trips abroad gave a country id nearest to a date ("Gambia" for a visitor "from"
 * "The Gambia", "U.S.S.R." in 1987 and "Russia" in 1995), so that a visitor's country and the
 * host of a trip are one node whenever the records give them one id; the name as written when no
 * trip went there.
 */
function tripCountryNames(trips: string[]): (id: string | undefined, date: string, name: string) => string {
  const byId = new Map<string, { date: string; name: string }[]>();
  for (const xml of trips) {
    const id = attr(xml, 'country', 'id');
    const name = text(xml, 'country');
    const date = text(xml, 'start-date');
    if (id && name && date) (byId.get(id) ?? byId.set(id, []).get(id)!).push({ date, name });
  }
  const days = (date: string) => Date.parse(date.slice(0, 10)) / 86_400_000;
  return (id, date, name) => {
    const named = id ? byId.get(id) : undefined;
    if (!named) return name;
    return named.reduce((a, b) => (Math.abs(days(b.date) - days(date)) < Math.abs(days(a.date) - days(date)) ? b : a)).name;
  };
}

const with_ = (people: Named[]) => people.map((p) => ({ name: p.name, kind: 'PERSON', ...(p.role ? { role: p.role } : {}) }));

/** The import records of the dataset checkout `dir` (its travels/ and visits/ folders). */
export function convertHsg(dir: string): unknown[] {
  const trips: { group: string; xml: string }[] = [];
  for (const group of ['president-travels', 'secretary-travels']) {
    const folder = path.join(dir, 'travels', group);
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.xml')).sort()) {
      for (const xml of readFileSync(path.join(folder, file), 'utf8').match(/<trip\b[\s\S]*?<\/trip>/g) ?? []) trips.push({ group, xml });
    }
  }
  const visits: string[] = [];
  const visitsDir = path.join(dir, 'visits', 'data');
  for (const file of readdirSync(visitsDir).filter((f) => f.endsWith('.xml')).sort()) {
    visits.push(...(readFileSync(path.join(visitsDir, file), 'utf8').match(/<visit>[\s\S]*?<\/visit>/g) ?? []));
  }
  const country = tripCountryNames(trips.map((t) => t.xml));
  const records: unknown[] = [];

  for (const { xml: trip } of trips) {
    const who = attr(trip, 'trip', 'who');
    const role = attr(trip, 'trip', 'role') ?? 'secretary';
    const name = text(trip, 'name');
    const date = text(trip, 'start-date');
    const host = text(trip, 'country');
    if (!who || !name || !date || !host || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    const met = peopleIn(text(trip, 'remarks') ?? '');
    records.push({ visit: {
      traveler: { name, kind: 'PERSON', externalId: `hsg:${who}`, role: POSTS[role] ?? POSTS.secretary },
      host: { name: host, kind: 'COUNTRY' },
      representing: { name: 'United States', kind: 'COUNTRY' },
      date,
      purpose: text(trip, 'remarks')?.slice(0, 200),
      meetings: met.length > 0 ? [{ with: with_(met), date }] : undefined,
      source: source(`Travels of the ${role === 'president' ? 'President' : 'Secretary of State'}: ${name}`, `https://history.state.gov/departmenthistory/travels/${role}/${who}`),
      certainty: 'STATED',
    } });
  }

  for (const visit of visits) {
    const date = text(visit, 'start-date');
    const visitor = text(visit, 'visitor');
    const from = text(visit, 'from');
    if (!date || !visitor || !from || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
    // "President Montt", "Prime Minister Nehru and Mrs. Gandhi": the first person named after a title.
    const titled = peopleIn(visitor)[0];
    const name = titled?.name ?? visitor.replace(/^(?:Mr|Mrs|Dr)\.?\s+/, '').split(/,| and /)[0]!.trim();
    if (!/\p{L}{3}/u.test(name)) continue;
    const met = peopleIn(text(visit, 'description') ?? '').filter((m) => m.name !== name);
    records.push({ visit: {
      traveler: { name, kind: 'PERSON', ...(titled?.role ? { role: titled.role } : {}) },
      host: { name: 'United States', kind: 'COUNTRY' },
      representing: { name: country(attr(visit, 'from', 'id'), date, from), kind: 'COUNTRY' },
      date,
      meetings: met.length > 0 ? [{ with: with_(met), date }] : undefined,
      source: source(`Visits by Foreign Leaders: ${date.slice(0, 4)}`, `https://history.state.gov/departmenthistory/visits/${date.slice(0, 4)}`),
      certainty: 'STATED',
    } });
  }
  return records;
}
