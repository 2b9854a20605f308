/**
 * The converter of the Office of the Historian's records (bench/hsg/records.ts, the route a new
 * user takes with `npm run import`): the title before a name goes with it as the person's role,
 * unless a word before the title makes it someone else's office; a US traveler carries the post,
 * a visitor the country the record says they came from. Imported into the real database, those
 * offices let the `same-office` rule join what the records name two ways a decade apart.
 */
import { describe, expect, it } from 'vitest';
import { convertHsg, peopleIn } from '../bench/hsg/records.js';
import { importText } from '../src/import/files.js';
import { sliceHsg } from './support/hsgSlice.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

async function count(query: string): Promise<number> {
  return suite.db.read(async (tx) => Number((await tx.run(query)).records[0]!.get(0)));
}

describe('the converter of the historian\'s records', () => {
  it('takes the title before each name as its role, unless a word before the title qualifies it', () => {
    expect(peopleIn('Met with President Heuss and Chancellor Adenauer.')).toEqual([
      { name: 'Heuss', role: 'President' }, { name: 'Adenauer', role: 'Chancellor' },
    ]);
    // Another country's minister, a former president, a deputy: the name, without the title.
    expect(peopleIn('Peace talks with Syrian Foreign Minister Farouk Sharaa at Shepherdstown.')).toEqual([{ name: 'Farouk Sharaa' }]);
    expect(peopleIn('Met with former President Reagan.')).toEqual([{ name: 'Reagan' }]);
    expect(peopleIn('Met with President Putin, Deputy Prime Minister Kudrin and UN Secretary General Annan.')).toEqual([
      { name: 'Putin', role: 'President' }, { name: 'Kudrin' }, { name: 'Annan' },
    ]);
    // A sentence's first word is no qualifier.
    expect(peopleIn('Met President Johnson at the ranch.')).toEqual([{ name: 'Johnson', role: 'President' }]);
  });

  it('gives travelers their post and visitors their country, and the offices join what the records name two ways', { timeout: 300_000 }, async () => {
    const dir = sliceHsg({ trip: (_who, xml) => xml.includes('Higgins'), visit: (xml) => xml.includes('Jammeh') });
    const records = convertHsg(dir) as { visit: Record<string, any> }[];
    const jammeh = records.find((r) => r.visit.traveler.name === 'Yahya Jammeh')!.visit;
    expect(jammeh.traveler).toEqual({ name: 'Yahya Jammeh', kind: 'PERSON', role: 'President' });
    expect(jammeh.representing).toEqual({ name: 'The Gambia', kind: 'COUNTRY' });
    const dublin = records.find((r) => r.visit.date === '2012-12-06')!.visit;
    expect(dublin.traveler).toMatchObject({ name: 'Hillary Rodham Clinton', role: 'Secretary of State' });
    expect(dublin.representing).toEqual({ name: 'United States', kind: 'COUNTRY' });
    expect(dublin.meetings[0].with).toContainEqual({ name: 'Michael Higgins', kind: 'PERSON', role: 'President' });

    // Eleven years apart ("Michael Higgins" 2012, "Michael D. Higgins" 2023; "Yahya Jammeh" 2003,
    // "Yahya A. J. J. Jammeh" 2014): only the office tells that each is one man.
    const report = await importText(suite.db, records.map((r) => JSON.stringify(r)).join('\n'), { settlePeople: true });
    expect(report.failed).toEqual([]);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Higgins' RETURN count(p)")).toBe(1);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Jammeh' RETURN count(p)")).toBe(1);
    expect(await count("MATCH (p:Person) WHERE p.name CONTAINS 'Jammeh' MATCH (p)<-[t:TRAVELER {role: 'President'}]-(:Visit)-[:ON_BEHALF_OF]->(:Country {name: 'The Gambia'}) RETURN count(t)")).toBe(2);
  });
});
