/**
 * What an extractor proposes. This is also the JSON that `npm run extract` prints, so it is kept
 * stable (README, "Proposals"): `{"paragraphs": n, "proposals": [...]}`.
 */
import type { EntityKindName } from '../graph/ontology.js';
import type { DateCertainty } from './dates.js';

export type { DateCertainty };

/** An entity as a proposal names it: the existing node it resolves to, or the one it would create. */
export interface ProposedEntity {
  /** The existing node's id, or the id the new node would get. */
  id: string;
  name: string;
  nameAr: string | null;
  kind: EntityKindName;
  /** True when accepting would create the entity. */
  created: boolean;
  /** Why this node: the name or alias it matched, or what made it a new entity. */
  reason: string;
}

/** A person with the role the text gives them there ("Algerian President", "رئيس أركان الجيش"). */
export interface ProposedPerson extends ProposedEntity {
  role: string | null;
}

/** A character span of evidence within a paragraph. */
export interface Span {
  paragraph: number;
  start: number;
  end: number;
}

export type ProposalType = 'visit' | 'meeting' | 'relation' | 'precedent' | 'statement';

interface ProposalBase {
  /** Stable within one extraction: "p1", "p2"... (stored proposals get a global id). */
  id: string;
  type: ProposalType;
  /** Our own one-line wording of the fact, for review. */
  summary: string;
  paragraphs: number[];
  spans: Span[];
  /** `stated` by the text, or `attributed` to someone it reports (in `claimedBy`). */
  certainty: 'stated' | 'attributed';
  claimedBy: ProposedEntity | null;
  /** 0..1: how sure the rules are. */
  confidence: number;
}

export interface VisitProposal extends ProposalBase {
  type: 'visit';
  traveler: ProposedPerson;
  host: ProposedEntity;
  city: ProposedEntity | null;
  places: ProposedEntity[];
  date: string | null;
  endDate: string | null;
  dateCertainty: DateCertainty;
  /** How the date was read, e.g. "yesterday" counted from the publication date. */
  dateNote: string | null;
  /** The tour the visit belongs to, when the text names other stops. */
  tour: { name: string; nameAr: string | null; stops: ProposedEntity[] } | null;
}

export interface MeetingProposal extends ProposalBase {
  type: 'meeting';
  participants: ProposedPerson[];
  attendees: ProposedPerson[];
  date: string | null;
  endDate: string | null;
  dateCertainty: DateCertainty;
  dateNote: string | null;
  city: ProposedEntity | null;
  topics: string[];
}

export interface RelationProposal extends ProposalBase {
  type: 'relation';
  relation: string;
  from: ProposedEntity;
  to: ProposedEntity;
  properties: Record<string, string | number>;
}

/** "The first visit by a Pentagon chief since 2006": the earlier visit, and the one it precedes. */
export interface PrecedentProposal extends ProposalBase {
  type: 'precedent';
  /** Who made the earlier visit, where the text names them. */
  traveler: ProposedPerson | null;
  host: ProposedEntity;
  date: string;
  /** The post both travelers held, as the text says it. */
  post: string | null;
  /** The later visit this one precedes. */
  of: { traveler: ProposedEntity; host: ProposedEntity; date: string | null } | null;
}

export interface StatementProposal extends ProposalBase {
  type: 'statement';
  issuer: ProposedEntity;
  date: string | null;
  /** What it is about: the visit or meeting of the same paragraphs, in words. */
  about: string | null;
}

export type Proposal = VisitProposal | MeetingProposal | RelationProposal | PrecedentProposal | StatementProposal;

export interface ExtractionInput {
  text: string;
  /** ar or en; detected from the script when absent. */
  language?: string | null;
  /** YYYY-MM-DD (or coarser); relative dates stay unresolved without a day. */
  publishedAt?: string | null;
}

export interface Extraction {
  language: 'ar' | 'en';
  publishedAt: string | null;
  paragraphs: { index: number; text: string }[];
  proposals: Proposal[];
  /** Things the reviewer should know (unresolved dates, no visit found...). */
  notes: string[];
}

/** One way of reading an article. The rule-based one is the default; a model-based one could be another. */
export interface Extractor {
  readonly name: string;
  extract(input: ExtractionInput): Extraction | Promise<Extraction>;
}
