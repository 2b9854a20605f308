// The direct edges a meeting proves, told apart by its id: (by)-[:MET]->(other), and within a
// visit (host principal)-[:RECEIVED]->(traveler). One row each; type checked by the caller.
// `$created` touch a node this transaction has just created, or belong to a meeting it has just
// created (each key once): they cannot exist yet and are created outright; `$edges` are merged
// (one block per type, see write-edges).
// Nodes are named by index into $nodes (element ids), meeting and visit ids by index into $ids.
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e.from)]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e.to)]
  CREATE (a)-[r:$(e.type) {meetingId: $ids[toInteger(e.meetingId)]}]->(b)
  SET r += $provs[toInteger(e.prov)], r.date = e.date, r.visitId = $ids[toInteger(e.visitId)], r.cityId = e.cityId, r.placeId = e.placeId
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e.prov)] AS prov, $ids[toInteger(e.meetingId)] AS meetingId
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e.from)]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e.to)]
  CALL (e, a, b, prov, meetingId) {
    WITH * WHERE e.type = 'MET'
    MERGE (a)-[r:MET {meetingId: meetingId}]->(b)
      ON CREATE SET r += prov, r.date = e.date, r.visitId = $ids[toInteger(e.visitId)], r.cityId = e.cityId, r.placeId = e.placeId
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov, meetingId) {
    WITH * WHERE e.type = 'RECEIVED'
    MERGE (a)-[r:RECEIVED {meetingId: meetingId}]->(b)
      ON CREATE SET r += prov, r.date = e.date, r.visitId = $ids[toInteger(e.visitId)], r.cityId = e.cityId, r.placeId = e.placeId
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
}
RETURN true AS done
