// "The first visit by a US defense secretary since 2006", derived rather than typed in. For each
// (host country, post) touched, the chain is every visit to the host whose traveler held the
// post on the visit's date (HOLDS_POSITION since/until, compared at their own precision), in
// date order; each visit is PRECEDED_BY the latest chain visit that ended before it began.
// Touched pairs come from the visits just written ($visitIds: the posts their travelers held)
// and from posts just recorded ($pairs). Edges already right are left alone, wrong ones removed.
// Each pair's visits are found from the post's holders (a handful, each with their own visits),
// never from the host, whose visits grow with the graph. A PRECEDED_BY edge for a post only ever
// leaves a visit by one of its holders (HOLDS_POSITION is never removed), so the same walk finds
// the edges that are no longer right.
// Unlike the other write statements this one is replanned as the graph grows (no replan=skip):
// its first plan is made while the graph has no visits yet. Some bench imports that kept that
// first plan spent 1.7 s per batch here from the first batch on, growing to 4.6 s (40 ms in the
// others); replanned, the same import spends 2-6 s on it in all.
CALL () {
  UNWIND $visitIds AS visitId
  MATCH (v:Entity {id: visitId})-[:HOST_COUNTRY]->(host:Entity)
  MATCH (v)-[:TRAVELER]->(:Person)-[held:HOLDS_POSITION]->(post:Position)
  WHERE (held.since IS NULL OR held.since <= left(v.dateEnd, size(held.since)))
    AND (held.until IS NULL OR held.until >= left(v.dateStart, size(held.until)))
  RETURN host, post
  UNION
  UNWIND $pairs AS pair
  MATCH (host:Entity {id: pair.hostId})
  MATCH (post:Entity {id: pair.postId})
  RETURN host, post
}
WITH DISTINCT host, post
// Each post's holders' visits are walked once for all the hosts touched with it (not once per
// pair), each visit's host read from the visit: testing the host per row walked its thousands of edges.
WITH post, collect(host) AS hosts
CALL (post, hosts) {
  // Only the post in scope: the walk cannot start from the host, whatever the statistics say.
  CALL (post) {
    MATCH (post)<-[held:HOLDS_POSITION]-(holder)<-[:TRAVELER]-(v)-[:HOST_COUNTRY]->(host)
    RETURN held, v, host
  }
  WITH held, v, host WHERE host IN hosts
  WITH host, v, any(during IN collect(
      (held.since IS NULL OR held.since <= left(v.dateEnd, size(held.since)))
      AND (held.until IS NULL OR held.until >= left(v.dateStart, size(held.until)))) WHERE during) AS inChain
  ORDER BY v.dateStart, v.id
  RETURN host, collect(v) AS visits, collect(CASE WHEN inChain THEN v END) AS chain
}
CALL (post, visits, chain) {
  UNWIND visits AS v
  MATCH (v)-[old:PRECEDED_BY]->(other)
  WHERE old.position = post.id
  WITH old, other, v IN chain AS inChain, last([e IN chain WHERE e.dateEnd < v.dateStart]) AS wanted
  WHERE NOT inChain OR wanted IS NULL OR other <> wanted
  DELETE old
}
CALL (post, chain) {
  UNWIND chain AS v
  WITH post, v, last([e IN chain WHERE e.dateEnd < v.dateStart]) AS earlier
  WHERE earlier IS NOT NULL
  MERGE (v)-[link:PRECEDED_BY {position: post.id}]->(earlier)
    ON CREATE SET link.source = v.source, link.sources = v.sources,
      link.paragraphs = v.paragraphs, link.certainty = v.certainty, link.derived = true
}
RETURN count(*) AS pairs
