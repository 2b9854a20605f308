/**
 * A synthetic graph of realistic shape, as the domain records the writers take
 * (src/graph/records.ts): people holding posts, countries with cities and arms suppliers,
 * topics, and visits with meetings, attendees, topics and tours. Deterministic for a seed.
 *
 *   syntheticGraph({ visits: 5000 })  →  { entities, relations, visits }
 *
 * Sizes follow the number of visits: a person per two visits (at least 500), 150 countries with
 * two cities each, 60 topics, a post per country; a tenth of the visits are stops of three-stop
 * tours; most visits have one or two meetings. Every fact cites one synthetic source.
 */
import type { EntityRecord, MeetingRecord, RelationRecord, VisitRecord } from '../src/graph/records.js';

export interface SyntheticOptions {
  visits: number;
  seed?: number;
  /**
   * Hubs as a real record has them: half the visits go to three hub countries, a fifth are made
   * by five frequent travellers, and most visits cite one of three hub sources (the others a
   * source per 50 visits). Without it, hosts, travellers and the one source are uniform.
   */
  hubs?: boolean;
}

/** The hubs of a graph made with `hubs: true`. */
export const HUB_COUNTRIES = ['country:syn-000', 'country:syn-001', 'country:syn-002'];
export const HUB_SOURCES = ['source:syn-hub-0', 'source:syn-hub-1', 'source:syn-hub-2'];
export const HUB_TRAVELERS = 5;

export interface SyntheticGraph {
  entities: EntityRecord[];
  relations: RelationRecord[];
  visits: VisitRecord[];
}

export const SYNTHETIC_SOURCE = 'source:synthetic-bench';

/** Deterministic pseudo-random numbers (mulberry32). */
export function randomFrom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Syllables that make pronounceable, clearly fake names. */
export const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'sen', 'tu', 'vai', 'dor', 'bel', 'nix', 'qua', 'zen', 'hol', 'mar', 'pe', 'sio', 'gan', 'fe', 'ul', 'tro'];
const AR_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function syntheticGraph({ visits: visitCount, seed = 20201001, hubs = false }: SyntheticOptions): SyntheticGraph {
  const rand = randomFrom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const word = (parts: number) => {
    let w = '';
    for (let i = 0; i < parts; i += 1) w += pick(SYLLABLES);
    return w[0]!.toUpperCase() + w.slice(1);
  };
  const arabic = (length: number) => Array.from({ length }, () => pick([...AR_LETTERS])).join('');
  const prov = (paragraphs: number[] = [Math.floor(rand() * 40)]) => ({ source: SYNTHETIC_SOURCE, paragraphs, certainty: 'stated' as const });

  const entities: EntityRecord[] = [
    { id: SYNTHETIC_SOURCE, kind: 'SOURCE', name: 'Synthetic benchmark log', summary: 'Generated for the benchmark.', properties: { title: 'Synthetic benchmark log', language: 'en' } },
  ];
  const relations: RelationRecord[] = [];

  const countryCount = 150;
  const countries = Array.from({ length: countryCount }, (_, i) => `country:syn-${pad(i, 3)}`);
  countries.forEach((id, i) => {
    entities.push({ id, kind: 'COUNTRY', name: `${word(3)}ia ${i}`, nameAr: arabic(6), aliases: [`${word(2)}land ${i}`], summary: 'A synthetic country.' });
  });
  const citiesOf = new Map<string, string[]>();
  countries.forEach((country, i) => {
    const cities = [0, 1].map((k) => `city:syn-${pad(i, 3)}-${k}`);
    citiesOf.set(country, cities);
    for (const city of cities) {
      entities.push({ id: city, kind: 'CITY', name: `${word(2)} City ${city.slice(9)}`, nameAr: arabic(5) });
      relations.push({ from: city, type: 'LOCATED_IN', to: country, ...prov() });
    }
    // Arms suppliers: one to three, shares adding up to at most 1.
    const suppliers = new Set<string>();
    const n = 1 + Math.floor(rand() * 3);
    while (suppliers.size < n) {
      const s = pick(countries);
      if (s !== country) suppliers.add(s);
    }
    let left = 1;
    for (const supplier of suppliers) {
      const share = Math.round(left * (0.3 + rand() * 0.5) * 100) / 100;
      left -= share;
      relations.push({ from: country, type: 'BUYS_ARMS_FROM', to: supplier, properties: { share }, ...prov() });
    }
  });

  const positions = countries.map((country, i) => {
    const id = `position:syn-minister-${pad(i, 3)}`;
    entities.push({ id, kind: 'POSITION', name: `Foreign Minister of country ${i}` });
    relations.push({ from: id, type: 'POST_OF', to: country, ...prov() });
    return id;
  });

  const topics = Array.from({ length: 60 }, (_, i) => `topic:syn-${pad(i, 2)}`);
  topics.forEach((id, i) => entities.push({ id, kind: 'TOPIC', name: `${word(2)} ${word(3)} matters ${i}` }));

  const peopleCount = Math.max(500, Math.ceil(visitCount / 2));
  const people = Array.from({ length: peopleCount }, (_, i) => `person:syn-${pad(i, 5)}`);
  const homeOf = new Map<string, string>();
  people.forEach((id, i) => {
    const home = countries[i % countryCount]!;
    homeOf.set(id, home);
    entities.push({ id, kind: 'PERSON', name: `${word(2)} ${word(3)} ${i}`, nameAr: `${arabic(4)} ${arabic(5)}`, aliases: [word(3)] });
    if (i < countryCount * 2) {
      const since = 1995 + Math.floor(rand() * 25);
      relations.push({
        from: id,
        type: 'HOLDS_POSITION',
        to: positions[i % countryCount]!,
        properties: { since: String(since), until: String(since + 2 + Math.floor(rand() * 4)) },
        ...prov(),
      });
    }
  });
  const peopleOf = new Map<string, string[]>();
  for (const person of people) {
    const home = homeOf.get(person)!;
    peopleOf.set(home, [...(peopleOf.get(home) ?? []), person]);
  }

  const sourceOf = (i: number) => {
    if (!hubs) return SYNTHETIC_SOURCE;
    return rand() < 0.7 ? pick(HUB_SOURCES) : `source:syn-${pad(Math.floor(i / 50), 5)}`;
  };
  if (hubs) {
    for (const id of [...HUB_SOURCES, ...Array.from({ length: Math.ceil(visitCount / 50) }, (_, k) => `source:syn-${pad(k, 5)}`)]) {
      entities.push({ id, kind: 'SOURCE', name: `Synthetic log ${id.slice(11)}`, properties: { title: `Synthetic log ${id.slice(11)}`, language: 'en' } });
    }
  }

  const visits: VisitRecord[] = [];
  let tourCount = 0;
  for (let i = 0; i < visitCount; ) {
    const traveler = hubs && rand() < 0.2 ? people[Math.floor(rand() * HUB_TRAVELERS)]! : pick(people);
    const source = sourceOf(i);
    const cite = (paragraphs: number[] = [Math.floor(rand() * 40)]) => ({ ...prov(paragraphs), source });
    const inTour = rand() < 0.1 / 3 && i + 3 <= visitCount;
    const stops = inTour ? 3 : 1;
    const tour = inTour ? `tour:syn-${pad(tourCount++, 4)}` : undefined;
    if (tour) entities.push({ id: tour, kind: 'EVENT', labels: ['Tour'], name: `Synthetic tour ${tourCount}` });
    const start = Date.UTC(1995, 0, 1) + Math.floor(rand() * 30 * 365) * 86_400_000;
    for (let s = 0; s < stops; s += 1, i += 1) {
      let host = hubs && rand() < 0.5 ? pick(HUB_COUNTRIES) : pick(countries);
      if (host === homeOf.get(traveler)) host = countries[(countries.indexOf(host) + 1) % countryCount]!;
      const date = new Date(start + s * 86_400_000).toISOString().slice(0, 10);
      const id = `visit:syn-${pad(i, 6)}`;
      const meetings: MeetingRecord[] = [];
      const meetingCount = rand() < 0.2 ? 0 : rand() < 0.6 ? 1 : 2;
      const locals = peopleOf.get(host) ?? [];
      for (let m = 0; m < meetingCount && locals.length > 0; m += 1) {
        const principal = pick(locals);
        const attendees = rand() < 0.5 ? [pick(locals)].filter((a) => a !== principal) : [];
        meetings.push({
          id: `meeting:syn-${pad(i, 6)}-${m}`,
          with: [{ id: principal }],
          attendees: attendees.map((a) => ({ id: a })),
          date,
          city: { id: citiesOf.get(host)![0]! },
          topics: [pick(topics)],
          ...cite(),
        });
      }
      visits.push({
        id,
        traveler: { id: traveler },
        host: { id: host },
        city: { id: pick(citiesOf.get(host)!) },
        date,
        ...(tour ? { tour } : {}),
        purpose: rand() < 0.5 ? 'Official visit' : 'Working visit',
        topics: [pick(topics), pick(topics)].filter((t, k, all) => all.indexOf(t) === k),
        meetings,
        ...cite([Math.floor(rand() * 40), Math.floor(rand() * 40)].sort((a, b) => a - b)),
      });
    }
  }
  return { entities, relations, visits };
}
