/**
 * proposeFacts, acceptProposals, dismissProposals and articleProposals: the GraphQL face of
 * src/extract/. All need the API key (the article text and drafts are not public). Proposals are
 * handed to GraphQL as plain objects built here from the stored JSON.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Db } from '../../db/driver.js';
import type { SourceRecord } from '../../graph/records.js';
import { acceptProposals } from '../../extract/accept.js';
import { dismissProposals, proposeFacts, readExtraction, type StoredExtraction, type StoredProposal } from '../../extract/service.js';
import type { Proposal as ExtractedProposal, ProposedEntity } from '../../extract/types.js';
import { unauthenticated } from '../errors.js';
import type { MutationResolvers, QueryResolvers } from '../generated/types.js';
import { fetchEntitiesById, type Row } from '../read/queries.js';
import { subSelection } from '../read/selection.js';

type Paragraphs = Map<number, string>;

function entity(e: ProposedEntity | null | undefined) {
  return e ? { ...e, role: (e as { role?: string | null }).role ?? null } : null;
}

/** A stored proposal as the Proposal type reads it. */
export function proposalView(stored: StoredProposal, paragraphs: Paragraphs) {
  const p: ExtractedProposal = stored.proposal;
  const any = p as Partial<Record<string, unknown>> & ExtractedProposal;
  const traveler = p.type === 'visit' || p.type === 'precedent' ? p.traveler : null;
  return {
    id: stored.id,
    type: p.type,
    status: stored.status,
    summary: p.summary,
    paragraphs: p.paragraphs,
    spans: p.spans.map((s) => ({ ...s, text: (paragraphs.get(s.paragraph) ?? '').slice(s.start, s.end) })),
    certainty: p.certainty,
    claimedBy: entity(p.claimedBy),
    confidence: p.confidence,
    traveler: entity(traveler),
    host: entity(p.type === 'visit' || p.type === 'precedent' ? p.host : null),
    city: entity(p.type === 'visit' || p.type === 'meeting' ? p.city : null),
    places: p.type === 'visit' ? p.places.map(entity) : [],
    date: (any.date as string | null | undefined) ?? null,
    endDate: (any.endDate as string | null | undefined) ?? null,
    dateCertainty: (any.dateCertainty as string | undefined) ?? null,
    dateNote: (any.dateNote as string | undefined) ?? null,
    tour: p.type === 'visit' && p.tour ? { ...p.tour, stops: p.tour.stops.map(entity) } : null,
    participants: p.type === 'meeting' ? p.participants.map(entity) : [],
    attendees: p.type === 'meeting' ? p.attendees.map(entity) : [],
    topics: p.type === 'meeting' ? p.topics : [],
    relation: p.type === 'relation' ? p.relation : null,
    from: entity(p.type === 'relation' ? p.from : null),
    to: entity(p.type === 'relation' ? p.to : null),
    properties: p.type === 'relation' ? p.properties : null,
    post: p.type === 'precedent' ? p.post : null,
    precedes: p.type === 'precedent' && p.of ? { traveler: entity(p.of.traveler), host: entity(p.of.host), date: p.of.date } : null,
    issuer: entity(p.type === 'statement' ? p.issuer : null),
    about: p.type === 'statement' ? p.about : null,
    result: stored.result,
    json: p,
  };
}

function articleView(x: StoredExtraction) {
  const paragraphs: Paragraphs = new Map(x.paragraphs.map((p) => [p.index, p.text]));
  return {
    id: x.id,
    language: x.language,
    publishedAt: x.publishedAt,
    title: x.source.title ?? null,
    publisher: x.source.publisher ?? null,
    url: x.source.url ?? null,
    paragraphs: x.paragraphs,
    proposals: x.proposals.map((p) => proposalView(p, paragraphs)),
    notes: x.notes,
  };
}

function sourceOf(input: Record<string, unknown>): SourceRecord {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined && v !== '')) as SourceRecord;
}

async function entities(db: Db, info: GraphQLResolveInfo, field: string, ids: string[]): Promise<Row[]> {
  const selection = subSelection(info, [field]);
  if (!selection || ids.length === 0) return [];
  return db.read(async (tx) => (await fetchEntitiesById(tx, ids, selection)).filter((r): r is Row => r !== null));
}

/** Proposals as the API shows them, with the words of their spans from their articles. */
async function withParagraphs(db: Db, proposals: StoredProposal[]) {
  const articles = new Map<string, Paragraphs>();
  const views = [];
  for (const p of proposals) {
    // proposal:<key>-<n> belongs to extraction:<key>.
    const key = p.id.replace(/^proposal:/, 'extraction:').replace(/-\d+$/, '');
    if (!articles.has(key)) articles.set(key, new Map(((await readExtraction(db, key))?.paragraphs ?? []).map((q) => [q.index, q.text])));
    views.push(proposalView(p, articles.get(key)!));
  }
  return views;
}

export const proposalQueries: Pick<QueryResolvers, 'articleProposals'> = {
  articleProposals: async (_parent, { id }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    const found = await readExtraction(db, id);
    return found ? articleView(found) : null;
  },
};

export const proposalMutations: Pick<MutationResolvers, 'proposeFacts' | 'acceptProposals' | 'dismissProposals'> = {
  proposeFacts: async (_parent, { input }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    const stored = await proposeFacts(db, { text: input.text, source: sourceOf(input.source as Record<string, unknown>) });
    return articleView(stored);
  },

  acceptProposals: async (_parent, { ids }, { db, authorized }, info) => {
    if (!authorized) throw unauthenticated();
    const result = await acceptProposals(db, [...ids]);
    return {
      accepted: await withParagraphs(db, result.accepted),
      created: await entities(db, info, 'created', result.created),
      linked: await entities(db, info, 'linked', result.linked),
    };
  },

  dismissProposals: async (_parent, { ids }, { db, authorized }) => {
    if (!authorized) throw unauthenticated();
    return withParagraphs(db, await dismissProposals(db, [...ids]));
  },
};

export const proposalEnums = {
  DateCertainty: { STATED: 'stated', INFERRED: 'inferred', UNRESOLVED: 'unresolved' },
  ProposalStatus: { PENDING: 'pending', ACCEPTED: 'accepted', DISMISSED: 'dismissed' },
};
