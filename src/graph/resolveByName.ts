/**
 * The step of resolution that needs no database: given what the stored graph holds for each
 * name, what every reference that goes by name becomes (found, joined by a person rule, or a new
 * entity), in the order of the batch.
 */
import type { Candidate } from './errors.js';
import { entityId, slugify } from './ids.js';
import { nameKeys, normalizeName } from './normalize.js';
import type { EntityRecord } from './records.js';
import { ambiguous, keysOf, kindOf, kindsOf, latinNames, namesToLearn, type MatchReason, type RefRequest } from './references.js';
import { choosePerson, NewPeople, type PersonCandidate, type PersonChoice } from './resolvePeople.js';

/** Names a person rule matched, to keep as aliases of the stored person matched. */
export interface Learned {
  id: string;
  names: string[];
}

/** What the stored graph holds for each reference's names. */
export interface FoundByName {
  /** Per reference, the index of its name lookup (references asking the same share one). */
  lookupOf: number[];
  /** Exact name or alias matches per lookup. */
  candidates: Map<number, Candidate[]>;
  /** Person candidates per lookup, for names that matched nothing exactly. */
  people: Map<number, PersonCandidate[]>;
}

/** What the references that go by name become: found, joined by a person rule, or new. */
export interface ByNamePlan {
  /** The entities to create, one per distinct new name (kind, label, name, container). */
  newByKey: Map<string, EntityRecord>;
  /** The container a new entity was asked for within. */
  newWithin: Map<EntityRecord, { withinId: string; request: number }>;
  /** Per reference, the key of the new entity it means. */
  newKeyOf: (string | undefined)[];
  /** References joined by a person rule to a person this batch creates, and the rule. */
  newPersonReason: Map<number, MatchReason>;
  /** References joined by a person rule to a stored person. */
  personMatch: Map<number, { candidate: Candidate; reason: MatchReason }>;
  /** New people who absorb a stored node known by their surname alone. */
  absorbByKey: Map<string, { id: string; keys: string[] }>;
  learned: Learned[];
  /** The first reference that matched nothing and gave no kind to create it with. */
  unknown?: RefRequest;
}

type NewEntry = { key: string; record: EntityRecord; keys: Set<string> };

/** The working state of `decideByName`: the plan so far and the new entities of earlier references. */
interface Deciding {
  plan: ByNamePlan;
  found: FoundByName;
  withinOf: (string | null)[];
  earlierNew: NewEntry[];
  newPeople: NewPeople<NewEntry>;
}

/**
 * Settles, in order, each reference that goes by name. A batch must mean what its records would
 * mean written one after the other, so a reference also matches the entities that earlier
 * references of the same call create (by any of their names).
 */
export function decideByName(requests: RefRequest[], withinOf: (string | null)[], byName: (r: RefRequest) => boolean, found: FoundByName): ByNamePlan {
  const plan: ByNamePlan = {
    newByKey: new Map(), newWithin: new Map(), newKeyOf: [], newPersonReason: new Map(),
    personMatch: new Map(), absorbByKey: new Map(), learned: [],
  };
  const state: Deciding = { plan, found, withinOf, earlierNew: [], newPeople: new NewPeople<NewEntry>() };
  requests.forEach((request, i) => {
    if (byName(request) && !plan.unknown) decideOne(request, i, state);
  });
  return plan;
}

function decideOne(request: RefRequest, i: number, state: Deciding): void {
  const { plan } = state;
  if (joinEarlierNew(request, i, state)) return;
  const { choice, batchPeople } = choosePersonFor(request, i, state);
  if (choice && 'match' in choice) return joinPerson(request, i, choice, batchPeople, state);
  const absorb = choice && 'absorb' in choice ? choice : undefined;
  const shortForm = absorb ? batchPeople.get(absorb.absorb) : undefined;
  if (absorb && shortForm && request.ref.kind) return takeOverShortForm(request, i, shortForm, absorb.reason, state);
  // An unclear surname without a kind is the caller's to settle; with a kind it stays a node
  // of its own, for the review queue (duplicateCandidates) to show.
  if (choice && 'ambiguous' in choice && !request.ref.kind) throw ambiguous(request, choice.ambiguous.map(({ id, kind, name }) => ({ id, kind, name })));
  if (!request.ref.kind) {
    plan.unknown = request;
    return;
  }
  planNewEntity(request, i, absorb?.absorb, state);
  if (absorb) plan.newPersonReason.set(i, absorb.reason);
}

/**
 * A stored exact match, or an entity an earlier reference of this call creates: true when that
 * settles the reference. More than one of them is ambiguous.
 */
function joinEarlierNew(request: RefRequest, i: number, state: Deciding): boolean {
  const { ref, label } = request;
  const kind = kindOf(request);
  const keys = keysOf(ref);
  const known = state.found.candidates.get(state.found.lookupOf[i]!) ?? [];
  const within = state.withinOf[i]!;
  const { newWithin } = state.plan;
  const named = state.earlierNew.filter((n) =>
    keys.some((k) => n.keys.has(k)) && (!kind || n.record.kind === kind) && (!label || (n.record.labels ?? []).includes(label)));
  const there = named.filter((n) => within === null || newWithin.get(n.record) === undefined || newWithin.get(n.record)!.withinId === within);
  const fresh = there.length > 0 || known.length > 0 || !request.impliedWithin || ref.kind ? there : named;
  const candidates = [...known, ...fresh.map((n) => ({ id: n.record.id, kind: n.record.kind, name: n.record.name }))];
  if (candidates.length > 1) throw ambiguous(request, candidates);
  if (fresh.length === 1) {
    state.plan.newKeyOf[i] = fresh[0]!.key;
    state.newPeople.seen(fresh[0]!, request.date, request.office);
    return true;
  }
  return candidates.length === 1;
}

/** The person rules, weighing the stored people and the ones this batch creates alike. */
function choosePersonFor(request: RefRequest, i: number, state: Deciding) {
  const { ref, label } = request;
  const kinds = kindsOf(request);
  const mayBePerson = !label && (!kinds || kinds.includes('PERSON'));
  const batchPeople = mayBePerson ? state.newPeople.candidates(latinNames(ref)) : new Map<PersonCandidate, NewEntry>();
  // A stored person weighs with the names earlier references of this batch taught it: "Hamad bin
  // Khalifa al-Thani" then "Hamad bin Jassim al-Thani" in one remark are two men.
  const stored = (state.found.people.get(state.found.lookupOf[i]!) ?? []).map((c) => {
    const taught = state.plan.learned.filter((l) => l.id === c.id).flatMap((l) => l.names);
    return taught.length > 0 ? { ...c, aliases: [...c.aliases, ...taught] } : c;
  });
  const people = [...stored, ...batchPeople.keys()];
  const choice = people.length > 0 ? choosePerson(latinNames(ref), request.date, people, request.office) : null;
  return { choice, batchPeople };
}

/** A person rule matched: a person this batch creates, or a stored one (whose new spellings are learned). */
function joinPerson(
  request: RefRequest, i: number, choice: Extract<PersonChoice, { match: PersonCandidate }>,
  batchPeople: Map<PersonCandidate, NewEntry>, state: Deciding,
): void {
  const { plan } = state;
  const entry = batchPeople.get(choice.match);
  if (entry) {
    plan.newKeyOf[i] = entry.key;
    state.newPeople.seen(entry, request.date, request.office);
    plan.newPersonReason.set(i, choice.reason);
    // A person this batch creates takes the names a rule matched as aliases from the start.
    if (choice.learn) {
      const record = entry.record;
      record.aliases = [...(record.aliases ?? []), ...namesToLearn(request.ref, [record.name, record.nameAr ?? '', ...(record.aliases ?? [])])];
    }
    return;
  }
  const original = (state.found.people.get(state.found.lookupOf[i]!) ?? []).find((c) => c.id === choice.match.id) ?? choice.match;
  plan.personMatch.set(i, { candidate: original, reason: choice.reason });
  const names = choice.learn ? namesToLearn(request.ref, [choice.match.name, ...choice.match.aliases]) : [];
  if (names.length > 0) plan.learned.push({ id: choice.match.id, names });
}

/**
 * Known so far in this batch by the surname alone: the entity to be created takes the fuller
 * name, and keeps the short one among its aliases (records.ts, `shortForms`).
 */
function takeOverShortForm(request: RefRequest, i: number, shortForm: NewEntry, reason: MatchReason, state: Deciding): void {
  const { ref } = request;
  const record = shortForm.record;
  const name = (ref.name ?? ref.nameAr)!.trim();
  record.shortForms = [...(record.shortForms ?? []), record.name];
  record.aliases = [...new Set([...(record.aliases ?? []), ...(ref.aliases ?? []).map((a) => a.trim())])].filter((a) => a && a !== name);
  record.name = name;
  record.id = entityId(record.kind, name);
  record.nameAr = record.nameAr ?? (ref.nameAr?.trim() || undefined);
  if (ref.externalId) record.externalIds = [...new Set([...(record.externalIds ?? []), ref.externalId])];
  for (const k of keysOf(ref)) shortForm.keys.add(k);
  state.newPeople.renamed(shortForm, record);
  state.newPeople.seen(shortForm, request.date, request.office);
  state.plan.newKeyOf[i] = shortForm.key;
  state.plan.newPersonReason.set(i, reason);
}

/** A new entity for a name that matched nothing (with a kind), possibly absorbing a stored short form. */
function planNewEntity(request: RefRequest, i: number, absorb: PersonCandidate | undefined, state: Deciding): void {
  const { ref, label } = request;
  const kind = ref.kind!;
  const within = state.withinOf[i]!;
  const name = (ref.name ?? ref.nameAr)!.trim();
  const key = `${kind}|${label ?? ''}|${normalizeName(name)}|${within ?? ''}`;
  const record: EntityRecord = {
    id: label === 'Tour' ? `tour:${slugify(name)}` : entityId(kind, name),
    kind,
    name,
    nameAr: ref.nameAr?.trim() || undefined,
    aliases: (ref.aliases ?? []).map((a) => a.trim()).filter((a) => a && a !== name),
    labels: label ? [label] : undefined,
    externalIds: ref.externalId ? [ref.externalId] : undefined,
  };
  const { plan } = state;
  if (absorb) plan.absorbByKey.set(key, { id: absorb.id, keys: nameKeys(absorb) });
  plan.newByKey.set(key, record);
  if (within !== null) plan.newWithin.set(record, { withinId: within, request: i });
  const entry = { key, record, keys: new Set(keysOf(ref)) };
  state.earlierNew.push(entry);
  if (kind === 'PERSON' && !label) state.newPeople.add(entry, record, request.date, request.office);
  plan.newKeyOf[i] = key;
}
