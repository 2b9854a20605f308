// "The first visit by a US defense secretary since 2006", derived rather than typed in: each
// visit to a host gets PRECEDED_BY the latest earlier visit there by a holder of a post its
// traveler held at the time (HOLDS_POSITION since/until). Only visits from $since[hostId] on
// can change, so only those are reconsidered. Edges already right are left alone.
UNWIND $hosts AS h
MATCH (host:Entity {id: h.hostId})<-[:HOST_COUNTRY]-(visit:Visit)-[:TRAVELER]->(traveler)
WHERE visit.dateEnd >= h.since
OPTIONAL MATCH (traveler)-[held:HOLDS_POSITION]->(post:Position)
  WHERE (held.since IS NULL OR held.since <= visit.dateEnd)
    AND (held.until IS NULL OR held.until >= visit.dateStart)
WITH host, visit, collect(DISTINCT post) AS posts
CALL (host, visit, posts) {
  UNWIND posts AS post
  CALL (host, visit, post) {
    MATCH (host)<-[:HOST_COUNTRY]-(earlier:Visit)-[:TRAVELER]->(:Person)-[held:HOLDS_POSITION]->(post)
    WHERE earlier.dateEnd < visit.dateStart
      AND (held.since IS NULL OR held.since <= earlier.dateEnd)
      AND (held.until IS NULL OR held.until >= earlier.dateStart)
    RETURN earlier ORDER BY earlier.dateStart DESC, earlier.id DESC LIMIT 1
  }
  RETURN collect({post: post.id, earlier: earlier}) AS precedents
}
CALL (visit, precedents) {
  MATCH (visit)-[stale:PRECEDED_BY]->(other)
  WHERE none(p IN precedents WHERE p.post = stale.position AND p.earlier = other)
  DELETE stale
}
CALL (visit, precedents) {
  UNWIND precedents AS p
  WITH visit, p.post AS postId, p.earlier AS earlier
  MERGE (visit)-[link:PRECEDED_BY {position: postId}]->(earlier)
    ON CREATE SET link.source = visit.source, link.sources = visit.sources,
      link.paragraphs = visit.paragraphs, link.certainty = visit.certainty, link.derived = true
}
RETURN count(*) AS visits
