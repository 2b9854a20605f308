/**
 * The follow-up examples imported on top of records that already name the same trip another way:
 * the Office of the Historian lists Secretary Blinken's March 2022 stops under "Antony John
 * Blinken" (with its person id), the examples say "Antony Blinken" and group the stops in a tour.
 * The import must find the person and the visits already there: no second Blinken, no second
 * 2022-03-30 visit to Algeria, one tour; and a second import changes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { importText } from '../src/import/files.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

/** Blinken's stops as bench/hsg/convert.ts writes the historian's records (facts only). */
function historianRecords(): string {
  const stop = (country: string, date: string, met: string[]) => ({
    visit: {
      traveler: { name: 'Antony John Blinken', kind: 'PERSON', externalId: 'hsg:blinken-antony-j' },
      host: { name: country, kind: 'COUNTRY' },
      date,
      meetings: [{ with: met.map((name) => ({ name, kind: 'PERSON' })), date }],
      source: { title: 'Travels of the Secretary of State: Antony John Blinken', publisher: 'US Department of State, Office of the Historian', url: 'https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j', language: 'en' },
      certainty: 'STATED',
    },
  });
  return [
    stop('Israel', '2022-03-26', ['Naftali Bennett', 'Yair Lapid']),
    stop('Morocco', '2022-03-29', ['Aziz Akhannouch', 'Nasser Bourita']),
    stop('Algeria', '2022-03-30', ['Abdelmadjid Tebboune', 'Ramtane Lamamra']),
  ].map((r) => JSON.stringify(r)).join('\n');
}

async function count(query: string): Promise<number> {
  return suite.db.read(async (tx) => Number((await tx.run(query)).records[0]!.get(0)));
}

describe('the follow-up examples on top of the historian\'s records', () => {
  it('add no second Blinken, no second visit and no second tour', { timeout: 300_000 }, async () => {
    const records = await importText(suite.db, historianRecords());
    expect(records.failed).toEqual([]);
    const examples = readFileSync(path.join(PROJECT_ROOT, 'examples', 'follow-up-visits.json'), 'utf8');
    const first = await importText(suite.db, examples);
    expect(first.failed).toEqual([]);
    expect(await count("MATCH (p:Person) WHERE toLower(p.name) CONTAINS 'blinken' RETURN count(p)")).toBe(1);
    expect(await count("MATCH (p:Person {name: 'Antony John Blinken'})<-[:TRAVELER]-(v:Visit)-[:HOST_COUNTRY]->(:Country {id: 'country:algeria'}) WHERE v.date = '2022-03-30' RETURN count(v)")).toBe(1);
    expect(await count("MATCH (p:Person {name: 'Antony John Blinken'})<-[:TRAVELER]-(v:Visit)-[:HOST_COUNTRY]->(:Country {id: 'country:morocco'}) WHERE v.date = '2022-03-29' RETURN count(v)")).toBe(1);
    expect(await count("MATCH (t:Tour) WHERE t.name STARTS WITH 'Blinken trip' RETURN count(t)")).toBe(1);
    // The tour holds the historian's visits, not copies of them.
    expect(await count("MATCH (t:Tour)<-[:PART_OF_TOUR]-(v:Visit)-[:TRAVELER]->(:Person {name: 'Antony John Blinken'}) WHERE t.name STARTS WITH 'Blinken trip' RETURN count(DISTINCT v)")).toBe(2);
    const visits = await count('MATCH (v:Visit) RETURN count(v)');
    const people = await count('MATCH (p:Person) RETURN count(p)');
    const again = await importText(suite.db, examples);
    expect(again.failed).toEqual([]);
    expect(await count('MATCH (v:Visit) RETURN count(v)')).toBe(visits);
    expect(await count('MATCH (p:Person) RETURN count(p)')).toBe(people);
  });
});
