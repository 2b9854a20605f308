// The direct edges a meeting proves, told apart by its id: (by)-[:MET]->(other), and within a
// visit (host principal)-[:RECEIVED]->(traveler). One row each; type checked by the caller.
// `$created` touch a node this transaction has just created (each key once) and are created
// outright; `$edges` are merged.
// Nodes are named by index into $ids (each id sent once).
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  WITH e, $provs[toInteger(e.prov)] AS prov
  MATCH (a:Entity {id: $ids[toInteger(e.from)]})
  MATCH (b:Entity {id: $ids[toInteger(e.to)]})
  CREATE (a)-[r:$(e.type) {meetingId: $ids[toInteger(e.meetingId)]}]->(b)
  SET r += prov, r.date = e.date, r.visitId = $ids[toInteger(e.visitId)], r.cityId = e.cityId, r.placeId = e.placeId
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e.prov)] AS prov
  MATCH (a:Entity {id: $ids[toInteger(e.from)]})
  MATCH (b:Entity {id: $ids[toInteger(e.to)]})
  MERGE (a)-[r:$(e.type) {meetingId: $ids[toInteger(e.meetingId)]}]->(b)
    ON CREATE SET r += prov, r.date = e.date, r.visitId = $ids[toInteger(e.visitId)], r.cityId = e.cityId, r.placeId = e.placeId
    ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
}
RETURN true AS done
