/**
 * Reads the people a record names with their titles: "Prime Minister Kyriakos Mitsotakis",
 * "President Francesco Cossiga and Prime Minister Giulio Andreotti", "Foreign Minister Ramtane
 * Lamamra". The title becomes the person's role at the time, as the source states it.
 */

/** Titles, longest first so that "Deputy Prime Minister" wins over "Prime Minister". */
const TITLES = [
  'Minister for Foreign Affairs', 'Minister of Foreign Affairs', 'Deputy Prime Minister', 'First Deputy Prime Minister',
  'Secretary of State for Foreign and Commonwealth Affairs', 'Foreign Secretary', 'Defense Minister', 'Defence Minister',
  'Minister of Defense', 'Minister of Defence', 'Minister of National Defense', 'Foreign Minister', 'Prime Minister',
  'Acting President', 'Interim President', 'Transitional President', 'President-elect', 'Vice President', 'President',
  'Crown Prince', 'Grand Duke', 'Grand Duchess', 'Governor General', 'Governor-General', 'Secretary General', 'Secretary-General',
  'General Secretary', 'Supreme Leader', 'Head of State', 'Chief Executive', 'Chairman', 'Chancellor', 'Premier', 'King', 'Queen',
  'Emperor', 'Empress', 'Prince', 'Princess', 'Emir', 'Amir', 'Sultan', 'Shah', 'Pope', 'Sheikh', 'Sheik', 'Taoiseach', 'Regent',
  'Field Marshal', 'General', 'Marshal', 'Archbishop', 'Cardinal', 'Foreign Secretary',
].sort((a, b) => b.length - a.length);

export interface NamedPerson {
  name: string;
  role?: string;
}

/** The title a text starts with, if any. */
function titleAt(text: string): string | undefined {
  return TITLES.find((t) => text === t || text.startsWith(`${t} `));
}

const SUFFIX = /^(Jr\.?|Sr\.?|2nd|3rd|II|III|IV)$/;

/** One person: an optional title, then the name. */
export function readPerson(text: string): NamedPerson | undefined {
  const cleaned = text.replace(/^(?:the|his|her)\s+/i, '').replace(/\s+/g, ' ').trim().replace(/[.;:]+$/, '');
  if (!cleaned) return undefined;
  // "French President Emmanuel Macron": a nationality before the title stays part of the role.
  const nationality = /^(\p{Lu}[\p{L}-]+)\s+(.*)$/u.exec(cleaned);
  const afterNationality = nationality && !titleAt(cleaned) ? titleAt(nationality[2]!) : undefined;
  const title = afterNationality ? `${nationality![1]} ${afterNationality}` : titleAt(cleaned);
  const name = title ? cleaned.slice(title.length).trim() : cleaned;
  if (!name || !/^\p{Lu}/u.test(name)) return undefined;
  return title ? { name, role: title } : { name };
}

/** Several people in one text, split at "and" and commas where a title begins the next part. */
export function readPeople(text: string): NamedPerson[] {
  const parts = text.split(/,\s*|\s+and\s+/);
  const merged: string[] = [];
  for (const part of parts) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    // "Benigno S. Aquino, 3rd", "Premier and Prince Sihanouk": a part that is no one of its own.
    if (merged.length > 0 && (SUFFIX.test(trimmed) || !/^\p{Lu}/u.test(trimmed))) {
      merged[merged.length - 1] += SUFFIX.test(trimmed) ? `, ${trimmed}` : ` and ${trimmed}`;
      continue;
    }
    if (merged.length > 0 && !titleAt(trimmed) && TITLES.includes(merged[merged.length - 1]!)) {
      merged[merged.length - 1] += ` and ${trimmed}`;
      continue;
    }
    merged.push(trimmed);
  }
  return merged.map(readPerson).filter((p): p is NamedPerson => p !== undefined);
}

/** A name that tells a person apart: at least a forename and a surname ("Tebboune" alone does not). */
export function isFullName(name: string): boolean {
  return name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)).length >= 2 && !/\bofficials?\b/i.test(name);
}
