// The direct edges a meeting proves, told apart by its id: (by)-[:MET]->(other), and within a
// visit (host principal)-[:RECEIVED]->(traveler). One row each; type checked by the caller.
// `$created` touch a node this transaction has just created, or belong to a meeting it has just
// created (each key once): they cannot exist yet and are created outright; `$edges` are merged
// (one block per type, see write-edges).
// A row is a list [from, to, type, prov, meetingId, visitId, date, cityId, placeId]: from and
// to index into $nodes (element ids in this transaction), prov into $provs, the meeting, visit,
// city and place ids into $ids (visitId, cityId and placeId may be null).
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  CREATE (a)-[r:$(e[2]) {meetingId: $ids[toInteger(e[4])]}]->(b)
  SET r += $provs[toInteger(e[3])], r.date = e[6], r.visitId = $ids[toInteger(e[5])], r.cityId = $ids[toInteger(e[7])], r.placeId = $ids[toInteger(e[8])]
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e[3])] AS prov, $ids[toInteger(e[4])] AS meetingId
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  // MET is looked up by its index, not merged (a MERGE with a property may be planned as a scan
  // of every MET edge); the meeting node is locked by write-meetings, so no one else writes it.
  CALL (e, a, b, prov, meetingId) {
    WITH * WHERE e[2] = 'MET'
    OPTIONAL MATCH (a)-[found:MET]->(b) USING INDEX found:MET(meetingId)
      WHERE found.meetingId = meetingId
    WITH e, a, b, prov, meetingId, head(collect(found)) AS r
    CALL (e, a, b, prov, meetingId, r) {
      WITH * WHERE r IS NULL
      CREATE (a)-[created:MET {meetingId: meetingId}]->(b)
      SET created += prov, created.date = e[6], created.visitId = $ids[toInteger(e[5])], created.cityId = $ids[toInteger(e[7])], created.placeId = $ids[toInteger(e[8])]
    }
    CALL (prov, r) {
      WITH * WHERE r IS NOT NULL
      SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
    }
  }
  CALL (e, a, b, prov, meetingId) {
    WITH * WHERE e[2] = 'RECEIVED'
    MERGE (a)-[r:RECEIVED {meetingId: meetingId}]->(b)
      ON CREATE SET r += prov, r.date = e[6], r.visitId = $ids[toInteger(e[5])], r.cityId = $ids[toInteger(e[7])], r.placeId = $ids[toInteger(e[8])]
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
}
RETURN true AS done
