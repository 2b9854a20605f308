// One row per meeting. `m.byId` is the traveler (or the host of a meeting outside any visit);
// a meeting with the same principals and date as one in the graph IS that meeting. `before`
// is the meeting as it was (properties and degree), null when this row creates it. Its edges
// (its principals, `by` included, attendees, topics, city, place; MET and RECEIVED) are written
// next by write-edges. `m.by` is the element id of `m.byId` in this transaction.
CYPHER replan=skip
UNWIND $meetings AS m
WITH m, $provs[toInteger(m.prov)] AS prov
MATCH (by) WHERE elementId(by) = m.by
// The meetings of `by` are walked from `by` (a few dozen), tested on the list: as a pattern
// to match, the plan made for the first batch (kept by replan=skip) scanned every meeting.
WITH m, prov, by,
  head([same IN [(s)-[:PRINCIPAL]->(by) | s]
    WHERE same:Meeting AND same.date = m.date
      AND all(w IN m.withIds WHERE w IN [(same)-[:PRINCIPAL]->(p) | p.id]) | same.id]) AS sameId
WITH m, prov, by, coalesce(sameId, m.id) AS meetingId
OPTIONAL MATCH (before:Entity {id: meetingId})
WITH m, prov, by, meetingId,
  CASE WHEN before IS NULL THEN null ELSE {props: properties(before), degree: COUNT { (before)--() }} END AS before
MERGE (meeting:Entity {id: meetingId})
  ON CREATE SET meeting:Event:Meeting, meeting.kind = 'EVENT', meeting.name = m.name, meeting.aliases = [],
    meeting.nameKeys = m.nameKeys, meeting.date = m.date, meeting.endDate = m.endDate, meeting.dateStart = m.dateStart,
    meeting.dateEnd = m.dateEnd, meeting += prov
  ON MATCH SET meeting.sources = coalesce(meeting.sources, []) + [s IN prov.sources WHERE NOT s IN coalesce(meeting.sources, [])]
SET meeting.summary = coalesce(meeting.summary, m.summary)
// An Arabic name only where the meeting has none yet (its keys join nameKeys).
SET meeting.nameKeys = CASE WHEN meeting.nameAr IS NULL AND m.nameAr IS NOT NULL
      THEN meeting.nameKeys + [k IN m.nameArKeys WHERE NOT k IN meeting.nameKeys] ELSE meeting.nameKeys END
SET meeting.nameAr = coalesce(meeting.nameAr, m.nameAr)
SET meeting += m.properties
RETURN m.index AS index, meeting.id AS meetingId, elementId(meeting) AS node, before
