/**
 * Name matching: the one fold applied to every name and alias before comparing them, so that a
 * search or an EntityRef matches whatever the spelling — case, Latin accents, Arabic short
 * vowels, hamza seats, taa marbuta, alef maqsura, tatweel, Persian lookalike letters, punctuation.
 * Stored on each entity as `nameKeys` (internal; never shown).
 */

/** Letters folded to one form after the marks are gone (NFKD has already split أ إ آ ؤ ئ). */
const LETTER_FOLDS: Record<string, string> = {
  '\u0671': '\u0627', // ٱ alef wasla → ا
  '\u0623': '\u0627', // أ (in case it survives) → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064A', // ى → ي
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064A', // ئ → ي
  '\u06A9': '\u0643', // ک Persian kaf → ك
  '\u06CC': '\u064A', // ی Persian yeh → ي
  '\u06BE': '\u0647', // ھ Urdu heh doachashmee → ه
  '\u06C1': '\u0647', // ہ Urdu heh goal → ه
  '\u06C0': '\u0647', // ۀ → ه
};
const LETTER_FOLD_PATTERN = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Arabic-Indic and extended (Persian) digits → ASCII digits. */
function foldDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** The normalized form of a name: what two spellings of one name have in common. */
export function normalizeName(s: string): string {
  let t = s.normalize('NFKD');
  // Combining marks: Latin accents (Saïd → Said) and Arabic tashkeel, superscript alef, and the
  // hamza marks NFKD splits off أ إ آ ؤ ئ.
  t = t.replace(/\p{M}/gu, '');
  t = t.replace(/[\u064B-\u065F\u0670]/g, '');
  // Tatweel and invisible format characters (zero-width joiners, bidi marks).
  t = t.replace(/[\u0640\p{Cf}]/gu, '');
  t = t.replace(LETTER_FOLD_PATTERN, (c) => LETTER_FOLDS[c] ?? c);
  t = foldDigits(t);
  t = t.toLowerCase();
  // Punctuation and symbols (Latin and Arabic: . , ' ’ " - / ( ) ، ؛ ؟ …) become spaces.
  t = t.replace(/[\p{P}\p{S}]/gu, ' ');
  return t.replace(/\s+/gu, ' ').trim();
}

/** The distinct normalized forms of an entity's names, in order: name, nameAr, aliases. */
export function nameKeys(e: { name: string; nameAr?: string | null; aliases?: string[] | null }): string[] {
  const keys = new Set<string>();
  for (const raw of [e.name, e.nameAr ?? '', ...(e.aliases ?? [])]) {
    const key = normalizeName(raw);
    if (key) keys.add(key);
  }
  return [...keys];
}
