// Puts the stops of each tour in date order: PART_OF_TOUR.order (1-based) and NEXT_STOP
// between consecutive stops, whatever order the visits were recorded in; the tour's date and
// endDate are its first and last stops'. Edges already right are left alone, so recording the
// same visits again changes nothing.
CYPHER replan=skip
UNWIND $tourIds AS tourId
MATCH (tour:Entity {id: tourId})
CALL (tour) {
  MATCH (stop:Visit)-[part:PART_OF_TOUR]->(tour)
  WITH stop, part ORDER BY stop.dateStart, stop.id
  WITH collect(stop) AS stops, collect(part) AS parts
  SET tour.date = stops[0].date, tour.endDate = stops[-1].date,
      tour.dateStart = stops[0].dateStart, tour.dateEnd = stops[-1].dateEnd
  WITH stops, parts
  UNWIND range(0, size(stops) - 1) AS i
  WITH stops[i] AS stop, parts[i] AS part, i + 1 AS position,
       CASE WHEN i + 1 < size(stops) THEN stops[i + 1] END AS following,
       CASE WHEN i + 1 < size(stops) THEN parts[i + 1] END AS followingPart
  SET part.order = position
  WITH stop, following, followingPart
  CALL (stop, following) {
    MATCH (stop)-[wrong:NEXT_STOP]->(other)
    WHERE following IS NULL OR other <> following
    DELETE wrong
  }
  CALL (stop, following, followingPart) {
    WITH stop, following, followingPart WHERE following IS NOT NULL
    MERGE (stop)-[next:NEXT_STOP]->(following)
      ON CREATE SET next.source = followingPart.source, next.sources = followingPart.sources,
        next.paragraphs = followingPart.paragraphs, next.certainty = followingPart.certainty,
        next.derived = true
  }
}
RETURN count(*) AS tours
