// After a version of the Office of the Historian's data is loaded: what an earlier version wrote
// that this one no longer states (a record whose date, country or remark changed, or that was
// withdrawn). Visits and meetings stamped with another version (`hsgVersion`), except those of
// records that failed to load this time ($failedIds: their earlier facts stay), are
//   - kept when another source supports them: the data's sources, record ids and stamp come off;
//   - deleted otherwise, with the edges that rest on them (MET and RECEIVED of their meetings).
// Derived tours of the data that this version no longer derives ($tourIds) go too, and so do tour
// links and NEXT_STOP edges left between stops of no common tour. Returns the host and the
// traveler's posts of each deleted visit, whose precedents must be linked again.
// $site: the address every source of the data starts with; $version: the version just loaded.
MATCH (n:Entity)
WHERE (n:Visit OR n:Meeting) AND n.hsgVersion IS NOT NULL AND n.hsgVersion <> $version
  AND NOT any(id IN coalesce(n.hsgIds, []) WHERE id IN $failedIds)
WITH n, [s IN coalesce(n.sources, []) + [n.source]
  WHERE s IS NOT NULL AND NOT EXISTS { MATCH (src:Source {id: s}) WHERE src.url STARTS WITH $site }] AS others
WITH n, others, size(others) > 0 AS supported
CALL (n, others, supported) {
  WITH * WHERE supported
  SET n.sources = others, n.source = CASE WHEN n.source IN others THEN n.source ELSE others[0] END
  REMOVE n.hsgVersion, n.hsgIds
}
WITH n, supported
OPTIONAL MATCH (n:Visit)-[:HOST_COUNTRY]->(host)
OPTIONAL MATCH (n:Visit)-[:TRAVELER]->()-[:HOLDS_POSITION]->(post:Position)
WITH n, supported, host, collect(DISTINCT post.id) AS posts
CALL (n, supported) {
  WITH * WHERE NOT supported
  // Reached from the people of the meeting or visit, not by scanning every MET edge.
  MATCH (n)-[:PRINCIPAL|TRAVELER]->(person)-[proved:MET|RECEIVED]-()
  WHERE proved.meetingId = n.id OR proved.visitId = n.id
  WITH DISTINCT proved
  DELETE proved
}
CALL (n, supported) {
  WITH * WHERE NOT supported
  DETACH DELETE n
}
WITH collect(CASE WHEN NOT supported AND host IS NOT NULL THEN [host.id, posts] END) AS deleted,
  count(CASE WHEN supported THEN null ELSE 1 END) AS removed, count(CASE WHEN supported THEN 1 END) AS kept
CALL () {
  MATCH (tour:Tour)
  WHERE tour.derived = true AND tour.hsgVersion IS NOT NULL AND NOT tour.id IN $tourIds
    AND NOT EXISTS { (tour)<-[:PART_OF_TOUR]-(v:Visit) WHERE v.hsgVersion IS NULL }
  DETACH DELETE tour
}
CALL () {
  MATCH (a:Visit)-[next:NEXT_STOP]->(b:Visit)
  WHERE NOT EXISTS { (a)-[:PART_OF_TOUR]->(:Tour)<-[:PART_OF_TOUR]-(b) }
  DELETE next
}
UNWIND (CASE WHEN size(deleted) = 0 THEN [null] ELSE deleted END) AS d
RETURN d[0] AS hostId, d[1] AS postIds, removed, kept
