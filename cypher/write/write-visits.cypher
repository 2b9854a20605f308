// One row per visit (entities already resolved to ids). A visit with the same traveler and host
// over a range of dates that overlaps one in the graph (a month that holds a day, two ranges that
// share a day) IS that visit: it is enriched, never duplicated, and the narrower of the two
// ranges becomes its date. Where several overlap, the one with the very same date wins, else the
// earliest. Each source's purpose is kept as a note (notes[i] said by noteSources[i]; `v.note` is
// the purpose, null on a row that repeats an earlier row's visit, purpose and source: every row's
// test reads the notes as they were before the statement). Every edge
// carries the provenance map $provs[toInteger(v.prov)] = {source, sources, paragraphs, certainty}; an edge
// that already exists only gains the new source in `sources`. `before` is the visit as it was
// (its properties and degree), null when this row creates it, so the caller can tell what
// changed. The visit's edges (traveler, host, VISITED, places, tour, topics) go through
// write-edges, with the dates returned here (the narrower of two datings may have won).
// Traveler and host are named by their element ids in this transaction.
CYPHER replan=skip
UNWIND $visits AS v
WITH v, $provs[toInteger(v.prov)] AS prov
MATCH (traveler) WHERE elementId(traveler) = v.traveler
MATCH (host) WHERE elementId(host) = v.host
// The traveler's visits are walked from the traveler: the pattern has no predicate the planner
// could serve from an index, and the dates are tested on the list. (With the test inside the
// pattern the planner seeks the index on Visit.dateStart instead: every visit that starts
// before this one, for every row.)
WITH v, prov, traveler, host,
  [same IN [(traveler)<-[:TRAVELER]-(s) | s]
    WHERE same:Visit AND same.dateStart <= v.dateEnd AND same.dateEnd >= v.dateStart AND (same)-[:HOST_COUNTRY]->(host)] AS overlapping
WITH v, prov, traveler, host,
  reduce(best = null, s IN overlapping |
    CASE WHEN best IS NULL THEN s
      WHEN (s.date = v.date) <> (best.date = v.date) THEN CASE WHEN s.date = v.date THEN s ELSE best END
      WHEN s.dateStart < best.dateStart OR (s.dateStart = best.dateStart AND s.id < best.id) THEN s
      ELSE best END).id AS sameId
WITH v, prov, traveler, host, coalesce(sameId, v.id) AS visitId
OPTIONAL MATCH (before:Entity {id: visitId})
WITH v, prov, traveler, host, visitId,
  CASE WHEN before IS NULL THEN null ELSE {props: properties(before), degree: COUNT { (before)--() }} END AS before
MERGE (visit:Entity {id: visitId})
  ON CREATE SET visit:Event:Visit, visit.kind = 'EVENT', visit.name = v.name, visit.aliases = [],
    visit.nameKeys = v.nameKeys, visit.date = v.date, visit.endDate = v.endDate, visit.dateStart = v.dateStart,
    visit.dateEnd = v.dateEnd, visit += prov, visit.dateCertainty = v.dateCertainty
  ON MATCH SET visit.sources = coalesce(visit.sources, []) + [s IN prov.sources WHERE NOT s IN coalesce(visit.sources, [])]
SET visit.summary = coalesce(visit.summary, v.summary),
    visit.purpose = coalesce(visit.purpose, v.purpose)
// An Arabic name only where the visit has none yet (its keys join nameKeys).
SET visit.nameKeys = CASE WHEN visit.nameAr IS NULL AND v.nameAr IS NOT NULL
      THEN visit.nameKeys + [k IN v.nameArKeys WHERE NOT k IN visit.nameKeys] ELSE visit.nameKeys END
SET visit.nameAr = coalesce(visit.nameAr, v.nameAr)
SET visit += v.properties
// The more precise of two overlapping datings wins (the visit's id stays).
SET visit += CASE WHEN duration.inDays(date(v.dateStart), date(v.dateEnd)).days
    < duration.inDays(date(visit.dateStart), date(visit.dateEnd)).days
  THEN {date: v.date, endDate: v.endDate, dateStart: v.dateStart, dateEnd: v.dateEnd} ELSE {} END
WITH v, prov, traveler, host, visit, before,
  v.note IS NOT NULL AND NOT any(i IN range(0, size(coalesce(visit.notes, [])) - 1)
    WHERE visit.notes[i] = v.note AND visit.noteSources[i] = coalesce(prov.source, '')) AS newNote
SET visit.notes = coalesce(visit.notes, []) + CASE WHEN newNote THEN [v.note] ELSE [] END,
    visit.noteSources = coalesce(visit.noteSources, []) + CASE WHEN newNote THEN [coalesce(prov.source, '')] ELSE [] END
// The places of the visit in order, merged with those other sources gave.
SET visit.places = CASE WHEN v.places IS NULL THEN visit.places
    ELSE coalesce(visit.places, []) + [p IN v.places WHERE NOT p IN coalesce(visit.places, [])] END
RETURN v.index AS index, visit.id AS visitId, elementId(visit) AS node, before, visit.date AS date, visit.endDate AS endDate
