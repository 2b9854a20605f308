/**
 * Data repairs run at every start after the schema migrations: each finds what an older version
 * of the writers stored differently and brings it to today's form, in one transaction. Applying
 * them again changes nothing.
 */
import { cypher } from '../db/cypher.js';
import type { Db } from '../db/driver.js';
import { normalizeName } from './normalize.js';
import { personNameKeys } from './personName.js';
import { meetingName } from './eventNames.js';

const ID_NAMED_MEETING = /^Meeting of (.+) on (\S+)$/;

/** Meetings named after their principals' ids get their principals' names instead. */
export async function renameIdNamedMeetings(db: Db): Promise<number> {
  return db.write(async (tx) => {
    const found = await tx.run(cypher('repair/meetings-named-by-id'));
    const meetings = found.records.map((r) => {
      const [, list, date] = ID_NAMED_MEETING.exec(r.get('name') as string)!;
      return { id: r.get('id') as string, old: r.get('name') as string, ids: list!.split(', '), date: date!, nameKeys: r.get('nameKeys') as string[] };
    });
    if (meetings.length === 0) return 0;
    const names = await tx.run('MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, e.name AS name', {
      ids: [...new Set(meetings.flatMap((m) => m.ids))],
    });
    const nameOf = new Map(names.records.map((r) => [r.get('id') as string, r.get('name') as string]));
    const rows = meetings.map((m) => {
      const name = meetingName(m.ids.map((id) => nameOf.get(id) ?? id), m.date);
      const oldKey = normalizeName(m.old);
      const newKey = normalizeName(name);
      return { id: m.id, name, nameKeys: [...new Set([...m.nameKeys.filter((k) => k !== oldKey), newKey].filter(Boolean))] };
    });
    await tx.run(cypher('repair/rename-meetings'), { rows });
    return rows.length;
  });
}

/** People's name keys as today's reading of names gives them (titles, for one, changed what a surname is). */
export async function refreshPersonKeys(db: Db): Promise<number> {
  return db.write(async (tx) => {
    const found = await tx.run(cypher('repair/person-keys'));
    const rows = found.records.flatMap((r) => {
      const keys = personNameKeys(r.get('name') as string, r.get('aliases') as string[]);
      const stored = r.get('personKeys') as string[];
      const same = stored.length === keys.personKeys.length && keys.personKeys.every((k) => stored.includes(k)) && (r.get('surnameKey') ?? null) === keys.surnameKey;
      return same ? [] : [{ id: r.get('id') as string, ...keys }];
    });
    if (rows.length > 0) await tx.run(cypher('repair/set-person-keys'), { rows });
    return rows.length;
  });
}

/** Every repair, in order; returns how many nodes each changed. */
export async function applyRepairs(db: Db): Promise<{ meetingsRenamed: number; personKeysRefreshed: number }> {
  return { meetingsRenamed: await renameIdNamedMeetings(db), personKeysRefreshed: await refreshPersonKeys(db) };
}
