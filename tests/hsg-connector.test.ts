/**
 * The Office of the Historian's records through the connector, against the real database, on a
 * slice of the shipped files chosen to touch every mapping rule: Blinken's March 2022 trips (a
 * tour, meetings with roles, a conference, a counterpart named with a nationality), every
 * secretary of state's trip to Algeria (who preceded whom), a trip listed twice, Kissinger's
 * trips to the U.S.S.R., Trump's two terms, and visits to the US (Algeria's leaders, a record
 * naming two visitors, Brezhnev in 1973, South Korea under its several spellings).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHsg, type HsgReport } from '../src/connectors/hsg/load.js';
import type { Db } from '../src/db/driver.js';
import { importEntries } from '../src/import/files.js';
import { loadSeed } from '../src/import/seed.js';
import { connectTestDb, freshDatabase } from './support/db.js';
import { examples, HSG_OPERATIONS } from './support/examples.js';
import { sliceHsg } from './support/hsgSlice.js';
import { startTestServer } from './support/server.js';

let db: Db;
let dir: string;
let first: HsgReport;

const has = (xml: string, text: string) => xml.includes(text);

async function rows(query: string, params: Record<string, unknown> = {}) {
  return db.read(async (tx) => (await tx.run(query, params)).records.map((r) => r.toObject()));
}
async function counts() {
  return (await rows('CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels'))[0];
}

beforeAll(async () => {
  db = connectTestDb();
  await freshDatabase(db);
  await loadSeed(db);
  dir = sliceHsg({
    trip: (who, xml) =>
      (who === 'blinken-antony-j' && (has(xml, '<start-date>2022-03') || has(xml, '<start-date>2021-03-1'))) ||
      has(xml, 'id="algeria"') ||
      (who === 'kissinger-henry-a' && has(xml, 'U.S.S.R.') && has(xml, '<start-date>1974')) ||
      (who === 'trump-donald-j' && has(xml, '<start-date>2025-05')),
    visit: (xml) =>
      has(xml, 'id="algeria"') || has(xml, '<id>855</id>') || has(xml, '<id>202</id>') ||
      (has(xml, 'id="korea-south"') && (has(xml, '<start-date>201') || has(xml, '<start-date>202'))),
  });
  first = await importHsg(db, dir);
}, 240_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db.close();
});

describe('trips abroad', () => {
  it('imports the slice without a failed record', () => {
    expect(first.import.failed).toEqual([]);
    expect(first.import.visits.created).toBeGreaterThan(20);
  });

  it("records Blinken's visit to Algeria with his role, the place, the remark as the source's note, and its record", async () => {
    const [visit] = await rows(`
      MATCH (v:Visit)-[tr:TRAVELER]->(p:Person {name: 'Antony John Blinken'}), (v)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'})
      WHERE v.date = '2022-03-30'
      MATCH (v)-[:IN_CITY]->(c:City)-[:LOCATED_IN]->(:Country {id: 'country:algeria'})
      MATCH (v)-[:ON_BEHALF_OF]->(us:Country)
      RETURN tr.role AS role, tr.position AS position, c.name AS city, v.notes AS notes, v.paragraphs AS paragraphs,
        v.source AS sourceId, v.hsgIds AS hsgIds, us.id AS representing, v.certainty AS certainty`);
    expect(visit).toMatchObject({
      role: 'Secretary of State',
      position: 'position:us-secretary-of-state',
      city: 'Algiers',
      representing: 'country:united-states',
      paragraphs: [4064],
      hsgIds: ['4064'],
      certainty: 'stated',
    });
    expect(visit!.notes).toEqual(['Met with President Abdelmadjid Tebboune and Foreign Minister Ramtane Lamamra.']);
    const [source] = await rows('MATCH (s:Source {id: $id}) RETURN s.url AS url', { id: visit!.sourceId });
    expect(source!.url).toBe('https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j');
  });

  it("reads whom he met there: the article's Tebboune and a new Lamamra, two meetings, each with the role the remark gives", async () => {
    const met = await rows(`
      MATCH (v:Visit)-[:TRAVELER]->(:Person {name: 'Antony John Blinken'}) WHERE v.date = '2022-03-30'
      MATCH (v)-[:INCLUDES]->(m:Meeting)-[e:PRINCIPAL]->(p:Person) WHERE p.name <> 'Antony John Blinken'
      RETURN p.id AS id, p.name AS name, e.role AS role, m.paragraphs AS paragraphs ORDER BY name`);
    expect(met).toEqual([
      { id: 'person:abdelmadjid-tebboune', name: 'Abdelmadjid Tebboune', role: 'President', paragraphs: [4064] },
      { id: 'person:ramtane-lamamra', name: 'Ramtane Lamamra', role: 'Foreign Minister', paragraphs: [4064] },
    ]);
  });

  it('keeps a nationality written before a title in the role ("French President Emmanuel Macron")', async () => {
    const [macron] = await rows(`
      MATCH (:Visit {date: '2022-03-08'})-[:HOST_COUNTRY]->(:Country {id: 'country:france'})
      MATCH (m:Meeting)-[e:PRINCIPAL]->(p:Person {name: 'Emmanuel Macron'}) RETURN e.role AS role`);
    expect(macron).toEqual({ role: 'French President' });
  });

  it('makes every secretary of state who came to Algeria the predecessor of the next one, by the post held', async () => {
    const chain = await rows(`
      MATCH (v:Visit)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'}), (v)-[:TRAVELER]->(p:Person)
      WHERE (v)-[:PRECEDED_BY {position: 'position:us-secretary-of-state'}]->() OR ()-[:PRECEDED_BY {position: 'position:us-secretary-of-state'}]->(v)
      OPTIONAL MATCH (v)-[:PRECEDED_BY {position: 'position:us-secretary-of-state'}]->(before)-[:TRAVELER]->(q:Person)
      RETURN v.date AS date, p.name AS traveler, q.name AS preceded ORDER BY date`);
    const blinken = chain.find((r) => r.traveler === 'Antony John Blinken');
    expect(blinken).toMatchObject({ date: '2022-03-30', preceded: 'John Forbes Kerry' });
    expect(chain[0]).toMatchObject({ traveler: 'Henry A. Kissinger', preceded: null });
    // Each visit's predecessor is the visit just before it in the chain.
    chain.slice(1).forEach((row, i) => expect(row.preceded).toBe(chain[i]!.traveler));
  });

  it('groups consecutive trips into a tour marked as derived, its stops in order', async () => {
    const stops = await rows(`
      MATCH (:Person {name: 'Antony John Blinken'})<-[:TRAVELER]-(:Visit {date: '2022-03-30'})-[:PART_OF_TOUR]->(t:Tour)
      MATCH (v:Visit)-[part:PART_OF_TOUR]->(t), (v)-[:HOST_COUNTRY]->(c:Country)
      RETURN t.derived AS derived, t.certainty AS certainty, part.order AS order, c.name AS country ORDER BY order`);
    expect(stops.map((s) => s.country)).toEqual(['Israel', 'West Bank', 'Morocco', 'Algeria']);
    expect(stops.every((s) => s.derived === true)).toBe(true);
  });

  it('records a conference attended as an event the traveler took part in, in the host country', async () => {
    const events = await rows(`
      MATCH (e:Event)-[i:INVOLVED]->(:Person {name: 'Antony John Blinken'}), (e)-[:OCCURRED_IN]->(c:Country)
      WHERE e.date = '2022-03-03' RETURN e.name AS name, i.role AS role, c.name AS country`);
    expect(events).toEqual([{ name: 'NATO Foreign Ministerial', role: 'attended', country: 'Belgium' }]);
  });

  it('makes a trip the files list twice one visit that cites both records', async () => {
    const visits = await rows(`
      MATCH (v:Visit)-[:TRAVELER]->(:Person {name: 'Antony John Blinken'}), (v)-[:HOST_COUNTRY]->(:Country {name: 'Japan'})
      RETURN v.hsgIds AS ids, v.paragraphs AS paragraphs`);
    expect(visits).toEqual([{ ids: ['3992', '4019'], paragraphs: [3992, 4019] }]);
  });
});

describe('countries', () => {
  it('gives a state one node whatever the spelling, every spelling an alias', async () => {
    const korea = await rows(`MATCH (c:Country) WHERE c.name = 'South Korea' OR 'Korea, South' IN c.aliases RETURN c.id AS id, c.aliases AS aliases`);
    expect(korea).toHaveLength(1);
    expect(korea[0]!.id).toBe('country:south-korea');
    expect(korea[0]!.aliases).toEqual(expect.arrayContaining(['Korea, South', 'Korea']));
  });

  it("keeps the Soviet Union a state of its own: Kissinger's 1974 trips and Brezhnev's 1973 visit are not Russia's", async () => {
    const [ussr] = await rows(`MATCH (c:Country {id: 'country:soviet-union'}) RETURN c.aliases AS aliases, c.dissolved AS dissolved, c.formerState AS former`);
    expect(ussr).toMatchObject({ dissolved: '1991-12-26', former: true });
    expect(ussr!.aliases).toContain('U.S.S.R.');
    const [kissinger] = await rows(`MATCH (v:Visit)-[:TRAVELER]->(:Person {name: 'Henry A. Kissinger'}), (v)-[:HOST_COUNTRY]->(c:Country) RETURN collect(DISTINCT c.id) AS hosts`);
    expect(kissinger!.hosts).toContain('country:soviet-union');
    expect(kissinger!.hosts).not.toContain('country:russia');
    const [brezhnev] = await rows(`MATCH (v:Visit)-[tr:TRAVELER]->(p:Person {name: 'Leonid I. Brezhnev'}), (v)-[:ON_BEHALF_OF]->(c) RETURN c.id AS country, tr.role AS role`);
    expect(brezhnev).toEqual({ country: 'country:soviet-union', role: 'General Secretary' });
    const [russia] = await rows(`MATCH (c:Country {id: 'country:russia'}) RETURN c.aliases AS aliases`);
    expect(russia!.aliases).not.toContain('U.S.S.R.');
  });
});

describe('visits to the United States', () => {
  it("records Algeria's leaders in Washington: the visitor with their title as role, Algeria represented, the description as note", async () => {
    const visits = await rows(`
      MATCH (v:Visit)-[:HOST_COUNTRY]->(:Country {id: 'country:united-states'}), (v)-[:ON_BEHALF_OF]->(:Country {id: 'country:algeria'}), (v)-[tr:TRAVELER]->(p)
      RETURN v.date AS date, p.name AS name, tr.role AS role, v.notes AS notes ORDER BY date`);
    expect(visits.length).toBeGreaterThan(5);
    expect(visits).toContainEqual({ date: '2014-08-05', name: 'Abdelmalik Sellal', role: 'Prime Minister', notes: ['Attended the U.S.-Africa Leaders Summit.'] });
  });

  it('makes two visitors in one record two travelers, each with their role', async () => {
    const visitors = await rows(`
      MATCH (v:Visit)-[:ON_BEHALF_OF]->(:Country {id: 'country:italy'}), (v)-[tr:TRAVELER]->(p) WHERE v.date = '1991-05-07'
      RETURN p.name AS name, tr.role AS role ORDER BY name`);
    expect(visitors).toEqual([
      { name: 'Francesco Cossiga', role: 'President' },
      { name: 'Giulio Andreotti', role: 'Prime Minister' },
    ]);
  });
});

describe('terms of office', () => {
  it("records each term as its own HOLDS_POSITION, both posts cited to the Office's pages", async () => {
    const terms = await rows(`
      MATCH (p:Person)-[h:HOLDS_POSITION]->(post:Position) WHERE p.name IN ['Antony John Blinken', 'Donald J. Trump']
      MATCH (s:Source {id: h.source})
      RETURN p.name AS name, post.id AS post, h.since AS since, h.until AS until, s.url AS url ORDER BY name, since`);
    expect(terms).toEqual([
      { name: 'Antony John Blinken', post: 'position:us-secretary-of-state', since: '2021-01-26', until: '2025-01-20', url: 'https://history.state.gov/departmenthistory/people/blinken-antony-j' },
      { name: 'Donald J. Trump', post: 'position:president-of-the-united-states', since: '2017-01-20', until: '2021-01-20', url: 'https://history.state.gov/departmenthistory/travels/president/trump-donald-j' },
      { name: 'Donald J. Trump', post: 'position:president-of-the-united-states', since: '2025-01-20', until: null, url: 'https://history.state.gov/departmenthistory/travels/president/trump-donald-j' },
    ]);
  });
});

describe('the playground examples that only this data answers', () => {
  const run = async (operationName: string) => {
    const server = await startTestServer(db);
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: examples, operationName }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data;
    } finally {
      await server.close();
    }
  };

  it('are the three the playground promises', () => {
    expect(HSG_OPERATIONS).toEqual(['SecretariesOfStateInAlgeria', 'BlinkenTour2022', 'AlgeriaLeadersInWashington']);
  });

  it('SecretariesOfStateInAlgeria: Blinken came after Kerry, Esper after Rumsfeld', async () => {
    const visits = (await run('SecretariesOfStateInAlgeria')).visits.edges.map((e: any) => e.node);
    const blinken = visits.find((v: any) => v.traveler.name === 'Antony John Blinken');
    expect(blinken).toMatchObject({ date: '2022-03-30', travelerPosition: { name: 'US Secretary of State' }, precededBy: { traveler: { name: 'John Forbes Kerry' } } });
    expect(visits.find((v: any) => v.traveler.name === 'Mark Esper').precededBy.traveler.name).toBe('Donald Rumsfeld');
  });

  it('BlinkenTour2022: the stops of the tour and whom he met, with roles', async () => {
    const stops = (await run('BlinkenTour2022')).visits.edges.map((e: any) => e.node);
    expect(stops.map((v: any) => v.host.name)).toEqual(['Israel', 'West Bank', 'Morocco', 'Algeria']);
    const algiers = stops.at(-1).meetings.flatMap((m: any) => m.participantRoles).filter((p: any) => p.role);
    expect(algiers).toEqual(expect.arrayContaining([
      { person: { name: 'Abdelmadjid Tebboune' }, role: 'President' },
      { person: { name: 'Ramtane Lamamra' }, role: 'Foreign Minister' },
    ]));
  });

  it("AlgeriaLeadersInWashington: Algeria's visitors to the US, each cited to its year's page", async () => {
    const visits = (await run('AlgeriaLeadersInWashington')).entity.visitsMade;
    const sellal = visits.find((v: any) => v.date === '2014-08-05');
    expect(sellal).toMatchObject({ traveler: { name: 'Abdelmalik Sellal' }, travelerRole: 'Prime Minister', host: { name: 'United States' } });
    expect(sellal.notes[0].source.url).toBe('https://history.state.gov/departmenthistory/visits/2014');
  });
});

describe('loading again', () => {
  it('changes nothing when the same files are loaded again', async () => {
    const before = await counts();
    const again = await importHsg(db, dir);
    expect(again.import.failed).toEqual([]);
    expect(again.import.visits.created).toBe(0);
    expect(await counts()).toEqual(before);
  }, 240_000);
});

describe('a newer version of the data', () => {
  const secretaryFile = (who: string) => path.join(dir, 'travels', 'secretary-travels', `${who}.xml`);
  /** Edits one record of a traveler's file the way a corrected release would. */
  function editTrip(who: string, id: string, edit: (trip: string) => string) {
    const file = secretaryFile(who);
    const xml = readFileSync(file, 'utf8');
    const pattern = new RegExp(`\\s*<trip[^>]*>\\s*<id>${id}</id>[\\s\\S]*?</trip>`);
    expect(xml, `record ${id} in ${who}.xml`).toMatch(pattern);
    writeFileSync(file, xml.replace(pattern, (trip) => edit(trip)));
  }
  const algeriaVisits = () => rows(`
    MATCH (v:Visit)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'}), (v)-[:TRAVELER]->(p:Person)
    WHERE p.name IN ['Hillary Rodham Clinton', 'Antony John Blinken', 'John Forbes Kerry']
    OPTIONAL MATCH (v)-[:PRECEDED_BY {position: 'position:us-secretary-of-state'}]->(before)
    RETURN p.name AS traveler, v.date AS date, v.hsgIds AS hsgIds, before.date AS preceded,
      [(v)-[:INCLUDES]->(:Meeting)-[:PRINCIPAL]->(q) WHERE q <> p | q.name] AS met ORDER BY date`);

  it('updates a corrected record, drops a withdrawn one, and keeps what another source also states', async () => {
    // Blinken's Algiers stop is also in a source of ours, beside the record.
    const own = await importEntries(db, { entries: [{ line: 1, kind: 'visit', value: {
      traveler: { name: 'Antony Blinken' }, host: { name: 'Algeria' }, date: '2022-03-30',
      source: { title: 'Our own note on the Algiers stop (test)', publishedAt: '2022-03-31' }, paragraphs: [0],
    } }], failures: [] });
    expect(own.failed).toEqual([]);
    const before = await algeriaVisits();
    expect(before.find((v) => v.date === '2012-10-29')).toMatchObject({ traveler: 'Hillary Rodham Clinton', hsgIds: ['3271'], met: ['Abdelaziz Bouteflika'] });

    // The new release: Clinton's second trip re-dated with another counterpart, Blinken's record withdrawn.
    editTrip('clinton-hillary-rodham', '3271', (trip) => trip
      .replace('<start-date>2012-10-29</start-date>', '<start-date>2012-11-05</start-date>')
      .replace('<end-date>2012-10-30</end-date>', '<end-date>2012-11-06</end-date>')
      .replace(/<remarks>[\s\S]*?<\/remarks>/, '<remarks>Met with Prime Minister Abdelmalek Sellal.</remarks>'));
    editTrip('blinken-antony-j', '4064', () => '');

    const update = await importHsg(db, dir);
    expect(update.import.failed).toEqual([]);
    expect(update.superseded.removed).toBeGreaterThanOrEqual(2); // the old visit and its meeting
    expect(update.superseded.kept).toBeGreaterThanOrEqual(1); // Blinken's visit
    const after = await algeriaVisits();
    const dates = after.map((v) => v.date);
    expect(dates).not.toContain('2012-10-29');
    const clinton = after.find((v) => v.date === '2012-11-05');
    expect(clinton).toMatchObject({ traveler: 'Hillary Rodham Clinton', hsgIds: ['3271'] });
    expect(clinton!.met).toEqual([expect.stringMatching(/Sellal$/)]);
    // The next secretary's visit now follows the corrected one.
    const next = after.find((v) => v.date > '2012-11-05' && v.traveler === 'John Forbes Kerry');
    expect(next?.preceded).toBe('2012-11-05');
    // Blinken's visit stays for our own source, no longer citing the withdrawn record.
    const blinken = after.find((v) => v.date === '2022-03-30');
    expect(blinken).toMatchObject({ traveler: 'Antony John Blinken', hsgIds: null });
    const [sources] = await rows(`MATCH (v:Visit {id: 'visit:antony-john-blinken-algeria-2022-03-30'}) RETURN v.sources AS ids`);
    expect(sources?.ids).toHaveLength(1);
    expect(sources?.ids[0]).not.toMatch(/history-state-gov|office-of-the-historian/);
    // No meeting of the old record is left, and no MET edge it proved.
    const [met] = await rows(`MATCH (:Person {name: 'Hillary Rodham Clinton'})-[r:MET]-(:Person {name: 'Abdelaziz Bouteflika'}) WHERE r.date STARTS WITH '2012-10' RETURN count(r) AS n`);
    expect(met?.n).toBe(0);

    // The same release again changes nothing.
    const counted = await counts();
    const again = await importHsg(db, dir);
    expect(again.superseded).toEqual({ removed: 0, kept: 0 });
    expect(await counts()).toEqual(counted);
  }, 480_000);
});
