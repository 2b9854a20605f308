/**
 * The names the extractor recognizes: every person, place, organization, post and topic of the
 * graph by its names and aliases in both languages (folded by normalizeName, as search does),
 * completed with countries and capitals the graph does not hold yet (geography.ts). People an
 * article introduces with a title are added per article, under their full name and surname.
 */
import { entityId } from '../graph/ids.js';
import { nameKeys, normalizeName } from '../graph/normalize.js';
import type { EntityKindName } from '../graph/ontology.js';
import { COUNTRIES, OTHER_CITIES } from './geography.js';
import { cliticVariants, type Unit } from './text.js';

export interface GraphName {
  id: string;
  kind: string;
  name: string;
  nameAr?: string | null;
  aliases?: string[] | null;
  /** For a city: the id of its country, where the graph says so. */
  country?: string | null;
}

export interface Entry {
  id: string;
  kind: EntityKindName;
  name: string;
  nameAr: string | null;
  /** For cities: their country's entry id. */
  country: string | null;
  /** Already a node of the graph. */
  inGraph: boolean;
  /** Why a new entry exists (for entries not in the graph). */
  origin?: string;
}

export interface GazetteerMatch {
  entries: Entry[];
  from: number;
  /** Last unit of the match. */
  to: number;
  /** The matched words as written. */
  text: string;
}

/** Kinds the extractor looks for in text; events and sources are named differently. */
export const GAZETTEER_KINDS = ['PERSON', 'COUNTRY', 'CITY', 'REGION', 'ORGANIZATION', 'POSITION', 'PLACE', 'TOPIC'] as const;
const PRIORITY: Record<string, number> = { PERSON: 0, COUNTRY: 1, CITY: 2, POSITION: 3, ORGANIZATION: 4, REGION: 5, PLACE: 6, TOPIC: 7 };

export class Gazetteer {
  private readonly byKey = new Map<string, Entry[]>();
  /** Keys that only match when written in capitals ("US", "UN", "AU"): else they are common words. */
  private readonly capitalsOnly = new Set<string>();
  readonly byId = new Map<string, Entry>();
  /** Adjective (folded) → country entry: "Algerian", "الجزائري". */
  readonly adjectives = new Map<string, Entry>();
  private maxWords = 1;
  /** First words of every name: most words start none, and are passed over at once. */
  private readonly firstWords = new Set<string>();

  /** The graph's names plus the built-in countries and capitals. */
  static build(graph: GraphName[]): Gazetteer {
    const g = new Gazetteer();
    for (const n of graph) {
      if (!(GAZETTEER_KINDS as readonly string[]).includes(n.kind)) continue;
      g.add({ id: n.id, kind: n.kind as EntityKindName, name: n.name, nameAr: n.nameAr ?? null, country: n.country ?? null, inGraph: true }, [n.name, n.nameAr ?? '', ...(n.aliases ?? [])]);
    }
    for (const c of COUNTRIES) {
      const country = g.adopt('COUNTRY', c.name, c.nameAr, c.aliases, null, 'a country name the graph does not hold yet');
      for (const adjective of c.adjectives) {
        const key = normalizeName(adjective);
        if (!g.adjectives.has(key)) g.adjectives.set(key, country);
      }
      if (c.capital) g.adopt('CITY', c.capital.name, c.capital.nameAr, c.capital.aliases ?? [], country.id, `the capital of ${c.name}, not in the graph yet`);
    }
    for (const city of OTHER_CITIES) {
      const country = g.find('COUNTRY', city.country);
      g.adopt('CITY', city.name, city.nameAr, city.aliases ?? [], country?.id ?? null, `a city of ${city.country}, not in the graph yet`);
    }
    return g;
  }

  /** A copy for one article, so that the people it introduces stay with it. */
  clone(): Gazetteer {
    const g = new Gazetteer();
    for (const [k, v] of this.byKey) g.byKey.set(k, [...v]);
    for (const k of this.capitalsOnly) g.capitalsOnly.add(k);
    for (const k of this.firstWords) g.firstWords.add(k);
    for (const [k, v] of this.byId) g.byId.set(k, v);
    for (const [k, v] of this.adjectives) g.adjectives.set(k, v);
    g.maxWords = this.maxWords;
    return g;
  }

  find(kind: EntityKindName, name: string): Entry | undefined {
    return (this.byKey.get(normalizeName(name)) ?? []).find((e) => e.kind === kind);
  }

  /** The graph's entry of that kind answering to one of the names, else a new entry. */
  private adopt(kind: EntityKindName, name: string, nameAr: string, aliases: string[], country: string | null, origin: string): Entry {
    const names = [name, nameAr, ...aliases];
    const keys = nameKeys({ name, nameAr, aliases });
    const existing = keys.flatMap((k) => this.byKey.get(k) ?? []).find((e) => e.kind === kind && e.inGraph);
    if (existing) {
      if (!existing.country && country) existing.country = country;
      this.add(existing, names);
      return existing;
    }
    const entry: Entry = { id: entityId(kind, name), kind, name, nameAr, country, inGraph: false, origin };
    this.add(entry, names);
    return entry;
  }

  /** Registers an entry under each of its names. */
  add(entry: Entry, names: string[]): void {
    this.byId.set(entry.id, entry);
    for (const raw of names) {
      const key = normalizeName(raw);
      if (!key) continue;
      if (/^[A-Z.]{2,5}$/.test(raw.trim())) this.capitalsOnly.add(key);
      const list = this.byKey.get(key) ?? [];
      if (!list.includes(entry)) {
        list.push(entry);
        list.sort((a, b) => Number(b.inGraph) - Number(a.inGraph) || (PRIORITY[a.kind] ?? 9) - (PRIORITY[b.kind] ?? 9));
        this.byKey.set(key, list);
      }
      const words = key.split(' ');
      this.firstWords.add(words[0]!);
      this.maxWords = Math.max(this.maxWords, words.length);
    }
  }

  /** The people that answer to exactly this folded name. */
  peopleNamed(key: string): Entry[] {
    return (this.byKey.get(key) ?? []).filter((e) => e.kind === 'PERSON');
  }

  /** True when some entry answers to exactly this folded name. */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The longest name starting at unit i (the first word may carry Arabic clitics). */
  match(units: Unit[], i: number, accept: (e: Entry) => boolean = () => true): GazetteerMatch | null {
    const first = units[i];
    if (!first) return null;
    const variants = cliticVariants(first.norm).filter((v) => this.firstWords.has(v));
    if (variants.length === 0) return null;
    for (let len = Math.min(this.maxWords, units.length - i); len >= 1; len -= 1) {
      const last = units[i + len - 1]!;
      if (last.sentence !== first.sentence) continue;
      const rest = units.slice(i + 1, i + len).map((u) => u.norm);
      // Names do not run over punctuation (except inside one folded word such as "U.S").
      if (units.slice(i + 1, i + len).some((u) => /[،,;؛:()"«»“”]/.test(u.gap))) continue;
      for (const variant of variants) {
        const key = [variant, ...rest].join(' ');
        const entries = (this.byKey.get(key) ?? []).filter(accept);
        if (entries.length === 0) continue;
        if (this.capitalsOnly.has(key) && len === 1 && first.raw !== first.raw.toUpperCase()) continue;
        // A name of one very short word ("AA") must be the whole word, not a clitic reading.
        if (variant !== first.norm && variant.length < 3) continue;
        return { entries, from: i, to: i + len - 1, text: units.slice(i, i + len).map((u) => u.raw).join(' ') };
      }
    }
    return null;
  }
}
