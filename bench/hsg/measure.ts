/**
 * `npx tsx bench/hsg/measure.ts HSG_NDJSON [SAMPLE] [SEED]`: after `npm run import` of the converted
 * records, how well people were joined. `--built-in` in place of the file measures the built-in
 * load instead (`npm run import:hsg`, or the first `npm start`), sampling the references its
 * connector writes. Counts the Person nodes named by a surname alone that
 * fit exactly one person with a full name (should be 0), the groups of people whose names differ
 * only by middle names or transliteration that remain separate nodes, and prints a sample of
 * references joined by the person rules (name-variant, surname-in-context, close-spelling, same-office) or by
 * an alias (which may be a name a rule matched and kept), each
 * with what it was joined to, for checking by hand, and every node merged into another (a short
 * form absorbed, or joined once the whole file was in) with the span of its mentions.
 */
import { readFileSync } from 'node:fs';
import { withDatabase } from '../../src/cli/withDatabase.js';
import { HSG_DIR } from '../../src/connectors/hsg/load.js';
import { hsgRecords } from '../../src/connectors/hsg/map.js';
import { readHsg } from '../../src/connectors/hsg/read.js';
import { isBareSurname, middlesAgree, parsePersonName, surnameKey } from '../../src/graph/personName.js';
import { resolveRefs, type RefRequest } from '../../src/graph/resolve.js';

const file = process.argv[2];
const sampleSize = Number(process.argv[3] ?? 100);
const seed = Number(process.argv[4] ?? 13);
if (!file) {
  process.stderr.write('usage: tsx bench/hsg/measure.ts HSG_NDJSON|--built-in [SAMPLE] [SEED]\n');
  process.exit(2);
}

/** A small deterministic generator, so that the sample can be drawn again. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

await withDatabase(async (db) => {
  const people = await db.read(async (tx) => (await tx.run(
    'MATCH (p:Person) OPTIONAL MATCH (p)<-[:TRAVELER|PRINCIPAL]-(e:Event) RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, coalesce(p.personKeys, []) AS keys, toString(min(e.dateStart)) AS first, toString(max(e.dateEnd)) AS last',
  )).records.map((r) => r.toObject() as { id: string; name: string; aliases: string[]; keys: string[]; first: string | null; last: string | null }));
  const span = (p: { first: string | null; last: string | null }) => (p.first ? `${p.first.slice(0, 4)}–${p.last?.slice(0, 4)}` : 'undated');
  const full = people.filter((p) => !isBareSurname(p.name));
  const bare = people.filter((p) => isBareSurname(p.name));
  const bySurname = new Map<string, typeof full>();
  for (const p of full) {
    const key = surnameKey(p.name);
    if (key) (bySurname.get(key) ?? bySurname.set(key, []).get(key)!).push(p);
  }
  const fitsOne = bare.filter((p) => (bySurname.get(surnameKey(p.name)!) ?? []).length === 1);
  const byKey = new Map<string, typeof full>();
  for (const p of full) for (const k of p.keys) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(p);
  const split = [...byKey.values()].filter((group) => group.length > 1 && group.every((a) => group.every((b) => {
    const pa = parsePersonName(a.name);
    const pb = parsePersonName(b.name);
    return !pa || !pb || middlesAgree(pa.middles, pb.middles);
  })));
  console.log(`Person nodes: ${people.length}; named by a surname alone: ${bare.length}; of those fitting exactly one full-named person: ${fitsOne.length}`);
  for (const p of fitsOne) {
    const other = bySurname.get(surnameKey(p.name)!)![0]!;
    console.log(`  bare ${p.name} (${p.id}, ${span(p)}) ~ ${other.name} (${other.id}, ${span(other)})`);
  }
  const merged = await db.read(async (tx) => (await tx.run(
    'MATCH (p:Person) WHERE size(coalesce(p.mergedIds, [])) > 0 RETURN p.name AS name, p.mergedIds AS ids, p.aliases AS aliases ORDER BY name',
  )).records.map((r) => r.toObject() as { name: string; ids: string[]; aliases: string[] }));
  console.log(`people with merged nodes: ${merged.length}`);
  for (const m of merged) console.log(`  merged into ${m.name}: ${m.ids.join(', ')} (aliases: ${m.aliases.join(' | ')})`);
  console.log(`name-variant groups still split (middle names agree): ${split.length}`);
  for (const g of split) console.log(`  split: ${g.map((p) => `${p.name} (${span(p)})`).join(' | ')}`);

  // References of the file, drawn at random, re-resolved read-only against the imported graph.
  const refs: RefRequest[] = [];
  for (const visit of visitsToSample(file)) {
    // The connector names its own travelers by id: only names go through the person rules.
    if (visit.traveler.name) refs.push({ ref: { name: visit.traveler.name }, at: 'traveler', expect: 'PERSON', date: visit.date });
    for (const m of visit.meetings ?? []) for (const w of m.with) if (w.name) refs.push({ ref: { name: w.name }, at: 'with', expect: 'PERSON', date: visit.date });
  }
  const random = seeded(seed);
  const joins: string[] = [];
  const seen = new Set<string>();
  for (let tries = 0; joins.length < sampleSize && tries < 20000; tries += 1) {
    const request = refs[Math.floor(random() * refs.length)]!;
    const key = `${request.ref.name}|${request.date?.slice(0, 4)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const outcome = await db.read(async (tx) => resolveRefs(tx, [request], undefined, { learn: false }).catch(() => null));
    const r = outcome?.resolved[0];
    // An alias may be a name a rule matched earlier and kept (or one a source gave): a join to read too.
    if (!r || !['alias', 'name-variant', 'surname-in-context', 'close-spelling', 'same-office', 'surname-in-office'].includes(r.reason)) continue;
    joins.push(`${request.ref.name} (${request.date}) -> ${r.name} [${r.reason}]`);
  }
  console.log(`sample of ${joins.length} joins by the person rules or an alias:`);
  for (const j of joins) console.log(`  ${j}`);
});

interface SampledVisit {
  traveler: { name?: string };
  date: string;
  meetings?: { with: { name?: string }[] }[];
}

function visitsToSample(source: string): SampledVisit[] {
  if (source === '--built-in') {
    return hsgRecords(readHsg(HSG_DIR)).entries.filter((e) => e.kind === 'visit').map((e) => e.value as SampledVisit);
  }
  return readFileSync(source, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).visit as SampledVisit).filter(Boolean);
}
