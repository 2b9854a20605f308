/**
 * A meeting recorded without a name is named after its people, not their ids; meetings stored
 * by older versions under id-based names get readable names when the service starts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/driver.js';
import { normalizeName } from '../src/graph/normalize.js';
import { applyRepairs } from '../src/graph/repairs.js';
import { createLogger } from '../src/log.js';
import { startService, type RunningService } from '../src/service.js';
import { testNeo4j } from './support/db.js';
import { useSeededServer } from './support/server.js';

const suite = useSeededServer();

async function meeting(db: Db, id: string) {
  return db.read(async (tx) => {
    const result = await tx.run('MATCH (m:Meeting {id: $id}) RETURN m.name AS name, m.nameKeys AS nameKeys', { id });
    return result.records[0]?.toObject() as { name: string; nameKeys: string[] } | undefined;
  });
}

const OLD_STYLE_ID = 'meeting:old-style-name-test';
const OLD_STYLE_NAME = 'Meeting of person:mark-esper, person:abdelmadjid-tebboune on 2020-10-01';

async function storeOldStyleMeeting(db: Db): Promise<void> {
  await db.write((tx) => tx.run(
    'MERGE (m:Entity:Event:Meeting {id: $id}) SET m.kind = "EVENT", m.name = $name, m.nameKeys = [$key, "kept key"], m.date = "2020-10-01"',
    { id: OLD_STYLE_ID, name: OLD_STYLE_NAME, key: normalizeName(OLD_STYLE_NAME) },
  ));
}

describe('generated meeting names', () => {
  it('name the people met, in English as the Arabic name already did', async () => {
    const result = await suite.server.gqlAuth(
      `mutation($input: VisitInput!) { recordVisit(input: $input) { visit { meetings { id name nameAr } } } }`,
      { input: {
        traveler: { name: 'Antony Blinken', kind: 'PERSON' }, host: { nameAr: 'الجزائر' }, date: '2022-03-30',
        meetings: [{ with: [{ nameAr: 'تبون' }] }],
      } },
    );
    expect(result.errors).toBeUndefined();
    const [recorded] = result.data!.recordVisit.visit.meetings;
    expect(recorded.name).toBe('Meeting of Antony Blinken and Abdelmadjid Tebboune on 2022-03-30');
    expect(recorded.name).not.toContain('person:');
  });

  it('are found by search under the people\'s names', async () => {
    const found = await suite.server.gql(`{ search(text: "Meeting of Antony Blinken", first: 5) { id name } }`);
    expect(found.errors).toBeUndefined();
    expect(found.data!.search.map((e: { name: string }) => e.name)).toContain('Meeting of Antony Blinken and Abdelmadjid Tebboune on 2022-03-30');
  });
});

describe('meetings stored under id-based names', () => {
  it('are renamed by the repair, which keeps their other name keys and changes nothing when run again', async () => {
    await storeOldStyleMeeting(suite.db);
    expect((await applyRepairs(suite.db)).meetingsRenamed).toBe(1);
    const repaired = await meeting(suite.db, OLD_STYLE_ID);
    expect(repaired?.name).toBe('Meeting of Mark Esper and Abdelmadjid Tebboune on 2020-10-01');
    expect(repaired?.nameKeys).toEqual(expect.arrayContaining(['kept key', normalizeName(repaired!.name)]));
    expect(repaired?.nameKeys).not.toContain(normalizeName(OLD_STYLE_NAME));
    expect(await applyRepairs(suite.db)).toEqual({ meetingsRenamed: 0, personKeysRefreshed: 0 });
  });

  describe('when the service starts', () => {
    let service: RunningService | undefined;
    beforeAll(async () => {
      await storeOldStyleMeeting(suite.db);
      const { uri, user, password } = testNeo4j();
      const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', seedOnStart: false, neo4j: { uri, user, password } };
      service = await startService(config, createLogger('silent'));
    });
    afterAll(() => service?.stop());

    it('carry their people\'s names, in the API too', async () => {
      expect((await meeting(suite.db, OLD_STYLE_ID))?.name).toBe('Meeting of Mark Esper and Abdelmadjid Tebboune on 2020-10-01');
      const response = await fetch(`${service!.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ entity(id: "${OLD_STYLE_ID}") { name } }` }),
      });
      expect(await response.json()).toEqual({ data: { entity: { name: 'Meeting of Mark Esper and Abdelmadjid Tebboune on 2020-10-01' } } });
    });
  });
});
