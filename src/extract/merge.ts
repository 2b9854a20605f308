/**
 * Findings about the same fact become one proposal: the same traveler and country (dates that
 * agree), the same principals, the same relation, the same precedent, the same issuer. The
 * merged proposal keeps every paragraph and span, the most precise date, `stated` when any part
 * is stated, and the highest confidence. Then meetings without a date take their visit's, and
 * every proposal gets its one-line summary.
 */
import type { MeetingProposal, PrecedentProposal, Proposal, RelationProposal, StatementProposal, VisitProposal } from './types.js';

/** Dates that can be the same day: equal, one missing, or one a coarser form of the other. */
function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return true;
  return a.startsWith(b) || b.startsWith(a);
}

function moreExact<T extends { date: string | null; endDate: string | null; dateCertainty: string; dateNote: string | null }>(into: T, from: T): void {
  const rank = (p: T) => (p.date ? p.date.length * 10 : 0) + (p.dateCertainty === 'stated' ? 2 : p.dateCertainty === 'inferred' ? 1 : 0);
  if (rank(from) > rank(into)) {
    into.date = from.date;
    into.endDate = from.endDate;
    into.dateCertainty = from.dateCertainty;
    into.dateNote = from.dateNote;
  }
}

function absorb(into: Proposal, from: Proposal): void {
  into.paragraphs = [...new Set([...into.paragraphs, ...from.paragraphs])].sort((x, y) => x - y);
  const seen = new Set(into.spans.map((s) => `${s.paragraph}:${s.start}:${s.end}`));
  for (const s of from.spans) if (!seen.has(`${s.paragraph}:${s.start}:${s.end}`)) into.spans.push(s);
  if (from.certainty === 'stated') {
    into.certainty = 'stated';
    into.claimedBy = null;
  }
  into.confidence = Math.max(into.confidence, from.confidence);
}

function keyOf(p: Proposal): string {
  switch (p.type) {
    case 'visit':
      return `visit|${p.traveler.id}|${p.host.id}`;
    case 'meeting':
      return `meeting|${[...new Set(p.participants.map((x) => x.id))].sort().join('|')}`;
    case 'relation':
      return `relation|${p.relation}|${p.from.id}|${p.to.id}`;
    case 'precedent':
      return `precedent|${p.host.id}|${p.date.slice(0, 4)}`;
    case 'statement':
      return `statement|${p.issuer.id}`;
  }
}

function dateOf(p: Proposal): string | null {
  return p.type === 'visit' || p.type === 'meeting' || p.type === 'precedent' ? p.date : null;
}

export function mergeProposals(found: Proposal[]): Proposal[] {
  const out: Proposal[] = [];
  for (const p of found) {
    const same = out.find((q) => keyOf(q) === keyOf(p) && datesAgree(dateOf(q), dateOf(p)));
    if (!same) {
      out.push(p);
      continue;
    }
    absorb(same, p);
    if (same.type === 'visit' && p.type === 'visit') {
      moreExact(same, p);
      same.city ??= p.city;
      for (const place of p.places) if (!same.places.some((x) => x.id === place.id)) same.places.push(place);
      same.tour ??= p.tour;
      same.traveler.role ??= p.traveler.role;
    } else if (same.type === 'meeting' && p.type === 'meeting') {
      moreExact(same, p);
      for (const a of p.attendees) if (!same.attendees.some((x) => x.id === a.id)) same.attendees.push(a);
      same.topics = [...new Set([...same.topics, ...p.topics])];
      for (const x of p.participants) {
        const mine = same.participants.find((y) => y.id === x.id);
        if (mine && !mine.role) mine.role = x.role;
      }
    } else if (same.type === 'precedent' && p.type === 'precedent') {
      if (!same.traveler && p.traveler) same.traveler = p.traveler;
      if (p.date.length > same.date.length) same.date = p.date;
      same.post ??= p.post;
      same.of ??= p.of;
    }
  }
  // A meeting principal who is the traveler of a visit met during it: the meeting takes the
  // visit's date and city when the text gives none of its own.
  const visits = out.filter((p): p is VisitProposal => p.type === 'visit');
  for (const m of out.filter((p): p is MeetingProposal => p.type === 'meeting')) {
    const visit = visits.find((v) => m.participants.some((x) => x.id === v.traveler.id) && v.date && (!m.date || datesAgree(v.date, m.date)) && v.date.length === 10);
    if (!visit) continue;
    m.city ??= visit.city;
    if (!m.date) {
      m.date = visit.date;
      m.endDate = visit.endDate;
      m.dateCertainty = visit.dateCertainty === 'unresolved' ? 'unresolved' : 'inferred';
      m.dateNote = `the date of ${visit.traveler.name}'s visit`;
    }
    // The traveler first, then whom they met.
    m.participants.sort((x, y) => Number(y.id === visit.traveler.id) - Number(x.id === visit.traveler.id));
  }
  // The later visit a precedent points at may have been read in a sentence without its date
  // ("the first to visit since ..."); once merged, the visit carries the date the text gave.
  for (const pr of out.filter((p): p is PrecedentProposal => p.type === 'precedent')) {
    const of = pr.of;
    if (!of) continue;
    const visit = visits.find((v) => v.traveler.id === of.traveler.id && v.host.id === of.host.id && datesAgree(v.date, of.date));
    if (visit?.date && (!of.date || visit.date.length > of.date.length)) pr.of = { ...of, date: visit.date };
  }
  for (const p of out) p.summary = summarize(p);
  out.forEach((p, i) => (p.id = `p${i + 1}`));
  for (const s of out.filter((p): p is StatementProposal => p.type === 'statement')) {
    const near = out.find((p) => (p.type === 'meeting' || p.type === 'visit') && p.paragraphs.some((n) => s.paragraphs.includes(n)));
    s.about = near ? near.summary : null;
  }
  return out;
}

function summarize(p: Proposal): string {
  const when = (d: string | null, end?: string | null) => (d ? ` (${d}${end ? ` to ${end}` : ''})` : '');
  switch (p.type) {
    case 'visit':
      return `${p.traveler.name} visits ${p.host.name}${p.city ? `, ${p.city.name}` : ''}${when(p.date, p.endDate)}`;
    case 'meeting':
      return `Meeting of ${p.participants.map((x) => x.name).join(' and ')}${when(p.date, p.endDate)}`;
    case 'relation':
      return relationSummary(p);
    case 'precedent':
      return precedentSummary(p);
    case 'statement':
      return `Statement by ${p.issuer.name}${when(p.date)}`;
  }
}

function relationSummary(p: RelationProposal): string {
  if (p.relation === 'BUYS_ARMS_FROM') return `${p.from.name} buys ${Math.round(Number(p.properties.share) * 100)}% of its arms from ${p.to.name}`;
  if (p.relation === 'HOLDS_POSITION') return `${p.from.name} holds the post of ${p.to.name}`;
  return `${p.from.name} ${p.relation} ${p.to.name}`;
}

function precedentSummary(p: PrecedentProposal): string {
  const who = p.traveler ? p.traveler.name : 'an earlier holder of the same post';
  return `Earlier visit to ${p.host.name} by ${who} (${p.date})${p.of ? `, the last before ${p.of.traveler.name}'s` : ''}`;
}
