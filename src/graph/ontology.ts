/**
 * The graph's vocabulary, the one place it is written: kinds of entity with their labels (which
 * are also their GraphQL types) and their names in both languages, the event sub-labels, the
 * certainties, and every relationship type with its ends, who writes it and its names. The rest
 * is derived from here: the API's type resolution and type conditions, the labels a read may
 * match, the visit writer's edge types, Query.relationshipTypes and the explorer's kinds and
 * labels. What cannot be derived (schema.graphql's EntityKind and Entity types, ONTOLOGY.md's
 * tables) is checked against it by tests/ontology.test.ts.
 */

/** A kind of entity: the label it carries beside :Entity (also its GraphQL type) and its names. */
interface KindEntry {
  label: string;
  en: string;
  ar: string;
}

export const KINDS = {
  PERSON: { label: 'Person', en: 'Person', ar: 'شخص' },
  COUNTRY: { label: 'Country', en: 'Country', ar: 'دولة' },
  CITY: { label: 'City', en: 'City', ar: 'مدينة' },
  REGION: { label: 'Region', en: 'Region', ar: 'منطقة' },
  ORGANIZATION: { label: 'Organization', en: 'Organization', ar: 'منظمة' },
  POSITION: { label: 'Position', en: 'Position (post)', ar: 'منصب' },
  PLACE: { label: 'Place', en: 'Place', ar: 'مكان' },
  EVENT: { label: 'Event', en: 'Event', ar: 'حدث' },
  AGREEMENT: { label: 'Agreement', en: 'Agreement', ar: 'اتفاقية' },
  TOPIC: { label: 'Topic', en: 'Topic', ar: 'موضوع' },
  STATEMENT: { label: 'Statement', en: 'Statement', ar: 'تصريح' },
  SOURCE: { label: 'Source', en: 'Source', ar: 'مصدر' },
} as const satisfies Record<string, KindEntry>;

export type EntityKindName = keyof typeof KINDS;
export const ENTITY_KINDS = Object.keys(KINDS) as EntityKindName[];

/** The label each kind carries beside :Entity. */
export const KIND_LABEL = Object.fromEntries(ENTITY_KINDS.map((k) => [k, KINDS[k].label])) as { [K in EntityKindName]: (typeof KINDS)[K]['label'] };

/**
 * Extra labels on EVENT nodes that the visit model gives a structure to; each is also a GraphQL
 * type of its own, and a node carrying one resolves to it rather than to Event.
 */
export const EVENT_SUBTYPES = {
  Visit: { en: 'Visit', ar: 'زيارة' },
  Meeting: { en: 'Meeting', ar: 'لقاء' },
  Tour: { en: 'Tour', ar: 'جولة' },
} as const satisfies Record<string, Omit<KindEntry, 'label'>>;

export type EventSublabel = keyof typeof EVENT_SUBTYPES;
export const EVENT_SUBLABELS = Object.keys(EVENT_SUBTYPES) as EventSublabel[];

/** Every label an entity node may carry: Entity, one per kind, and the event sub-labels. */
export const ENTITY_LABELS: readonly string[] = ['Entity', ...Object.values(KIND_LABEL), ...EVENT_SUBLABELS];

/** The most specific label of an entity node: its kind's, or an event sub-label. */
export type EntityTypeName = (typeof KINDS)[EntityKindName]['label'] | EventSublabel;

/** The kind a label stands for (an event sub-label is an EVENT); undefined for other labels. */
export function kindOfLabel(label: string): EntityKindName | undefined {
  if ((EVENT_SUBLABELS as string[]).includes(label)) return 'EVENT';
  return ENTITY_KINDS.find((k) => KINDS[k].label === label);
}

/**
 * The most specific type of an entity node: its event sub-label, else its kind's label (an
 * unknown kind reads as an Event). The GraphQL type of the node has this name.
 */
export function entityTypeOf(entity: { kind?: string | null; labels?: readonly string[] | null }): EntityTypeName {
  const sublabel = EVENT_SUBLABELS.find((label) => entity.labels?.includes(label));
  return sublabel ?? (KINDS as Record<string, KindEntry & { label: EntityTypeName }>)[entity.kind ?? '']?.label ?? 'Event';
}

/** How sure we are of a fact, and on whose word. */
export const CERTAINTIES = ['stated', 'attributed', 'external'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

/**
 * Who writes a relationship type:
 *   - `visit`: derived from the visits in statements of their own (link-tours, link-precedents);
 *   - `visit-edges`: the visit writer, through the one edge statement write-edges.cypher;
 *   - `mentions`: the writer of a source's mentions;
 *   - `relation`: recordRelation, the importer's relation records and the article files.
 * A type no `relation` writer may write is structural: it exists only as part of what its
 * writer records (a visit, a meeting, a source).
 */
export type Writer = 'visit' | 'visit-edges' | 'mentions' | 'relation';

interface RelationshipEntry {
  /** The labels its start may carry, `|`-separated (`Entity`: any). */
  from: string;
  to: string;
  writtenBy: readonly Writer[];
  /** Its name in Arabic, as the explorer shows it (English shows the type in lower case). */
  ar: string;
  meaning: string;
}

const RELATIONSHIPS = {
  // The direct graph, written together with the visit that proves it.
  VISITED: { from: 'Person', to: 'Country', writtenBy: ['visit-edges'], ar: 'زار', meaning: 'A person travelled to a country (carries visitId and date).' },
  MET: { from: 'Person', to: 'Person', writtenBy: ['visit-edges'], ar: 'التقى', meaning: 'Two people met in person (carries meetingId, visitId where part of a visit, date, place).' },
  RECEIVED: { from: 'Person', to: 'Person', writtenBy: ['visit-edges'], ar: 'استقبل', meaning: 'A host received a visiting person (carries visitId, meetingId, date).' },
  // The event view.
  TRAVELER: { from: 'Visit', to: 'Person', writtenBy: ['visit-edges'], ar: 'المسافر', meaning: 'Who made the visit.' },
  HOST_COUNTRY: { from: 'Visit', to: 'Country', writtenBy: ['visit-edges'], ar: 'البلد المضيف', meaning: 'The country visited.' },
  ON_BEHALF_OF: { from: 'Visit', to: 'Country|Organization', writtenBy: ['visit-edges'], ar: 'نيابةً عن', meaning: 'The country or organization the traveler travelled for (given, or derived from the post held at the date: derived).' },
  IN_CITY: { from: 'Event', to: 'City', writtenBy: ['visit-edges'], ar: 'في مدينة', meaning: 'The city where a visit or meeting took place.' },
  PART_OF_TOUR: { from: 'Visit', to: 'Tour', writtenBy: ['visit-edges'], ar: 'ضمن جولة', meaning: 'The visit was one stop of a tour (carries order, 1-based by date).' },
  NEXT_STOP: { from: 'Visit', to: 'Visit', writtenBy: ['visit'], ar: 'المحطة التالية', meaning: 'The following stop of the same tour, in date order.' },
  PRECEDED_BY: { from: 'Visit', to: 'Visit', writtenBy: ['visit'], ar: 'سبقتها', meaning: 'The previous visit to the same country by a holder of the same post (carries position). Derived, never typed in.' },
  INCLUDES: { from: 'Visit', to: 'Event', writtenBy: ['visit-edges'], ar: 'تضمنت', meaning: 'A meeting or ceremony that took place during the visit.' },
  PRINCIPAL: { from: 'Meeting', to: 'Person', writtenBy: ['visit-edges'], ar: 'طرف رئيسي', meaning: 'A principal of the meeting (the traveler and whom they met).' },
  ATTENDED: { from: 'Person', to: 'Meeting', writtenBy: ['visit-edges'], ar: 'حضر', meaning: 'A person present at a meeting without being a principal.' },
  DISCUSSED: { from: 'Event', to: 'Topic', writtenBy: ['visit-edges'], ar: 'ناقش', meaning: 'A topic raised in a meeting or during a visit.' },
  HELD_AT: { from: 'Event', to: 'City|Place', writtenBy: ['visit-edges', 'relation'], ar: 'أقيم في', meaning: 'Where an event took place.' },
  // Sources.
  MENTIONS: { from: 'Source', to: 'Entity', writtenBy: ['mentions'], ar: 'يذكر', meaning: 'A source names the entity (carries the paragraphs it is named in).' },
  PUBLISHED_BY: { from: 'Source', to: 'Organization', writtenBy: ['relation'], ar: 'نشره', meaning: 'Who published the source.' },
  CREDITS_PHOTO_TO: { from: 'Source', to: 'Organization', writtenBy: ['relation'], ar: 'صورة من', meaning: 'A photo in the source is credited to this agency.' },
  // Statements.
  ISSUED_BY: { from: 'Statement', to: 'Person|Organization', writtenBy: ['relation'], ar: 'صادر عن', meaning: 'Who made or released a statement.' },
  ABOUT: { from: 'Statement|Agreement', to: 'Entity', writtenBy: ['relation'], ar: 'بشأن', meaning: 'What a statement or a text is about (a visit, a meeting, a country, a topic).' },
  // People and posts.
  HOLDS_POSITION: { from: 'Person', to: 'Position', writtenBy: ['relation'], ar: 'يشغل منصب', meaning: 'A person holds or held a post (carries since/until as partial dates, rank).' },
  POST_OF: { from: 'Position', to: 'Country|Organization', writtenBy: ['relation'], ar: 'منصب في', meaning: 'The state or body a post belongs to.' },
  WORKS_FOR: { from: 'Person', to: 'Organization', writtenBy: ['relation'], ar: 'يعمل لدى', meaning: 'A person works for an organization (carries role).' },
  // Organizations and geography.
  INSTITUTION_OF: { from: 'Organization', to: 'Country', writtenBy: ['relation'], ar: 'مؤسسة تابعة لـ', meaning: 'A state body (ministry, presidency, army, embassy) of a country.' },
  HEADQUARTERED_AT: { from: 'Organization', to: 'Place|City', writtenBy: ['relation'], ar: 'مقره في', meaning: 'Where an organization has its headquarters.' },
  LOCATED_IN: { from: 'City|Place|Region|Country|Organization', to: 'Country|City|Region', writtenBy: ['relation'], ar: 'يقع في', meaning: 'Geographic containment, or where an organization is based.' },
  REPRESENTED: { from: 'Organization', to: 'Country', writtenBy: ['relation'], ar: 'مثّل', meaning: 'An organization spoke for the people of a country (carries the period).' },
  // Relations between states and actors.
  BUYS_ARMS_FROM: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'يشتري السلاح من', meaning: 'A country buys weapons from another (carries share, 0..1, of its equipment).' },
  INTERESTED_IN: { from: 'Country', to: 'Topic|Agreement', writtenBy: ['relation'], ar: 'مهتم بـ', meaning: 'A government has an interest in a matter or a text (carries e.g. buyer).' },
  REGARDS_AS_PARTNER: { from: 'Organization|Country', to: 'Country', writtenBy: ['relation'], ar: 'يعدّه شريكاً', meaning: 'An institution or state officially describes a country as a partner (carries areas).' },
  PARTNER_OF: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'شريك', meaning: 'Two states are described as long-standing friends and partners.' },
  MILITARY_COOPERATION_WITH: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'تعاون عسكري مع', meaning: 'Two states cooperate militarily.' },
  SECURITY_RELATIONS_WITH: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'علاقات أمنية مع', meaning: 'Bilateral security relations (carries since, strength).' },
  ALLY_OF: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'حليف', meaning: 'A state is an ally of another (carries traditional).' },
  OCCUPIED: { from: 'Country', to: 'Country', writtenBy: ['relation'], ar: 'احتل', meaning: 'A state occupied another (carries date, event).' },
  SIGNED: { from: 'Country|Organization|Person', to: 'Agreement', writtenBy: ['relation'], ar: 'وقّع', meaning: 'A party signed an agreement or treaty (carries date, signatory).' },
  SUPPORTED_DIALOGUE_WITH: { from: 'Country', to: 'Organization', writtenBy: ['relation'], ar: 'دعم الحوار مع', meaning: 'A state backed negotiations with a movement (carries the period).' },
  NEGOTIATED_WITH: { from: 'Person', to: 'Organization', writtenBy: ['relation'], ar: 'فاوض', meaning: 'A leader negotiated with a movement or organization.' },
  PRESSURED: { from: 'Country', to: 'Person', writtenBy: ['relation'], ar: 'ضغط على', meaning: 'A state put pressure on a leader (carries toward).' },
  LAID_WREATH_AT: { from: 'Person', to: 'Place', writtenBy: ['relation'], ar: 'وضع إكليلاً عند', meaning: 'A person laid a wreath at a memorial (carries date, visitId).' },
  // Events and texts.
  COMMEMORATES: { from: 'Place|Event', to: 'Event', writtenBy: ['relation'], ar: 'يخلّد', meaning: 'A memorial or ceremony honours an event and its dead.' },
  INVOLVED: { from: 'Event', to: 'Entity', writtenBy: ['relation'], ar: 'شارك فيه', meaning: 'A party to an event (carries role).' },
  OCCURRED_IN: { from: 'Event', to: 'Country|Region|City', writtenBy: ['visit-edges', 'relation'], ar: 'وقع في', meaning: 'The country or region where an event happened (HELD_AT names the venue).' },
  TRIGGERED_BY: { from: 'Event', to: 'Event', writtenBy: ['relation'], ar: 'اندلع إثر', meaning: 'An event began in response to an earlier one.' },
  PUT_TO_VOTE_IN: { from: 'Agreement', to: 'Event', writtenBy: ['relation'], ar: 'طُرح للتصويت في', meaning: 'A text or provision was submitted to a vote (referendum).' },
  PEACEKEEPING_WITHIN: { from: 'Agreement', to: 'Organization', writtenBy: ['relation'], ar: 'حفظ السلام ضمن', meaning: 'A provision allows peacekeeping missions under this organization.' },
} as const satisfies Record<string, RelationshipEntry>;

export type RelationshipType = keyof typeof RELATIONSHIPS;

/** A relationship type with what follows from its entry: structural, and its name in English. */
export interface RelationshipTypeInfo extends RelationshipEntry {
  name: RelationshipType;
  structural: boolean;
  en: string;
}

function infoOf(name: RelationshipType): RelationshipTypeInfo {
  const entry: RelationshipEntry = RELATIONSHIPS[name];
  return { ...entry, name, structural: !entry.writtenBy.includes('relation'), en: name.toLowerCase().replace(/_/g, ' ') };
}

/**
 * Every relationship type the graph may hold, by name. Structural types (the visit model's and
 * the sources' own) are written by their writer only; the others may also be recorded one by one
 * (recordRelation).
 */
export const RELATIONSHIP_TYPES = Object.fromEntries(
  (Object.keys(RELATIONSHIPS) as RelationshipType[]).map((name) => [name, infoOf(name)]),
) as Record<RelationshipType, RelationshipTypeInfo>;

/** The relationship types a writer writes, in the vocabulary's order. */
export function typesWrittenBy(writer: Writer): RelationshipType[] {
  return (Object.keys(RELATIONSHIPS) as RelationshipType[]).filter((t) => RELATIONSHIP_TYPES[t].writtenBy.includes(writer));
}

/** The kinds one end of a relationship type admits; null when it admits any ('Entity'). */
export function kindsOfEnd(end: string): EntityKindName[] | null {
  const labels = end.split('|');
  if (labels.includes('Entity')) return null;
  return [...new Set(labels.map(kindOfLabel).filter((k): k is EntityKindName => k !== undefined))];
}
