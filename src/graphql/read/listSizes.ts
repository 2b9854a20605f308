/**
 * How many items each list field may return, and so how much a query may cost.
 *
 * Until every list is paged, a list field without a `first` argument returns at most its cap
 * (the first items in its documented order); the Cypher builder (project.ts) writes the cap as
 * the LIMIT of the field's subquery. The cost rule (cost.ts) counts each list field as that
 * many items, times the items of every list above it, so that a query whose nested lists
 * multiply beyond what the database can answer in time is refused before it runs.
 */

/** Caps of the list fields that take no `first`, by "Type.field". */
export const LIST_CAPS: Record<string, number> = {
  // Lists that grow with the graph (a person's or country's visits, a post's holders...) take
  // `first` and are counted in SIZE_ARGUMENTS.
  'Topic.discussedIn': 500,
  'Country.cities': 200,
  'Country.armsSuppliers': 100,
  'Country.armsCustomers': 100,
  'Agreement.parties': 100,
  // Lists of one event or fact: small in any real record.
  'Person.positions': 50,
  'Visit.meetings': 50,
  'Visit.events': 50,
  'Visit.topics': 50,
  'Visit.sources': 20,
  'Visit.places': 50,
  'Visit.notes': 50,
  'Meeting.participants': 20,
  'Meeting.participantRoles': 20,
  'Meeting.attendees': 50,
  'Meeting.attendeeRoles': 50,
  'Meeting.topics': 50,
  'Meeting.sources': 20,
  'Statement.about': 50,
  'Tour.visits': 200,
  'Provenance.sources': 20,
  // Drawable graphs: `limit` bounds the nodes; edges are those among them.
  'Graph.nodes': 1000,
  'Graph.edges': 5000,
  'Query.relationshipTypes': 100,
  // Counted on Query.visits (its `first`).
  'VisitConnection.edges': 1,
  // Counted on Query.duplicateCandidates (its `first`).
  'DuplicateCandidatePage.items': 1,
  // Connections: their edges are counted as the field's `first`.
  'MeetingConnection.edges': 1,
  'PersonConnection.edges': 1,
  'PositionHolderConnection.edges': 1,
  'EntityConnection.edges': 1,
};

/** Fields whose size is their `first` (or `limit`) argument: the default and the most allowed. */
export const SIZE_ARGUMENTS: Record<string, { arg: string; default: number; max: number }> = {
  'Query.search': { arg: 'first', default: 10, max: 100 },
  'Query.timeline': { arg: 'first', default: 100, max: 100 },
  // A connection: its edges are counted as `first` items.
  'Query.visits': { arg: 'first', default: 20, max: 100 },
  'Query.duplicateCandidates': { arg: 'first', default: 20, max: 100 },
  'Source.mentions': { arg: 'first', default: 500, max: 1000 },
  // Every entity type's relations(first:).
  '*.relations': { arg: 'first', default: 100, max: 100 },
  // Lists that grow with the data, plain (bounded) or as connections (ARGUMENT_RANGES in limits.ts).
  'Person.visits': { arg: 'first', default: 100, max: 500 },
  'Person.meetings': { arg: 'first', default: 100, max: 500 },
  'Person.met': { arg: 'first', default: 100, max: 500 },
  'Country.visitsReceived': { arg: 'first', default: 100, max: 500 },
  'Country.visitsMade': { arg: 'first', default: 100, max: 500 },
  'City.visits': { arg: 'first', default: 100, max: 500 },
  'Position.holders': { arg: 'first', default: 100, max: 500 },
  '*.visitsConnection': { arg: 'first', default: 20, max: 100 },
  '*.visitsReceivedConnection': { arg: 'first', default: 20, max: 100 },
  '*.visitsMadeConnection': { arg: 'first', default: 20, max: 100 },
  '*.meetingsConnection': { arg: 'first', default: 20, max: 100 },
  '*.metConnection': { arg: 'first', default: 20, max: 100 },
  '*.holdersConnection': { arg: 'first', default: 20, max: 100 },
  '*.mentionsConnection': { arg: 'first', default: 20, max: 100 },
  '*.factsConnection': { arg: 'first', default: 20, max: 100 },
  'Query.neighborhoodGroup': { arg: 'first', default: 20, max: 100 },
};

/** The most items a query may ask for in all, counted as described above. */
export const MAX_QUERY_ITEMS = 1_000_000;

/** The cap of a list field without `first`; lists not in the table get the smallest cap. */
export function listCap(typeName: string, fieldName: string): number {
  return LIST_CAPS[`${typeName}.${fieldName}`] ?? 50;
}

export function sizeArgument(typeName: string, fieldName: string) {
  return SIZE_ARGUMENTS[`${typeName}.${fieldName}`] ?? SIZE_ARGUMENTS[`*.${fieldName}`];
}
