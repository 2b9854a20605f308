/**
 * Curation: merging two entities that are one, adding aliases, setting external ids. Each runs
 * inside the caller's transaction, so that a refusal leaves the graph as it was.
 */
import type { Tx } from '../db/driver.js';
import { cypher } from '../db/cypher.js';
import { DomainError, invalid } from './errors.js';
import { nameKeys, normalizeName } from './normalize.js';
import { isBareSurname, personKeys } from './personName.js';

export interface MergeOutcome {
  moved: number;
  combined: number;
}

interface Node { id: string; kind: string; name: string; nameAr: string | null; aliases: string[] }

async function nodeOrFail(tx: Tx, id: string, at: string): Promise<Node> {
  const result = await tx.run(
    'MATCH (n:Entity {id: $id}) RETURN n {.id, .kind, .name, .nameAr, aliases: coalesce(n.aliases, [])} AS node',
    { id },
  );
  const node = result.records[0]?.get('node') as Node | undefined;
  if (!node) throw new DomainError('UNKNOWN_REFERENCE', `${at}: no entity has the id "${id}"`, { at, id, candidates: [] });
  return node;
}

/**
 * A person's surname alone, merged into a person with a fuller name, stays among the aliases but
 * gives no exact-match key: a namesake of another generation bears it too, so the next mention
 * of it alone is weighed by the person rules (dates, terms), never joined at any date.
 */
function shortFormKeys(kept: Node, merged: Node): string[] {
  if (kept.kind !== 'PERSON' || isBareSurname(kept.name)) return [];
  return [merged.name, ...merged.aliases].filter(isBareSurname).map(normalizeName).filter(Boolean);
}

/**
 * Merges `merge` into `keep`. Visits and tours of a person that become the same (same host and
 * date, or the same tour name) are merged in turn, so that no trip is counted twice.
 */
export async function mergeEntities(tx: Tx, keep: string, merge: string): Promise<MergeOutcome> {
  if (keep === merge) throw invalid(`merge: an entity cannot be merged into itself (${keep})`, { at: 'merge' });
  const [kept, merged] = [await nodeOrFail(tx, keep, 'keep'), await nodeOrFail(tx, merge, 'merge')];
  if (kept.kind !== merged.kind) {
    throw invalid(`merge: ${merge} is a ${merged.kind} and ${keep} a ${kept.kind}; only entities of one kind can be merged`, { at: 'merge' });
  }
  const result = await tx.run(cypher('write/merge-entities'), { keep, merge, unkeyed: shortFormKeys(kept, merged) });
  const outcome = { moved: Number(result.records[0]!.get('moved')), combined: Number(result.records[0]!.get('combined')) };
  if (kept.kind === 'PERSON') {
    // Each pass merges what the previous one made identical; a person has finitely many trips.
    for (let pass = 0; pass < 10; pass += 1) {
      const pairs = (await tx.run(cypher('write/merged-visit-pairs'), { keep })).records.map((r) => [r.get('keep') as string, r.get('merge') as string] as const);
      if (pairs.length === 0) break;
      const done = new Set<string>();
      for (const [a, b] of pairs) {
        if (done.has(a) || done.has(b)) continue;
        done.add(a).add(b);
        const inner = await tx.run(cypher('write/merge-entities'), { keep: a, merge: b, unkeyed: [] });
        outcome.combined += Number(inner.records[0]?.get('combined') ?? 0);
      }
    }
  }
  return outcome;
}

/** Adds spellings to an entity's aliases (and the keys they are matched by). */
export async function addAliases(tx: Tx, id: string, aliases: string[]): Promise<void> {
  const node = await nodeOrFail(tx, id, 'id');
  const clean = [...new Set(aliases.map((a) => a.trim()))];
  if (clean.some((a) => nameKeys({ name: a }).length === 0)) throw invalid('aliases: every alias needs letters to match on', { at: 'aliases' });
  const all = [...node.aliases, ...clean.filter((a) => !node.aliases.includes(a) && a !== node.name && a !== node.nameAr)];
  const names = { name: node.name, nameAr: node.nameAr, aliases: all };
  await tx.run(
    'MATCH (n:Entity {id: $id}) SET n.aliases = $aliases, n.nameKeys = $keys, n.personKeys = CASE WHEN n.kind = "PERSON" THEN $personKeys ELSE n.personKeys END',
    { id, aliases: all, keys: nameKeys(names), personKeys: personKeys([node.name, ...all]) },
  );
}

/** Sets an entity's external ids; one held by another entity is refused. */
export async function setExternalIds(tx: Tx, id: string, externalIds: string[]): Promise<void> {
  await nodeOrFail(tx, id, 'id');
  const clean = [...new Set(externalIds.map((x) => x.trim()))];
  if (clean.some((x) => !/^[a-z][a-z0-9-]*:\S+$/i.test(x))) {
    throw invalid('externalIds: each is "<registry>:<id>", e.g. "wikidata:Q7747"', { at: 'externalIds' });
  }
  const held = await tx.run(
    'UNWIND $ids AS x MATCH (n:Entity) WHERE x IN n.externalIds AND n.id <> $id RETURN x, n.id AS holder LIMIT 1',
    { ids: clean, id },
  );
  const clash = held.records[0];
  if (clash) throw invalid(`externalIds: ${clash.get('x')} is already ${clash.get('holder')}'s`, { at: 'externalIds', holder: clash.get('holder') });
  await tx.run('MATCH (n:Entity {id: $id}) SET n.externalIds = $ids', { id, ids: clean });
}

/** The entity an id names now: itself, or the entity it was merged into. */
export async function currentId(tx: Tx, id: string): Promise<string | null> {
  const result = await tx.run(
    `OPTIONAL MATCH (n:Entity {id: $id})
     CALL (n) {
       WITH n WHERE n IS NULL
       CALL db.index.fulltext.queryNodes('entity_other_ids', $query, {limit: 5}) YIELD node
       WHERE $id IN coalesce(node.mergedIds, [])
       RETURN node.id AS kept LIMIT 1
       UNION
       WITH n WHERE n IS NOT NULL
       RETURN n.id AS kept
     }
     RETURN kept`,
    { id, query: `mergedIds:"${id.replace(/[+\-&|!(){}[\]^"~*?:\\/]/g, (c) => `\\${c}`)}"` },
  );
  return (result.records[0]?.get('kept') as string | undefined) ?? null;
}

/** Remembers that two entities are not one, so that the review queue stops listing them. */
export async function dismissDuplicate(tx: Tx, a: string, b: string): Promise<void> {
  if (a === b) throw invalid('b: a pair needs two different entities', { at: 'b' });
  await nodeOrFail(tx, a, 'a');
  await nodeOrFail(tx, b, 'b');
  await tx.run(
    `MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
     SET a.notDuplicateOf = coalesce(a.notDuplicateOf, []) + [x IN [$b] WHERE NOT x IN coalesce(a.notDuplicateOf, [])],
         b.notDuplicateOf = coalesce(b.notDuplicateOf, []) + [x IN [$a] WHERE NOT x IN coalesce(b.notDuplicateOf, [])]`,
    { a, b },
  );
}
