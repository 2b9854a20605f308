// Which visits and meetings of a batch the graph holds already, in one statement, so that the
// others (wholly new) can be created outright (create-visits.cypher) instead of merged
// (write-visits.cypher, write-meetings.cypher). A visit is known when an entity has its id or
// the same traveler has a visit to the same host over overlapping dates; a meeting, when an
// entity has its id or the same `by` has a meeting on the same date with all the same principals:
// exactly the tests those two statements make. Traveler, host and `by` are element ids.
// A concurrent writer that creates the same visit first makes this transaction's CREATE fail on
// the unique id; writeRetrying then tries again, and that attempt finds the visit and merges.
CYPHER replan=skip
CALL () {
  UNWIND $visits AS v
  MATCH (traveler) WHERE elementId(traveler) = v.traveler
  MATCH (host) WHERE elementId(host) = v.host
  // Walked from the traveler, dates tested on the list, as write-visits does (and for the same reason).
  WITH v, EXISTS { MATCH (n:Entity {id: v.id}) }
    OR any(same IN [(traveler)<-[:TRAVELER]-(s) | s]
      WHERE same:Visit AND same.dateStart <= v.dateEnd AND same.dateEnd >= v.dateStart AND (same)-[:HOST_COUNTRY]->(host)) AS known
  WHERE known
  RETURN collect(v.index) AS knownVisits
}
CALL () {
  UNWIND $meetings AS m
  MATCH (by) WHERE elementId(by) = m.by
  WITH m, EXISTS { MATCH (n:Entity {id: m.id}) }
    OR any(same IN [(s)-[:PRINCIPAL]->(by) | s]
      WHERE same:Meeting AND same.date = m.date AND all(w IN m.withIds WHERE w IN [(same)-[:PRINCIPAL]->(p) | p.id])) AS known
  WHERE known
  RETURN collect(m.index) AS knownMeetings
}
RETURN knownVisits, knownMeetings
