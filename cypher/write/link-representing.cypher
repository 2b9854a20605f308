// Per visit just written: whom the traveler travelled for, and the post their role names.
// A visit that names no ON_BEHALF_OF gets one derived from the graph: the country of a post the
// traveler held on the visit's dates (HOLDS_POSITION since/until at their own precision, then
// POST_OF the country, or POST_OF one of its institutions), the first by id where there are several; marked derived, its certainty external.
// Then the traveler's role as the source states it ("Prime Minister") is linked to a post of that
// country whose name is the role or ends with it ("Greek Prime Minister"): its id goes on the
// TRAVELER edge as `position`. Rows: {visitId, roleKey (the normalized role, or null)}.
UNWIND $visits AS row
MATCH (visit:Entity {id: row.visitId})-[tr:TRAVELER]->(traveler)
// A country given by a source replaces one derived before it.
CALL (visit) {
  MATCH (visit)-[derived:ON_BEHALF_OF {derived: true}]->()
  WHERE EXISTS { (visit)-[given:ON_BEHALF_OF]->() WHERE given.derived IS NULL }
  DELETE derived
}
CALL (visit, traveler) {
  WITH * WHERE NOT EXISTS { (visit)-[:ON_BEHALF_OF]->() }
  MATCH (traveler)-[held:HOLDS_POSITION]->(:Position)-[:POST_OF]->()-[:INSTITUTION_OF*0..1]->(country:Country)
  WHERE (held.since IS NULL OR held.since <= left(visit.dateEnd, size(held.since)))
    AND (held.until IS NULL OR held.until >= left(visit.dateStart, size(held.until)))
  WITH visit, country ORDER BY country.id LIMIT 1
  CREATE (visit)-[r:ON_BEHALF_OF]->(country)
  SET r.source = visit.source, r.sources = coalesce(visit.sources, []), r.paragraphs = coalesce(visit.paragraphs, []),
    r.certainty = 'external', r.derived = true
}
CALL (visit, tr, row) {
  WITH * WHERE row.roleKey IS NOT NULL AND tr.position IS NULL
  MATCH (visit)-[:ON_BEHALF_OF]->(country)<-[:POST_OF]-(post:Position)
  WHERE any(k IN post.nameKeys WHERE k = row.roleKey OR k ENDS WITH ' ' + row.roleKey)
  WITH tr, post ORDER BY size(post.name), post.id LIMIT 1
  SET tr.position = post.id
}
RETURN count(*) AS visits
