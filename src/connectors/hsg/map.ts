/**
 * The Office of the Historian's records as import records (src/graph/importFile.ts), so that they
 * go through the same writers as every other source: entity records for the posts, countries,
 * travelers, derived tours and attended conferences; HOLDS_POSITION terms; one visit record per
 * trip abroad and per visit to the United States, with meetings read from the remarks.
 * Provenance: each fact cites its record's page on history.state.gov, and the record's id
 * stands where an article's paragraph numbers would.
 */
import { entityId, slugify } from '../../graph/ids.js';
import type { ImportEntry } from '../../import/files.js';
import { Countries } from './countries.js';
import { isFullName, readPeople, readPerson } from './people.js';
import type { HsgData, HsgTrip, HsgVisit, TravelerRole } from './read.js';
import { readRemarks } from './remarks.js';

export const SITE = 'https://history.state.gov/departmenthistory';
const PUBLISHER = 'Office of the Historian, U.S. Department of State';
export const US = 'country:united-states';

/** The post each collection's travelers held, named so that the collection's role finds it. */
export const POSTS: Record<TravelerRole, { id: string; name: string; aliases: string[]; summary: string; role: string }> = {
  president: {
    id: 'position:president-of-the-united-states',
    name: 'President of the United States',
    aliases: ['US President', 'U.S. President', 'President of the U.S.'],
    summary: 'Head of state and of government of the United States.',
    role: 'President of the United States',
  },
  secretary: {
    id: 'position:us-secretary-of-state',
    name: 'US Secretary of State',
    aliases: ['Secretary of State', 'U.S. Secretary of State', 'United States Secretary of State'],
    summary: 'Head of the US Department of State, the cabinet officer in charge of foreign affairs.',
    role: 'Secretary of State',
  },
};

export function tripPage(trip: { role: TravelerRole; who: string }): string {
  return `${SITE}/travels/${trip.role}/${trip.who}`;
}

export function visitsPage(date: string): string {
  return `${SITE}/visits/${date.slice(0, 4)}`;
}

/** The page a traveler's trips are listed on: one source per traveler and collection. */
function tripSource(role: TravelerRole, who: string, name: string) {
  return { url: tripPage({ role, who }), title: `${name}: travels abroad of the ${role === 'president' ? 'President' : 'Secretary of State'}`, publisher: PUBLISHER };
}

/** Where a term of office is stated: a president's on their travels page, a secretary's on their page in the principal officers' list. */
function termSource(role: TravelerRole, who: string, name: string) {
  return role === 'president' ? tripSource(role, who, name) : { url: `${SITE}/people/${who}`, title: `${name}: Secretary of State`, publisher: PUBLISHER };
}

/** Whole days between two ISO dates. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

interface Trip extends HsgTrip {
  /** Every record id this trip stands for (the files list some trips twice). */
  ids: string[];
  hostKey: string;
  tour?: string;
}

/**
 * Records of one trip folded into one: the same traveler in the same country over overlapping
 * dates (the files list some trips twice). The graph would make them one visit anyway; folding
 * them here keeps every record id on it.
 */
function foldTrips(trips: HsgTrip[], countries: Countries): Trip[] {
  const folded: Trip[] = [];
  const sorted = trips
    .map((trip) => ({ ...trip, ids: [trip.id], hostKey: countries.see(trip.countryId, trip.countryName, trip.start) }))
    .sort((a, b) => a.who.localeCompare(b.who) || a.hostKey.localeCompare(b.hostKey) || a.start.localeCompare(b.start) || Number(a.id) - Number(b.id));
  for (const trip of sorted) {
    const last = folded[folded.length - 1];
    if (last && last.who === trip.who && last.hostKey === trip.hostKey && trip.start <= (last.end ?? last.start)) {
      last.ids.push(trip.id);
      if (trip.remarks && !last.remarks?.includes(trip.remarks)) last.remarks = [last.remarks, trip.remarks].filter(Boolean).join(' ');
      if ((trip.end ?? trip.start) > (last.end ?? last.start)) last.end = trip.end;
      continue;
    }
    folded.push(trip);
  }
  return folded;
}

type UsVisit = HsgVisit & { ids: string[]; fromKey: string };

/** Records of one visit to the US folded into one: the same visitors from the same country over overlapping dates. */
function foldVisits(visits: UsVisit[]): UsVisit[] {
  const folded: UsVisit[] = [];
  const sorted = [...visits].sort((a, b) => a.visitor.localeCompare(b.visitor) || a.fromKey.localeCompare(b.fromKey) || a.start.localeCompare(b.start) || Number(a.id) - Number(b.id));
  for (const visit of sorted) {
    const last = folded[folded.length - 1];
    if (last && last.visitor === visit.visitor && last.fromKey === visit.fromKey && visit.start <= (last.end ?? last.start)) {
      last.ids.push(visit.id);
      if (visit.description && !last.description?.includes(visit.description)) last.description = [last.description, visit.description].filter(Boolean).join(' ');
      if ((visit.end ?? visit.start) > (last.end ?? last.start)) last.end = visit.end;
      continue;
    }
    folded.push({ ...visit });
  }
  return folded.sort((a, b) => a.start.localeCompare(b.start) || Number(a.id) - Number(b.id));
}

/**
 * Consecutive trips of one traveler (each starting at most a day after the last ended) make a
 * tour when they take in more than one country. Derived by us: the source lists trips only.
 */
function markTours(trips: Trip[], name: (who: string) => string, version: string): ImportEntry['value'][] {
  const tours: ImportEntry['value'][] = [];
  const byTraveler = new Map<string, Trip[]>();
  for (const trip of trips) byTraveler.set(trip.who, [...(byTraveler.get(trip.who) ?? []), trip]);
  for (const [who, own] of byTraveler) {
    own.sort((a, b) => a.start.localeCompare(b.start) || (a.end ?? a.start).localeCompare(b.end ?? b.start));
    let run: Trip[] = [];
    // The last day of the run so far: a stop may end before the one it overlaps (Israel, then the West Bank within it).
    let runEnd = '';
    const close = () => {
      if (new Set(run.map((t) => t.hostKey)).size > 1) {
        const first = run[0]!;
        const last = run.reduce((a, b) => ((b.end ?? b.start) > (a.end ?? a.start) ? b : a));
        const id = `event:tour-${slugify(name(who))}-${first.start}`;
        for (const t of run) t.tour = id;
        tours.push({
          entity: {
            id,
            kind: 'EVENT',
            name: `${name(who)}'s tour of ${first.start.slice(0, 7)}`,
            labels: ['Tour'],
            summary: `Consecutive trips abroad grouped by us (${run.length} stops); the source lists the trips one by one.`,
            properties: { derived: true, date: first.start, endDate: last.end ?? last.start, hsgVersion: version },
            certainty: 'EXTERNAL',
          },
        });
      }
      run = [];
      runEnd = '';
    };
    for (const trip of own) {
      if (run.length > 0 && daysBetween(runEnd, trip.start) > 1) close();
      run.push(trip);
      if ((trip.end ?? trip.start) > runEnd) runEnd = trip.end ?? trip.start;
    }
    close();
  }
  return tours;
}

/** An attended conference: one event per occasion (the same summit recurs every year). */
function eventId(what: string, date: string): string {
  return `event:${slugify(what).slice(0, 60).replace(/-+$/, '')}-${date}`;
}

export interface HsgRecords {
  /** In write order: posts, countries, people, terms, tours, events, visits, event links. */
  entries: ImportEntry[];
  /** The tours this version derives: earlier ones no longer derived are removed. */
  tourIds: string[];
  counts: { trips: number; tripRecords: number; visits: number; terms: number; countries: number; tours: number; events: number };
}

/**
 * @param version the data's version (a hash of its files), stamped on every visit and meeting as
 *   `hsgVersion` with the record ids (`hsgIds`), so that a newer version can tell what it no
 *   longer states (see load.ts).
 */
/** Travelers of the two collections: one node each, named as their terms' file names them. */
function travelerNaming(data: HsgData) {
  const tripNames = new Map<string, string[]>();
  for (const t of data.trips) tripNames.set(t.who, [...new Set([...(tripNames.get(t.who) ?? []), t.name])]);
  // "Henry A. (Heinz Alfred) Kissinger" is named "Henry A. Kissinger"; the whole form stays an alias.
  const fullName = (who: string) => data.names.get(who) ?? tripNames.get(who)?.[0] ?? who;
  const name = (who: string) => fullName(who).replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  const personId = (who: string) => entityId('PERSON', name(who));
  const aliases = (who: string) => [...new Set([fullName(who), ...(tripNames.get(who) ?? [])])].filter((n) => n !== name(who));
  return { name, personId, aliases };
}
type TravelerNaming = ReturnType<typeof travelerNaming>;

/** The posts, countries and travelers, with the terms of office that tie them. */
function referenceValues(data: HsgData, countries: Countries, naming: TravelerNaming): unknown[] {
  const { name, personId } = naming;
  const values: unknown[] = [];
  for (const post of Object.values(POSTS)) {
    values.push({ entity: { id: post.id, kind: 'POSITION', name: post.name, aliases: post.aliases, summary: post.summary } });
  }
  for (const c of countries.all()) {
    values.push({
      entity: {
        id: c.id,
        kind: 'COUNTRY',
        name: c.name,
        aliases: c.aliases,
        ...(c.former ? { summary: c.former.note, properties: { formerState: true, dissolved: c.former.until } } : {}),
      },
    });
  }
  const whos = new Set([...data.terms.map((t) => t.who), ...data.trips.map((t) => t.who)]);
  for (const who of [...whos].sort()) {
    values.push({ entity: { id: personId(who), kind: 'PERSON', name: name(who), aliases: naming.aliases(who), properties: { hsgId: who } } });
  }
  for (const post of Object.entries(POSTS)) {
    values.push({ relation: { from: { id: post[1].id }, type: 'POST_OF', to: { id: US }, certainty: 'EXTERNAL' } });
  }
  for (const term of data.terms) {
    values.push({
      relation: {
        from: { id: personId(term.who) },
        type: 'HOLDS_POSITION',
        to: { id: POSTS[term.role].id },
        properties: { ...(term.since ? { since: term.since } : {}), ...(term.until ? { until: term.until } : {}) },
        source: termSource(term.role, term.who, name(term.who)),
        certainty: 'STATED',
      },
    });
  }
  return values;
}

/** The US travelers' trips abroad, and the events their remarks say they attended. */
function tripValues(trips: ReturnType<typeof foldTrips>, countries: Countries, naming: TravelerNaming, version: string) {
  const { name, personId } = naming;
  const events: unknown[] = [];
  const eventLinks: unknown[] = [];
  const visits = trips.map((trip) => {
    const paragraphs = trip.ids.map(Number).filter(Number.isInteger);
    const source = tripSource(trip.role, trip.who, name(trip.who));
    const { met, attended } = readRemarks(trip.remarks);
    for (const what of attended) {
      const id = eventId(what, trip.start);
      events.push({ entity: { id, kind: 'EVENT', name: what, properties: { date: trip.start, endDate: trip.end ?? trip.start }, source, paragraphs, certainty: 'STATED' } });
      eventLinks.push({ relation: { from: { id }, type: 'INVOLVED', to: { id: personId(trip.who) }, properties: { role: 'attended' }, source, paragraphs, certainty: 'STATED' } });
      eventLinks.push({ relation: { from: { id }, type: 'OCCURRED_IN', to: { id: countries.idOf(trip.hostKey) }, source, paragraphs, certainty: 'STATED' } });
    }
    const places = (trip.locale ?? '').split(/\s*[,;]\s*/).map((p) => p.trim()).filter((p) => /^\p{Lu}/u.test(p));
    return {
      visit: {
        traveler: { id: personId(trip.who), role: POSTS[trip.role].role },
        host: { id: countries.idOf(trip.hostKey) },
        representing: { id: US },
        date: trip.start,
        ...(trip.end && trip.end > trip.start ? { endDate: trip.end } : {}),
        ...(places.length > 0 ? { places: places.map((p) => ({ name: p, kind: 'CITY' })) } : {}),
        ...(trip.remarks ? { purpose: trip.remarks } : {}),
        meetings: met.map((person) => ({
          with: [{ name: person.name, kind: 'PERSON', ...(person.role ? { role: person.role } : {}) }],
          date: trip.start, properties: { hsgIds: trip.ids, hsgVersion: version }, paragraphs, certainty: 'STATED',
        })),
        ...(trip.tour ? { tour: trip.tour } : {}),
        properties: { hsgIds: trip.ids, hsgVersion: version },
        source,
        paragraphs,
        certainty: 'STATED',
      },
    };
  });
  return { events, visits, eventLinks };
}

/** Foreign leaders' visits to the United States: one visit per visitor a record names. */
function usVisitValues(visits: ReturnType<typeof foldVisits>, countries: Countries, version: string): unknown[] {
  return visits.flatMap((v) => {
    const people = readPeople(v.visitor);
    const visitors = people.length > 0 ? people : [readPerson(v.visitor) ?? { name: v.visitor }];
    const source = { url: visitsPage(v.start), title: `Visits by foreign leaders to the United States, ${v.start.slice(0, 4)}`, publisher: PUBLISHER };
    return visitors.map((person) => ({
      visit: {
        // A name that is a title and one word ("King Hussein") is kept whole: the word alone tells no one apart.
        traveler: { name: isFullName(person.name) || !person.role ? person.name : `${person.role} ${person.name}`, kind: 'PERSON', ...(person.role ? { role: person.role } : {}) },
        host: { id: US },
        representing: { id: countries.idOf(v.fromKey) },
        date: v.start,
        ...(v.end && v.end > v.start ? { endDate: v.end } : {}),
        ...(v.description ? { purpose: v.description } : {}),
        properties: { hsgIds: v.ids, hsgVersion: version },
        source,
        paragraphs: v.ids.map(Number).filter(Number.isInteger),
        certainty: 'STATED',
      },
    }));
  });
}

export function hsgRecords(data: HsgData, version = 'unversioned'): HsgRecords {
  const countries = new Countries();
  countries.see('united-states', 'United States');
  const trips = foldTrips(data.trips, countries);
  const visits = foldVisits(data.visits.map((v) => ({ ...v, ids: [v.id], fromKey: countries.see(v.fromId, v.fromName, v.start) })));
  const naming = travelerNaming(data);

  // Reference data first, then tours, then the facts that point at them (the importer's order).
  const references = referenceValues(data, countries, naming);
  const tours = markTours(trips, naming.name, version);
  const tripFacts = tripValues(trips, countries, naming, version);
  const values = [...references, ...tours, ...tripFacts.events, ...tripFacts.visits, ...usVisitValues(visits, countries, version), ...tripFacts.eventLinks];
  const entries: ImportEntry[] = values.map((value, i) => {
    const kind = Object.keys(value as object)[0] as ImportEntry['kind'];
    return { line: i + 1, kind, value: (value as Record<string, unknown>)[kind] };
  });
  return {
    entries,
    tourIds: tours.map((t) => (t as { entity: { id: string } }).entity.id),
    counts: {
      trips: trips.length,
      tripRecords: data.trips.length,
      visits: data.visits.length,
      terms: data.terms.length,
      countries: countries.all().length,
      tours: tours.length,
      events: tripFacts.events.length,
    },
  };
}
