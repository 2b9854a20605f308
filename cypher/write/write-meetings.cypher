// One row per meeting. `m.byId` is the traveler (or the host of a meeting outside any visit);
// a meeting with the same principals and date as one in the graph IS that meeting. `before`
// is the meeting as it was (properties and degree), null when this row creates it.
UNWIND $meetings AS m
MATCH (by:Entity {id: m.byId})
OPTIONAL MATCH (visit:Entity {id: m.visitId})
OPTIONAL MATCH (same:Meeting)-[:PRINCIPAL]->(by)
  WHERE same.date = m.date
    AND all(w IN m.withIds WHERE EXISTS { (same)-[:PRINCIPAL]->(:Entity {id: w}) })
WITH m, by, visit, head(collect(same.id)) AS sameId
WITH m, by, visit, coalesce(sameId, m.id) AS meetingId
OPTIONAL MATCH (before:Entity {id: meetingId})
WITH m, by, visit, meetingId,
  CASE WHEN before IS NULL THEN null ELSE {props: properties(before), degree: COUNT { (before)--() }} END AS before
MERGE (meeting:Entity {id: meetingId})
  ON CREATE SET meeting:Event:Meeting, meeting.kind = 'EVENT', meeting.name = m.name, meeting.aliases = [],
    meeting.nameKeys = m.nameKeys, meeting.date = m.date, meeting.dateStart = m.dateStart,
    meeting.dateEnd = m.dateEnd, meeting += m.prov
  ON MATCH SET meeting.sources = coalesce(meeting.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(meeting.sources, [])]
SET meeting.summary = coalesce(meeting.summary, m.summary)
SET meeting += m.properties
MERGE (meeting)-[pb:PRINCIPAL]->(by)
  ON CREATE SET pb += m.prov
  ON MATCH SET pb.sources = coalesce(pb.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(pb.sources, [])]
WITH m, by, visit, meeting, before
CALL (m, visit, meeting) {
  WITH m, visit, meeting WHERE visit IS NOT NULL
  MERGE (visit)-[r:INCLUDES]->(meeting)
    ON CREATE SET r += m.prov
    ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
}
CALL (m, by, visit, meeting) {
  UNWIND m.withIds AS withId
  MATCH (other:Entity {id: withId})
  MERGE (meeting)-[p:PRINCIPAL]->(other)
    ON CREATE SET p += m.prov
    ON MATCH SET p.sources = coalesce(p.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(p.sources, [])]
  MERGE (by)-[met:MET {meetingId: meeting.id}]->(other)
    ON CREATE SET met += m.prov, met.date = meeting.date, met.visitId = visit.id,
      met.cityId = m.cityId, met.placeId = m.placeId
    ON MATCH SET met.sources = coalesce(met.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(met.sources, [])]
  WITH m, by, visit, meeting, other WHERE visit IS NOT NULL
  MERGE (other)-[rc:RECEIVED {meetingId: meeting.id}]->(by)
    ON CREATE SET rc += m.prov, rc.date = meeting.date, rc.visitId = visit.id
    ON MATCH SET rc.sources = coalesce(rc.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(rc.sources, [])]
}
CALL (m, meeting) {
  UNWIND m.attendeeIds AS attendeeId
  MATCH (attendee:Entity {id: attendeeId})
  MERGE (attendee)-[r:ATTENDED]->(meeting)
    ON CREATE SET r += m.prov
    ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
}
CALL (m, meeting) {
  UNWIND m.topicIds AS topicId
  MATCH (topic:Entity {id: topicId})
  MERGE (meeting)-[r:DISCUSSED]->(topic)
    ON CREATE SET r += m.prov
    ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [m.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
}
CALL (m, meeting) {
  WITH m, meeting WHERE m.cityId IS NOT NULL
  MATCH (city:Entity {id: m.cityId})
  MERGE (meeting)-[r:IN_CITY]->(city)
    ON CREATE SET r += m.prov
}
CALL (m, meeting) {
  WITH m, meeting WHERE m.placeId IS NOT NULL
  MATCH (place:Entity {id: m.placeId})
  MERGE (meeting)-[r:HELD_AT]->(place)
    ON CREATE SET r += m.prov
}
RETURN m.index AS index, meeting.id AS meetingId, before
