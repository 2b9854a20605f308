/**
 * One country node per state, whatever a record calls it. The Office of the Historian keys its
 * countries by an id that stays across renamings ("korea-south" is "Korea, South", "Korea,
 * Republic of" and "South Korea"); every spelling seen becomes an alias of that node. A few ids
 * name the same state twice and are folded together; a spelling that names a state which no
 * longer exists is that state, not its successor (ONTOLOGY.md, *States that no longer exist*).
 */
import { entityId } from '../../graph/ids.js';

/** HSG ids that are another id's state under an older or newer name. */
const SAME_STATE: Record<string, string> = {
  korea: 'korea-south',
  'congo-kinshasa': 'congo-democratic-republic',
  'czech-republic': 'czechia',
  turkiye: 'turkey',
  swaziland: 'eswatini',
  macedonia: 'north-macedonia',
  somoa: 'samoa',
};

/** Spellings that name a state of their own, gone since, although the record files them under its successor. */
const FORMER_STATE_BY_SPELLING: Record<string, string> = {
  'U.S.S.R.': 'soviet-union',
};

/** The name we give a state where the record's spellings do not read as one. */
const NAMES: Record<string, string> = {
  'korea-south': 'South Korea',
  'korea-north': 'North Korea',
  'united-states': 'United States',
  'soviet-union': 'Soviet Union',
  russia: 'Russia',
  china: 'China',
  taiwan: 'Taiwan',
  'congo-democratic-republic': 'Democratic Republic of the Congo',
  'congo-republic': 'Republic of the Congo',
  'cote-divoire': "Côte d'Ivoire",
  'german-democratic-republic': 'East Germany',
  germany: 'Germany',
  burma: 'Burma',
  'bosnia-herzegovina': 'Bosnia and Herzegovina',
  'sri-lanka': 'Sri Lanka',
  'burkina-faso': 'Burkina Faso',
  'czechia': 'Czechia',
  turkey: 'Turkey',
  eswatini: 'Eswatini',
  'north-macedonia': 'North Macedonia',
  samoa: 'Samoa',
  micronesia: 'Micronesia',
  kyrgyzstan: 'Kyrgyzstan',
  'timor-leste': 'Timor-Leste',
  gambia: 'The Gambia',
  'saint-kitts-nevis': 'Saint Kitts and Nevis',
  'saint-vincent-grenadines': 'Saint Vincent and the Grenadines',
  'saint-lucia': 'Saint Lucia',
  'antigua-barbuda': 'Antigua and Barbuda',
  'cape-verde': 'Cabo Verde',
  'holy-see': 'Holy See',
  oman: 'Oman',
  benin: 'Benin',
  cambodia: 'Cambodia',
  cuba: 'Cuba',
  france: 'France',
  israel: 'Israel',
  poland: 'Poland',
  afghanistan: 'Afghanistan',
  denmark: 'Denmark',
  'united-kingdom': 'United Kingdom',
  zimbabwe: 'Zimbabwe',
  thailand: 'Thailand',
  kosovo: 'Kosovo',
  czechoslovakia: 'Czechoslovakia',
  yemen: 'Yemen',
  'south-africa': 'South Africa',
  tanzania: 'Tanzania',
  'united-arab-emirates': 'United Arab Emirates',
  slovakia: 'Slovakia',
  somalia: 'Somalia',
  brunei: 'Brunei',
  malaysia: 'Malaysia',
  belarus: 'Belarus',
  serbia: 'Serbia',
};

/** States the record names that no longer exist, with when they ended: kept as they were. */
export const FORMER_STATES: Record<string, { until: string; note: string }> = {
  'soviet-union': { until: '1991-12-26', note: 'Dissolved in 1991; Russia is its continuator state, the other republics its successors.' },
  yugoslavia: { until: '2003-02-04', note: 'The Socialist Federal Republic broke up in 1991-1992; the Federal Republic (Serbia and Montenegro) took the name until 2003.' },
  czechoslovakia: { until: '1992-12-31', note: 'Split into the Czech Republic and Slovakia on 1 January 1993.' },
  'german-democratic-republic': { until: '1990-10-03', note: 'East Germany; joined the Federal Republic of Germany on 3 October 1990.' },
};

export interface CountryKey {
  /** Our state key (an HSG id after folding). */
  key: string;
}

/**
 * The state a record means: its id, folded, or the former state a spelling names while that
 * state existed (a record of February 1992 still spelled "U.S.S.R." is a visit to Russia).
 */
export function stateKey(hsgId: string, spelling: string, date?: string): string {
  const former = FORMER_STATE_BY_SPELLING[spelling];
  if (former && (!date || date <= FORMER_STATES[former]!.until)) return former;
  return SAME_STATE[hsgId] ?? hsgId;
}

/** "Korea, South" → "South Korea"; "Ceylon (Sri Lanka)" → "Ceylon". */
function readable(spelling: string): string {
  const bare = spelling.replace(/\s*\(.*\)\s*$/, '').trim();
  const comma = /^([^,]+),\s*(.+)$/.exec(bare);
  return comma ? `${comma[2]} ${comma[1]}` : bare;
}

export interface Country {
  key: string;
  id: string;
  name: string;
  aliases: string[];
  former?: { until: string; note: string };
}

/** Collects every spelling of every state seen, and names each state once. */
export class Countries {
  private spellings = new Map<string, string[]>();

  /** Notes a spelling and returns the state's key. */
  see(hsgId: string, spelling: string, date?: string): string {
    const key = stateKey(hsgId, spelling, date);
    const seen = this.spellings.get(key) ?? [];
    if (!seen.includes(spelling)) seen.push(spelling);
    this.spellings.set(key, seen);
    return key;
  }

  nameOf(key: string): string {
    const seen = this.spellings.get(key) ?? [];
    // The latest spelling without a qualifier reads best (files are read in date order).
    // A former state's spelling never names its successor ("U.S.S.R." on a record of 1992 is Russia's).
    const plain = [...seen].reverse().find((s) => !s.includes('(') && !s.includes(',') && !FORMER_STATE_BY_SPELLING[s]);
    return NAMES[key] ?? plain ?? readable(seen[seen.length - 1] ?? key);
  }

  idOf(key: string): string {
    return entityId('COUNTRY', this.nameOf(key));
  }

  all(): Country[] {
    return [...this.spellings.keys()].sort().map((key) => {
      const name = this.nameOf(key);
      const aliases = [...new Set([...(this.spellings.get(key) ?? []), ...(this.spellings.get(key) ?? []).map(readable)])].filter((a) => a !== name);
      return { key, id: this.idOf(key), name, aliases, ...(FORMER_STATES[key] ? { former: FORMER_STATES[key] } : {}) };
    });
  }
}
