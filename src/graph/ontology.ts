/**
 * The graph's vocabulary in code: what writes are allowed to create. ONTOLOGY.md explains it
 * to people; tests/ontology.test.ts keeps the two and the database in step.
 */

export const ENTITY_KINDS = [
  'PERSON', 'COUNTRY', 'CITY', 'REGION', 'ORGANIZATION', 'POSITION', 'PLACE',
  'EVENT', 'AGREEMENT', 'TOPIC', 'STATEMENT', 'SOURCE',
] as const;
export type EntityKindName = (typeof ENTITY_KINDS)[number];

/** The label each kind carries beside :Entity. */
export const KIND_LABEL: Record<EntityKindName, string> = {
  PERSON: 'Person', COUNTRY: 'Country', CITY: 'City', REGION: 'Region',
  ORGANIZATION: 'Organization', POSITION: 'Position', PLACE: 'Place', EVENT: 'Event',
  AGREEMENT: 'Agreement', TOPIC: 'Topic', STATEMENT: 'Statement', SOURCE: 'Source',
};

/** Extra labels on EVENT nodes that the visit model gives a structure to. */
export const EVENT_SUBLABELS = ['Visit', 'Meeting', 'Tour'] as const;
export type EventSublabel = (typeof EVENT_SUBLABELS)[number];

/** How sure we are of a fact, and on whose word. */
export const CERTAINTIES = ['stated', 'attributed', 'external'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/**
 * Every relationship type the graph may hold. The visit model's types are written by the visit
 * writer only (`structural: true`); the others may also be recorded one by one (recordRelation).
 */
export const RELATIONSHIP_TYPES = {
  // The direct graph, written together with the visit that proves it.
  VISITED: { from: 'Person', to: 'Country', structural: true, meaning: 'A person travelled to a country (carries visitId and date).' },
  MET: { from: 'Person', to: 'Person', structural: true, meaning: 'Two people met in person (carries meetingId, visitId where part of a visit, date, place).' },
  RECEIVED: { from: 'Person', to: 'Person', structural: true, meaning: 'A host received a visiting person (carries visitId, meetingId, date).' },
  // The event view.
  TRAVELER: { from: 'Visit', to: 'Person', structural: true, meaning: 'Who made the visit.' },
  HOST_COUNTRY: { from: 'Visit', to: 'Country', structural: true, meaning: 'The country visited.' },
  ON_BEHALF_OF: { from: 'Visit', to: 'Country|Organization', structural: true, meaning: 'The country or organization the traveler travelled for (given, or derived from the post held at the date: derived).' },
  IN_CITY: { from: 'Event', to: 'City', structural: true, meaning: 'The city where a visit or meeting took place.' },
  PART_OF_TOUR: { from: 'Visit', to: 'Tour', structural: true, meaning: 'The visit was one stop of a tour (carries order, 1-based by date).' },
  NEXT_STOP: { from: 'Visit', to: 'Visit', structural: true, meaning: 'The following stop of the same tour, in date order.' },
  PRECEDED_BY: { from: 'Visit', to: 'Visit', structural: true, meaning: 'The previous visit to the same country by a holder of the same post (carries position). Derived, never typed in.' },
  INCLUDES: { from: 'Visit', to: 'Event', structural: true, meaning: 'A meeting or ceremony that took place during the visit.' },
  PRINCIPAL: { from: 'Meeting', to: 'Person', structural: true, meaning: 'A principal of the meeting (the traveler and whom they met).' },
  ATTENDED: { from: 'Person', to: 'Meeting', structural: true, meaning: 'A person present at a meeting without being a principal.' },
  DISCUSSED: { from: 'Event', to: 'Topic', structural: true, meaning: 'A topic raised in a meeting or during a visit.' },
  HELD_AT: { from: 'Event', to: 'City|Place', structural: false, meaning: 'Where an event took place.' },
  // Sources.
  MENTIONS: { from: 'Source', to: 'Entity', structural: true, meaning: 'A source names the entity (carries the paragraphs it is named in).' },
  PUBLISHED_BY: { from: 'Source', to: 'Organization', structural: false, meaning: 'Who published the source.' },
  CREDITS_PHOTO_TO: { from: 'Source', to: 'Organization', structural: false, meaning: 'A photo in the source is credited to this agency.' },
  // Statements.
  ISSUED_BY: { from: 'Statement', to: 'Person|Organization', structural: false, meaning: 'Who made or released a statement.' },
  ABOUT: { from: 'Statement|Agreement', to: 'Entity', structural: false, meaning: 'What a statement or a text is about (a visit, a meeting, a country, a topic).' },
  // People and posts.
  HOLDS_POSITION: { from: 'Person', to: 'Position', structural: false, meaning: 'A person holds or held a post (carries since/until as partial dates, rank).' },
  POST_OF: { from: 'Position', to: 'Country|Organization', structural: false, meaning: 'The state or body a post belongs to.' },
  WORKS_FOR: { from: 'Person', to: 'Organization', structural: false, meaning: 'A person works for an organization (carries role).' },
  // Organizations and geography.
  INSTITUTION_OF: { from: 'Organization', to: 'Country', structural: false, meaning: 'A state body (ministry, presidency, army, embassy) of a country.' },
  HEADQUARTERED_AT: { from: 'Organization', to: 'Place|City', structural: false, meaning: 'Where an organization has its headquarters.' },
  LOCATED_IN: { from: 'City|Place|Region|Country|Organization', to: 'Country|City|Region', structural: false, meaning: 'Geographic containment, or where an organization is based.' },
  REPRESENTED: { from: 'Organization', to: 'Country', structural: false, meaning: 'An organization spoke for the people of a country (carries the period).' },
  // Relations between states and actors.
  BUYS_ARMS_FROM: { from: 'Country', to: 'Country', structural: false, meaning: 'A country buys weapons from another (carries share, 0..1, of its equipment).' },
  INTERESTED_IN: { from: 'Country', to: 'Topic|Agreement', structural: false, meaning: 'A government has an interest in a matter or a text (carries e.g. buyer).' },
  REGARDS_AS_PARTNER: { from: 'Organization|Country', to: 'Country', structural: false, meaning: 'An institution or state officially describes a country as a partner (carries areas).' },
  PARTNER_OF: { from: 'Country', to: 'Country', structural: false, meaning: 'Two states are described as long-standing friends and partners.' },
  MILITARY_COOPERATION_WITH: { from: 'Country', to: 'Country', structural: false, meaning: 'Two states cooperate militarily.' },
  SECURITY_RELATIONS_WITH: { from: 'Country', to: 'Country', structural: false, meaning: 'Bilateral security relations (carries since, strength).' },
  ALLY_OF: { from: 'Country', to: 'Country', structural: false, meaning: 'A state is an ally of another (carries traditional).' },
  OCCUPIED: { from: 'Country', to: 'Country', structural: false, meaning: 'A state occupied another (carries date, event).' },
  SIGNED: { from: 'Country|Organization|Person', to: 'Agreement', structural: false, meaning: 'A party signed an agreement or treaty (carries date, signatory).' },
  SUPPORTED_DIALOGUE_WITH: { from: 'Country', to: 'Organization', structural: false, meaning: 'A state backed negotiations with a movement (carries the period).' },
  NEGOTIATED_WITH: { from: 'Person', to: 'Organization', structural: false, meaning: 'A leader negotiated with a movement or organization.' },
  PRESSURED: { from: 'Country', to: 'Person', structural: false, meaning: 'A state put pressure on a leader (carries toward).' },
  LAID_WREATH_AT: { from: 'Person', to: 'Place', structural: false, meaning: 'A person laid a wreath at a memorial (carries date, visitId).' },
  // Events and texts.
  COMMEMORATES: { from: 'Place|Event', to: 'Event', structural: false, meaning: 'A memorial or ceremony honours an event and its dead.' },
  INVOLVED: { from: 'Event', to: 'Entity', structural: false, meaning: 'A party to an event (carries role).' },
  OCCURRED_IN: { from: 'Event', to: 'Country|Region|City', structural: false, meaning: 'The country or region where an event happened (HELD_AT names the venue).' },
  TRIGGERED_BY: { from: 'Event', to: 'Event', structural: false, meaning: 'An event began in response to an earlier one.' },
  PUT_TO_VOTE_IN: { from: 'Agreement', to: 'Event', structural: false, meaning: 'A text or provision was submitted to a vote (referendum).' },
  PEACEKEEPING_WITHIN: { from: 'Agreement', to: 'Organization', structural: false, meaning: 'A provision allows peacekeeping missions under this organization.' },
} as const satisfies Record<string, { from: string; to: string; structural: boolean; meaning: string }>;

export type RelationshipType = keyof typeof RELATIONSHIP_TYPES;
