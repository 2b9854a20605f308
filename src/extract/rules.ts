/**
 * The rules that read facts off an article (document.ts): visits, receptions, meetings and their
 * topics, tours, precedents ("the first ... since"), posts held, arms purchases with a share, and
 * statements. Each finding becomes a proposal with its paragraph, evidence spans, certainty and a
 * confidence; findings about the same fact are merged afterwards (merge.ts).
 */
import { entityId } from '../graph/ids.js';
import { normalizeName } from '../graph/normalize.js';
import type { FoundDate } from './dates.js';
import type { ArticleDocument, ParagraphFacts, Trigger } from './document.js';
import type { Entry } from './gazetteer.js';
import {
  ARMS_WORDS,
  ATTENDEE_CUES,
  ATTRIBUTION_CUES,
  BOTH_SIDES,
  FIRST_WORDS,
  HOST_PREPOSITIONS,
  NOMINAL_TRIGGERS,
  OBJECT_PRONOUN_TRIGGERS,
  OBJECT_PRONOUNS,
  POSSESSIVE_TRIGGERS,
  SAY_WORDS,
  SINCE_WORDS,
  STATEMENT_WORDS,
  WITH_WORDS,
} from './lexicon.js';
import type { Mention } from './mentions.js';
import { cliticVariants, type Unit } from './text.js';
import type {
  MeetingProposal,
  PrecedentProposal,
  ProposedEntity,
  ProposedPerson,
  Proposal,
  RelationProposal,
  Span,
  StatementProposal,
  VisitProposal,
} from './types.js';

const TOPIC_WORDS: [string, string[]][] = [
  ['Counter-terrorism', ['الإرهاب', 'مكافحة الإرهاب', 'محاربة الإرهاب', 'terrorism', 'counter-terrorism', 'counterterrorism']],
  ['Security', ['الأمن', 'الأمنية', 'security']],
  ['Energy', ['الطاقة', 'energy']],
  ['Gas', ['الغاز', 'gas']],
  ['Trade', ['التجارة', 'التجاري', 'التجارية', 'trade']],
  ['Investment', ['الاستثمار', 'الاستثمارات', 'investment', 'investments']],
  ['Defence cooperation', ['التعاون العسكري', 'العسكرية', 'military', 'defence', 'defense']],
  ['Migration', ['الهجرة', 'migration']],
  ['Memory and history', ['الذاكرة', 'memory', 'history']],
  ['Western Sahara', ['الصحراء الغربية', 'Western Sahara']],
];
const TOPIC_KEYS = new Map<string, string>();
for (const [name, words] of TOPIC_WORDS) for (const w of words) TOPIC_KEYS.set(normalizeName(w), name);

const SAME_DAY = [['the', 'same', 'day'], ['that', 'day'], ['اليوم', 'نفسه'], ['اليوم', 'ذاته'], ['نفس', 'اليوم']].map((p) => p.map(normalizeName));
const NEXT_DAY = [['the', 'next', 'day'], ['the', 'following', 'day'], ['اليوم', 'التالي'], ['في', 'اليوم', 'التالي'], ['غداة']].map((p) => p.map(normalizeName));
/** Words that start another clause of the same sentence, with other people in it. */
const CLAUSE_WORDS = new Set(['before', 'after', 'while', 'whereas', 'قبل', 'بعد', 'بينما'].map(normalizeName));

interface Located {
  m: Mention;
  entry: Entry;
}

/** A phrase (already folded) at unit i; the first word may carry Arabic clitics. */
function phraseAt(units: Unit[], i: number, phrase: string[]): boolean {
  if (!units[i] || !cliticVariants(units[i]!.norm).includes(phrase[0]!)) return false;
  return phrase.slice(1).every((w, k) => units[i + 1 + k]?.norm === w);
}

function sentenceRange(units: Unit[], at: number): [number, number] {
  const s = units[at]!.sentence;
  let a = at;
  let b = at;
  while (a > 0 && units[a - 1]!.sentence === s) a -= 1;
  while (b + 1 < units.length && units[b + 1]!.sentence === s) b += 1;
  return [a, b];
}

function spanOf(p: ParagraphFacts, from: number, to: number): Span {
  return { paragraph: p.paragraph.index, start: p.units[from]!.start, end: p.units[to]!.end };
}

const round = (x: number) => Math.round(Math.max(0.05, Math.min(0.99, x)) * 100) / 100;

export class RuleReader {
  readonly proposals: Proposal[] = [];
  private counter = 0;
  /** The traveler of the latest visit found, for "his visit" and tour stops. */
  private currentTraveler: { entry: Entry; m: Mention } | null = null;
  private lastMeeting: MeetingProposal | null = null;
  private lastStatementIssuer: ProposedEntity | null = null;
  private readonly firstMention = new Map<string, Mention>();

  constructor(private readonly doc: ArticleDocument) {
    for (const p of doc.paragraphs) {
      for (const m of p.mentions) {
        const entry = doc.personOf(m) ?? m.entry;
        if (entry && !this.firstMention.has(entry.id)) this.firstMention.set(entry.id, m);
      }
    }
  }

  // ── entities ──────────────────────────────────────────────────────────────────────────────

  entity(entry: Entry): ProposedEntity {
    const m = this.firstMention.get(entry.id);
    const also = m?.others?.length ? `; the name also fits ${m.others.join(', ')}` : '';
    const reason = entry.inGraph
      ? `"${m?.matched ?? entry.name}" is a name of ${entry.id} in the graph${also}`
      : `new: ${entry.origin ?? 'not in the graph'}${also}`;
    return { id: entry.id, name: entry.name, nameAr: entry.nameAr, kind: entry.kind, created: !entry.inGraph, reason };
  }

  person(entry: Entry, m: Mention | null): ProposedPerson {
    return { ...this.entity(entry), role: m?.role ?? null };
  }

  private countryOf(entry: Entry): Entry | null {
    if (entry.kind === 'COUNTRY') return entry;
    if (entry.kind === 'CITY' && entry.country) return this.doc.gazetteer.byId.get(entry.country) ?? null;
    return null;
  }

  private nextId(): string {
    this.counter += 1;
    return `p${this.counter}`;
  }

  // ── per-sentence helpers ──────────────────────────────────────────────────────────────────

  private people(p: ParagraphFacts, a: number, b: number): Located[] {
    return p.mentions
      .filter((m) => m.from >= a && m.to <= b)
      .map((m) => ({ m, entry: this.doc.personOf(m) }))
      .filter((x): x is Located => Boolean(x.entry));
  }

  private places(p: ParagraphFacts, a: number, b: number): Located[] {
    return p.mentions
      .filter((m) => m.type === 'entity' && m.from >= a && m.to <= b && (m.entry!.kind === 'COUNTRY' || m.entry!.kind === 'CITY'))
      .map((m) => ({ m, entry: m.entry! }));
  }

  private ofKinds(p: ParagraphFacts, a: number, b: number, kinds: string[]): Located[] {
    return p.mentions
      .filter((m) => m.type === 'entity' && m.from >= a && m.to <= b && kinds.includes(m.entry!.kind))
      .map((m) => ({ m, entry: m.entry! }));
  }

  /** The date of a sentence nearest to `at`, leaving out years and "since ..." dates. */
  private dateNear(p: ParagraphFacts, a: number, b: number, at: number): FoundDate | null {
    const candidates = p.dates.filter((d) => d.from >= a && d.to <= b && !d.yearOnly && !this.afterSince(p.units, d.from));
    candidates.sort((x, y) => Math.abs(x.from - at) - Math.abs(y.from - at));
    return candidates[0] ?? this.sameOrNextDay(p, a, b);
  }

  /** "Later the same day", "the next day", "اليوم نفسه", "في اليوم التالي": from the last day named before. */
  private sameOrNextDay(p: ParagraphFacts, a: number, b: number): FoundDate | null {
    for (let k = a; k <= b; k += 1) {
      const shift = SAME_DAY.some((c) => phraseAt(p.units, k, c)) ? 0 : NEXT_DAY.some((c) => phraseAt(p.units, k, c)) ? 1 : null;
      if (shift === null) continue;
      const base = this.lastDayBefore(p.paragraph.index, k);
      if (!base) return null;
      const d = new Date(`${base}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + shift);
      return { date: d.toISOString().slice(0, 10), endDate: null, certainty: 'inferred', from: k, to: k + 1, note: `counted from ${base}, the last day the text named`, yearOnly: false };
    }
    return null;
  }

  private lastDayBefore(paragraph: number, unit: number): string | null {
    let last: string | null = null;
    for (const q of this.doc.paragraphs) {
      if (q.paragraph.index > paragraph) break;
      for (const d of q.dates) {
        if (q.paragraph.index === paragraph && d.from >= unit) break;
        if (d.date && d.date.length === 10) last = d.date;
      }
    }
    return last;
  }

  private afterSince(units: Unit[], from: number): boolean {
    for (let k = from - 1; k >= Math.max(0, from - 8); k -= 1) if (SINCE_WORDS.has(units[k]!.norm)) return true;
    return false;
  }

  /** Who the sentence says the claim comes from ("according to the presidency", "X said"). */
  private claimer(p: ParagraphFacts, a: number, b: number): { entry: Entry; at: number } | null {
    for (let k = a; k <= b; k += 1) {
      if (ATTRIBUTION_CUES.some((cue) => phraseAt(p.units, k, cue))) {
        const who = p.mentions.find((m) => m.from > k && m.to <= b && m.type === 'entity' && ['ORGANIZATION', 'PERSON', 'COUNTRY'].includes(m.entry!.kind));
        if (who) return { entry: who.entry!, at: who.from };
      }
    }
    return null;
  }

  private attendeeCut(p: ParagraphFacts, a: number, b: number): number {
    for (let k = a; k <= b; k += 1) if (ATTENDEE_CUES.some((cue) => phraseAt(p.units, k, cue))) return k;
    return b + 1;
  }

  private certaintyOf(p: ParagraphFacts, a: number, b: number) {
    const c = this.claimer(p, a, b);
    return c ? { certainty: 'attributed' as const, claimedBy: this.entity(c.entry), claimerId: c.entry.id } : { certainty: 'stated' as const, claimedBy: null, claimerId: null };
  }

  private topicsIn(p: ParagraphFacts, a: number, b: number): string[] {
    const topics = new Set<string>();
    for (const t of this.ofKinds(p, a, b, ['TOPIC'])) topics.add(t.entry.id);
    for (let k = a; k <= b; k += 1) {
      const two = `${p.units[k]!.norm} ${p.units[k + 1]?.norm ?? ''}`;
      const name = TOPIC_KEYS.get(two) ?? cliticVariants(p.units[k]!.norm).map((v) => TOPIC_KEYS.get(v)).find(Boolean);
      if (name) topics.add(name);
    }
    return [...topics];
  }

  // ── the rules ─────────────────────────────────────────────────────────────────────────────

  read(): Proposal[] {
    for (const p of this.doc.paragraphs) {
      for (const t of p.triggers) {
        if (t.kinds.includes('visit') || t.kinds.includes('arrive')) this.visitAt(p, t);
        if (t.kinds.includes('receive')) this.receptionAt(p, t);
        if (t.kinds.includes('meet') || t.kinds.includes('talks')) this.meetingAt(p, t);
      }
      this.discussions(p);
      this.tourIn(p);
      this.precedentsIn(p);
      this.postsIn(p);
      this.armsIn(p);
      this.statementsIn(p);
    }
    return this.proposals;
  }

  private visitAt(p: ParagraphFacts, t: Trigger): void {
    const units = p.units;
    const [a, b] = sentenceRange(units, t.at);
    // "حلّ بالجزائر" / "حلّ ضيفا": the verb حل alone also means "a solution".
    if (['حل', 'حلت', 'يحل', 'تحل'].includes(t.norm) && !/^(ب|ضيف)/.test(units[t.at + 1]?.norm ?? '')) return;
    // "the first visit ... since": the earlier visit is a precedent, not a visit of this sentence's subject.
    const people = this.people(p, a, b);
    let traveler: Located | undefined;
    let how = 'subject';
    if (NOMINAL_TRIGGERS.has(t.norm)) traveler = people.find((x) => x.m.from > t.at && x.m.from <= t.at + 4 && x.m.from > t.at);
    if (!traveler) traveler = people.filter((x) => x.m.to < t.at).at(-1);
    const placesAfter = this.places(p, t.at + 1, b);
    if (!traveler) {
      const after = people.find((x) => x.m.from > t.at);
      const firstPlace = placesAfter[0];
      if (after && (!firstPlace || after.m.from < firstPlace.m.from)) traveler = after;
    }
    if (!traveler && POSSESSIVE_TRIGGERS.has(t.norm) && this.currentTraveler) {
      traveler = this.currentTraveler;
      how = 'possessive';
    }
    if (!traveler || traveler.entry.kind !== 'PERSON') return;
    const ownCountry = traveler.m.titleCountry?.id ?? null;
    const clause = units[t.at]!.clause;
    // The country visited is named in the trigger's own clause ("arrived in Algiers", "زيارة إلى
    // الجزائر"); a place after a comma ("During the visit, ... Libya") is something else.
    // After "since", places belong to the earlier visit ("the first ... since his trip to X").
    const sinceAt = units.findIndex((u, k) => k > t.at && k <= b && SINCE_WORDS.has(u.norm));
    // A visit noun names its country behind a preposition ("trip to", "زيارة إلى", "بالجزائر").
    const nominal = NOMINAL_TRIGGERS.has(t.norm) || POSSESSIVE_TRIGGERS.has(t.norm);
    const introduced = (x: Located) => {
      const first = units[x.m.from]!;
      return HOST_PREPOSITIONS.has(units[x.m.from - 1]?.norm ?? '') || (first.norm !== cliticVariants(first.norm).at(-1) && /^[بل]/.test(first.norm));
    };
    const hostPlace =
      placesAfter.find(
        (x) =>
          units[x.m.from]!.clause === clause &&
          (sinceAt < 0 || x.m.from < sinceAt) &&
          (!nominal || introduced(x)) &&
          this.countryOf(x.entry) &&
          this.countryOf(x.entry)!.id !== ownCountry &&
          x.m.from !== traveler!.m.from,
      ) ??
      this.places(p, a, t.at - 1).filter((x) => units[x.m.from]!.clause === clause && this.countryOf(x.entry)?.id !== ownCountry).at(-1);
    if (!hostPlace) return;
    const host = this.countryOf(hostPlace.entry)!;
    const date = this.dateNear(p, a, b, t.at);
    const { certainty, claimedBy } = this.certaintyOf(p, a, b);
    const city = hostPlace.entry.kind === 'CITY' ? hostPlace.entry : null;
    let confidence = 0.85;
    if (!date?.date) confidence -= 0.2;
    else if (date.certainty === 'inferred') confidence -= 0.05;
    if (!traveler.entry.inGraph) confidence -= 0.05;
    if (traveler.m.type === 'title' || how === 'possessive') confidence -= 0.1;
    if (certainty === 'attributed') confidence -= 0.05;
    const spans = [spanOf(p, t.at, t.at), spanOf(p, traveler.m.from, traveler.m.to), spanOf(p, hostPlace.m.from, hostPlace.m.to)];
    if (date) spans.push(spanOf(p, date.from, date.to));
    const visit: VisitProposal = {
      id: this.nextId(),
      type: 'visit',
      summary: '',
      paragraphs: [p.paragraph.index],
      spans,
      certainty,
      claimedBy,
      confidence: round(confidence),
      traveler: this.person(traveler.entry, traveler.m),
      host: this.entity(host),
      city: city ? this.entity(city) : null,
      places: [...(city ? [this.entity(city)] : []), ...this.ofKinds(p, a, b, ['PLACE']).map((x) => this.entity(x.entry))],
      date: date?.date ?? null,
      endDate: date?.endDate ?? null,
      dateCertainty: date ? date.certainty : 'unresolved',
      dateNote: date ? date.note : 'the text gives no date for this visit',
      tour: null,
    };
    this.proposals.push(visit);
    this.currentTraveler = { entry: traveler.entry, m: traveler.m };
  }

  private receptionAt(p: ParagraphFacts, t: Trigger): void {
    const [a, b] = sentenceRange(p.units, t.at);
    const cut = this.attendeeCut(p, a, b);
    const people = this.people(p, a, cut - 1);
    const before = people.filter((x) => x.m.to < t.at);
    const after = people.filter((x) => x.m.from > t.at);
    let host: Located | undefined;
    let guest: Located | undefined;
    const objectPronoun = OBJECT_PRONOUN_TRIGGERS.has(t.norm) || OBJECT_PRONOUNS.has(p.units[t.at + 1]?.norm ?? '');
    if (p.units[t.at + 1]?.norm === 'by') {
      guest = before.at(-1);
      host = after[0];
    } else if (objectPronoun && this.currentTraveler) {
      // "X received him", "واستقبلها الرئيس": the guest is the traveler already named.
      guest = this.currentTraveler;
      host = before.at(-1) ?? after[0];
    } else if (before.length > 0) {
      host = before.at(-1);
      guest = after[0];
    } else {
      host = after[0];
      guest = after[1];
    }
    if (!host || !guest || host.entry.id === guest.entry.id) return;
    const date = this.dateNear(p, a, b, t.at);
    const attendees = this.people(p, cut, b).filter((x) => x.entry.id !== host!.entry.id && x.entry.id !== guest!.entry.id);
    this.addMeeting(p, [guest, host], attendees, date, [spanOf(p, t.at, t.at)], a, b);
    // The guest visited the host's country, where the text says which it is.
    const place = this.places(p, a, b).find((x) => this.countryOf(x.entry) && this.countryOf(x.entry)!.id !== guest!.m.titleCountry?.id && !people.some((y) => y.m.from <= x.m.from && y.m.to >= x.m.to));
    const country = host.m.titleCountry ?? (place ? this.countryOf(place.entry) : null);
    if (!country || country.id === guest.m.titleCountry?.id) return;
    const { certainty, claimedBy } = this.certaintyOf(p, a, b);
    this.proposals.push({
      id: this.nextId(),
      type: 'visit',
      summary: '',
      paragraphs: [p.paragraph.index],
      spans: [spanOf(p, t.at, t.at), spanOf(p, guest.m.from, guest.m.to), spanOf(p, host.m.from, host.m.to)],
      certainty,
      claimedBy,
      confidence: round(date?.date ? 0.7 : 0.55),
      traveler: this.person(guest.entry, guest.m),
      host: this.entity(country),
      city: place?.entry.kind === 'CITY' ? this.entity(place.entry) : null,
      places: place?.entry.kind === 'CITY' ? [this.entity(place.entry)] : [],
      date: date?.date ?? null,
      endDate: date?.endDate ?? null,
      dateCertainty: date ? date.certainty : 'unresolved',
      dateNote: date ? date.note : 'the text gives no date for this visit',
      tour: null,
    });
    this.currentTraveler ??= { entry: guest.entry, m: guest.m };
  }

  private meetingAt(p: ParagraphFacts, t: Trigger): void {
    const units = p.units;
    const [a, b] = sentenceRange(units, t.at);
    // Verbs of discussing make a meeting only "with" someone ("بحث مع", "discussed with").
    const isVerb = !['محادثات', 'مباحثات', 'talks', 'meeting', 'لقاء', 'اجتماع'].includes(t.norm);
    const hasWith = units.slice(t.at + 1, b + 1).some((u) => WITH_WORDS.has(u.norm) || /^مع/.test(u.norm));
    if (t.kinds.includes('talks') && !t.kinds.includes('meet') && isVerb && !hasWith) return;
    // "He met X before both men joined Y": each clause is its own meeting.
    let lo = a;
    let hi = b;
    for (let k = t.at - 1; k > a; k -= 1) if (CLAUSE_WORDS.has(units[k]!.norm)) (lo = k + 1), (k = a);
    for (let k = t.at + 1; k < b; k += 1) if (CLAUSE_WORDS.has(units[k]!.norm)) (hi = k - 1), (k = b);
    const cut = this.attendeeCut(p, lo, hi);
    const claim = this.claimer(p, a, b);
    const principals = this.people(p, lo, cut - 1).filter((x) => x.entry.id !== claim?.entry.id && !(claim && x.m.from === claim.at));
    // "He also held talks with ...": the pronoun before the verb is the traveler of the story.
    const pronoun = units.slice(lo, t.at).some((u) => u.norm === 'he' || u.norm === 'she');
    if (pronoun && this.currentTraveler && !principals.some((x) => x.m.from < t.at)) principals.unshift(this.currentTraveler);
    const distinct = principals.filter((x, i) => principals.findIndex((y) => y.entry.id === x.entry.id) === i);
    if (distinct.length < 2) return;
    const attendees = this.people(p, cut, hi).filter((x) => !distinct.some((y) => y.entry.id === x.entry.id));
    const date = this.dateNear(p, a, b, t.at);
    this.addMeeting(p, distinct, attendees, date, [spanOf(p, t.at, t.at)], a, b);
  }

  private addMeeting(p: ParagraphFacts, principals: Located[], attendees: Located[], date: FoundDate | null, spans: Span[], a: number, b: number): void {
    const { certainty, claimedBy } = this.certaintyOf(p, a, b);
    let confidence = 0.85;
    if (!date?.date) confidence -= 0.1;
    if (principals.some((x) => x.m.type === 'title')) confidence -= 0.1;
    if (principals.some((x) => !x.entry.inGraph)) confidence -= 0.05;
    if (certainty === 'attributed') confidence -= 0.05;
    const meeting: MeetingProposal = {
      id: this.nextId(),
      type: 'meeting',
      summary: '',
      paragraphs: [p.paragraph.index],
      spans: [...spans, ...principals.map((x) => spanOf(p, x.m.from, x.m.to)), ...attendees.map((x) => spanOf(p, x.m.from, x.m.to))],
      certainty,
      claimedBy,
      confidence: round(confidence),
      participants: principals.map((x) => this.person(x.entry, x.m)),
      attendees: attendees.map((x) => this.person(x.entry, x.m)),
      date: date?.date ?? null,
      endDate: date?.endDate ?? null,
      dateCertainty: date ? date.certainty : 'unresolved',
      dateNote: date ? date.note : null,
      city: null,
      topics: this.topicsIn(p, a, b),
    };
    this.proposals.push(meeting);
    this.lastMeeting = meeting;
  }

  /** "The two sides discussed Libya": topics for the meeting already named. */
  private discussions(p: ParagraphFacts): void {
    if (!this.lastMeeting) return;
    for (const t of p.triggers) {
      if (!t.kinds.includes('discuss')) continue;
      const [a, b] = sentenceRange(p.units, t.at);
      const people = this.people(p, a, b).map((x) => x.entry.id);
      const sides = Array.from({ length: b - a + 1 }, (_, k) => a + k).some((k) => BOTH_SIDES.some((c) => phraseAt(p.units, k, c)));
      const ids = this.lastMeeting.participants.map((x) => x.id);
      if (!sides && !people.some((id) => ids.includes(id))) continue;
      const topics = this.topicsIn(p, a, b);
      for (const place of this.ofKinds(p, t.at + 1, b, ['COUNTRY', 'REGION'])) topics.push(place.entry.name);
      if (topics.length === 0) continue;
      this.lastMeeting.topics = [...new Set([...this.lastMeeting.topics, ...topics])];
      if (!this.lastMeeting.paragraphs.includes(p.paragraph.index)) this.lastMeeting.paragraphs.push(p.paragraph.index);
      this.lastMeeting.spans.push(spanOf(p, t.at, t.at));
    }
  }

  /** A paragraph about a tour or a departure names the other stops of the traveler's trip. */
  private tourIn(p: ParagraphFacts): void {
    const tourWords = p.triggers.filter((t) => t.kinds.includes('tour') || t.kinds.includes('depart'));
    if (tourWords.length === 0) return;
    const named = this.people(p, 0, p.units.length - 1).map((x) => x.entry);
    const visits = this.proposals.filter((x): x is VisitProposal => x.type === 'visit');
    const anchor = [...visits].reverse().find((v) => named.some((e) => e.id === v.traveler.id)) ?? (named.length === 0 ? visits.at(-1) : undefined);
    if (!anchor) return;
    const travelerCountry = this.doc.paragraphs.flatMap((x) => x.mentions).find((m) => (this.doc.personOf(m)?.id === anchor.traveler.id) && m.titleCountry)?.titleCountry?.id;
    const stops: Located[] = [];
    for (const place of this.places(p, 0, p.units.length - 1)) {
      const country = this.countryOf(place.entry);
      if (!country || country.id === anchor.host.id || country.id === travelerCountry) continue;
      if (stops.some((s) => this.countryOf(s.entry)!.id === country.id)) continue;
      stops.push(place);
    }
    if (stops.length === 0) return;
    const year = (anchor.date ?? this.doc.published ?? '').slice(0, 4);
    const tour = {
      name: `${anchor.traveler.name} tour${year ? `, ${year}` : ''}`,
      nameAr: anchor.traveler.nameAr ? `جولة ${anchor.traveler.nameAr}${year ? ` ${year}` : ''}` : null,
      stops: [anchor.host, ...stops.map((s) => this.entity(this.countryOf(s.entry)!))],
    };
    anchor.tour = tour;
    for (const t of tourWords) anchor.spans.push(spanOf(p, t.at, t.at));
    if (!anchor.paragraphs.includes(p.paragraph.index)) anchor.paragraphs.push(p.paragraph.index);
    for (const stop of stops) {
      const country = this.countryOf(stop.entry)!;
      this.proposals.push({
        id: this.nextId(),
        type: 'visit',
        summary: '',
        paragraphs: [p.paragraph.index],
        spans: [spanOf(p, stop.m.from, stop.m.to), ...tourWords.map((t) => spanOf(p, t.at, t.at))],
        certainty: 'stated',
        claimedBy: null,
        confidence: round(year ? 0.6 : 0.45),
        traveler: { ...anchor.traveler },
        host: this.entity(country),
        city: stop.entry.kind === 'CITY' ? this.entity(stop.entry) : null,
        places: stop.entry.kind === 'CITY' ? [this.entity(stop.entry)] : [],
        date: year || null,
        endDate: null,
        dateCertainty: year ? 'inferred' : 'unresolved',
        dateNote: year ? 'another stop of the same tour: only the year is known' : 'another stop of the same tour; no date',
        tour,
      });
    }
  }

  /** "The first visit by a defence secretary since Donald Rumsfeld in February 2006." */
  private precedentsIn(p: ParagraphFacts): void {
    const units = p.units;
    for (let k = 0; k < units.length; k += 1) {
      if (!FIRST_WORDS.has(units[k]!.norm)) continue;
      const [a, b] = sentenceRange(units, k);
      let since = -1;
      for (let j = k + 1; j <= b; j += 1) if (SINCE_WORDS.has(units[j]!.norm)) (since = j), (j = b + 1);
      if (since < 0 || since - k > 14) continue;
      const date = p.dates.find((d) => d.from > since && d.to <= b && d.date);
      if (!date?.date) continue;
      const later = this.currentTraveler;
      const earlier = this.people(p, since + 1, b).find((x) => x.entry.id !== later?.entry.id);
      const isHost = (x: Located) => Boolean(this.countryOf(x.entry)) && this.countryOf(x.entry)!.id !== later?.m.titleCountry?.id;
      const hostPlace = this.places(p, k + 1, since - 1).find(isHost) ?? this.places(p, a, k - 1).filter((x) => isHost(x) && p.units[x.m.from]!.clause === p.units[k]!.clause).at(-1);
      const visits = this.proposals.filter((x): x is VisitProposal => x.type === 'visit');
      const anchor = [...visits].reverse().find((v) => !later || v.traveler.id === later.entry.id);
      const host = hostPlace ? this.countryOf(hostPlace.entry)! : anchor ? this.doc.gazetteer.byId.get(anchor.host.id) ?? null : null;
      if (!host) continue;
      const post = earlier?.m.role ?? p.mentions.find((m) => m.from > k && m.to < since && m.title)?.role ?? null;
      const { certainty, claimedBy } = this.certaintyOf(p, a, b);
      const spans = [spanOf(p, k, k), spanOf(p, since, since), spanOf(p, date.from, date.to)];
      if (earlier) spans.push(spanOf(p, earlier.m.from, earlier.m.to));
      const precedent: PrecedentProposal = {
        id: this.nextId(),
        type: 'precedent',
        summary: '',
        paragraphs: [p.paragraph.index],
        spans,
        certainty,
        claimedBy,
        confidence: round(earlier ? 0.8 : 0.6),
        traveler: earlier ? this.person(earlier.entry, earlier.m) : null,
        host: this.entity(host),
        date: date.date,
        post,
        of: anchor ? { traveler: anchor.traveler, host: anchor.host, date: anchor.date } : later ? { traveler: this.entity(later.entry), host: this.entity(host), date: null } : null,
      };
      this.proposals.push(precedent);
      k = b;
    }
  }

  /** "Algerian President Abdelmadjid Tebboune": the post a person holds, as the text states it. */
  private postsIn(p: ParagraphFacts): void {
    p.mentions.forEach((m, i) => {
      // "Name, title" as well as "title Name": "الفريق السعيد شنقريحة رئيس أركان الجيش",
      // "عبد المجيد تبون، القائد الأعلى للقوات المسلحة ووزير الدفاع".
      const next = p.mentions[i + 1];
      if (m.type === 'entity' && m.entry?.kind === 'PERSON' && next?.type === 'title' && next.from === m.to + 1 && /^[\s،,]*$/.test(p.units[next.from]!.gap)) {
        this.postOf(p, m, next, m.from, next.to);
        const then = p.mentions[i + 2];
        if (then?.type === 'title' && then.from === next.to + 1 && /^و/.test(p.units[then.from]!.norm)) this.postOf(p, m, then, m.from, then.to);
      }
      if (m.type !== 'entity' || m.entry?.kind !== 'PERSON' || !m.title || (m.title.rank && !m.position)) return;
      this.postOf(p, m, m, m.from, m.to);
    });
  }

  /** HOLDS_POSITION from a person mention and the title that goes with it. */
  private postOf(p: ParagraphFacts, person: Mention, title: Mention, from: number, to: number): void {
    if (!title.title || (title.title.rank && !title.position) || !person.entry) return;
    // A former holder ("the former defence minister") does not hold the post any more.
    if (/\b(former|then)\b|السابق|الأسبق/.test(title.role ?? '')) return;
    const position = title.position ?? this.positionFor(title);
    if (!position) return;
    this.proposals.push({
      id: this.nextId(),
      type: 'relation',
      summary: '',
      paragraphs: [p.paragraph.index],
      spans: [spanOf(p, from, to)],
      certainty: 'stated',
      claimedBy: null,
      confidence: round(title.position ? 0.8 : 0.7),
      relation: 'HOLDS_POSITION',
      from: this.person(person.entry, person),
      to: this.entity(position),
      properties: { role: title.role ?? '' },
    });
  }

  private positionFor(m: Mention): Entry | null {
    const country = m.titleCountry;
    if (!country || !m.title) return null;
    const label = m.title.label;
    const name = `${label} of ${country.name}`;
    const g = this.doc.gazetteer;
    const known = g.find('POSITION', name) ?? g.find('POSITION', `${country.name} ${label}`) ?? (m.role ? g.find('POSITION', m.role) : undefined);
    if (known) return known;
    const arabicRole = m.role && /[\u0600-\u06FF]/.test(m.role) ? m.role : null;
    const entry: Entry = { id: entityId('POSITION', name), kind: 'POSITION', name, nameAr: arabicRole, country: country.id, inGraph: false, origin: `the title "${m.role}"` };
    g.add(entry, [name, ...(arabicRole ? [arabicRole] : [])]);
    return entry;
  }

  /** "Algeria, which buys 90% of its arms from Russia." */
  private armsIn(p: ParagraphFacts): void {
    const text = p.paragraph.text;
    for (const m of text.matchAll(/(\d+(?:[.,]\d+)?)\s*(?:%|٪|percent|per cent|في ?المئة|بالمئة|في ?المائة)/gu)) {
      const at = p.units.findIndex((u) => u.start >= m.index);
      if (at < 0) continue;
      const [a, b] = sentenceRange(p.units, at);
      if (!p.units.slice(a, b + 1).some((u) => cliticVariants(u.norm).some((v) => ARMS_WORDS.has(v)))) continue;
      const countries = this.places(p, a, b).filter((x) => x.entry.kind === 'COUNTRY');
      const buyer = countries.filter((x) => x.m.to < at).at(-1);
      const supplier = countries.find((x) => x.m.from > at);
      if (!buyer || !supplier || buyer.entry.id === supplier.entry.id) continue;
      const share = Math.round(Number(m[1]!.replace(',', '.')) * 10) / 1000;
      this.proposals.push({
        id: this.nextId(),
        type: 'relation',
        summary: '',
        paragraphs: [p.paragraph.index],
        spans: [spanOf(p, buyer.m.from, buyer.m.to), { paragraph: p.paragraph.index, start: m.index, end: m.index + m[0].length }, spanOf(p, supplier.m.from, supplier.m.to)],
        ...this.certaintyOf(p, a, b),
        confidence: 0.75,
        relation: 'BUYS_ARMS_FROM',
        from: this.entity(buyer.entry),
        to: this.entity(supplier.entry),
        properties: { share },
      } as RelationProposal);
    }
  }

  /** A statement, a communiqué, or someone's words: who issued it, where. */
  private statementsIn(p: ParagraphFacts): void {
    const units = p.units;
    const seen = new Set<number>();
    for (let k = 0; k < units.length; k += 1) {
      const variants = cliticVariants(units[k]!.norm);
      const isStatement = variants.some((v) => STATEMENT_WORDS.has(v));
      const isSay = variants.some((v) => SAY_WORDS.has(v));
      if (!isStatement && !isSay) continue;
      const [a, b] = sentenceRange(units, k);
      if (seen.has(a)) continue;
      const speakers = p.mentions.filter((m) => m.from >= a && m.to <= b && (this.doc.personOf(m) || m.entry?.kind === 'ORGANIZATION'));
      let who: Mention | undefined;
      if (isStatement) who = speakers.find((m) => m.from > k && m.entry?.kind === 'ORGANIZATION') ?? speakers.find((m) => m.from > k);
      else who = speakers.find((m) => m.from > k && m.from <= k + 3) ?? speakers.filter((m) => m.to < k && m.to >= k - 4).at(-1);
      let issuer = who ? (this.doc.personOf(who) ?? who.entry) : null;
      if (!issuer && isSay && ['اضاف', 'اضافت', 'added'].some((w) => variants.includes(w)) && this.lastStatementIssuer) {
        issuer = this.doc.gazetteer.byId.get(this.lastStatementIssuer.id) ?? null;
      }
      if (!issuer) continue;
      seen.add(a);
      const date = this.dateNear(p, a, b, k);
      const issuerEntity = this.entity(issuer);
      this.lastStatementIssuer = issuerEntity;
      const statement: StatementProposal = {
        id: this.nextId(),
        type: 'statement',
        summary: '',
        paragraphs: [p.paragraph.index],
        spans: [spanOf(p, k, k), ...(who ? [spanOf(p, who.from, who.to)] : [])],
        certainty: 'stated',
        claimedBy: null,
        confidence: 0.6,
        issuer: issuerEntity,
        date: date?.date ?? null,
        about: null,
      };
      this.proposals.push(statement);
    }
  }
}
