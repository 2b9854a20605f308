// Plain edges of the visit model, one row each: (from)-[type]->(to) with the provenance map
// $provs[toInteger(e.prov)]. The type is one of the structural types, checked by the caller against the
// ontology. `$created` are edges that touch a node this transaction has just created (each key
// once): they cannot exist yet and are created outright. `$edges` are merged: an edge that
// exists already only gains the new source in `sources`.
// Nodes are named by index into $nodes, their element ids in this transaction (each sent once).
// The merged edges name their type in the text, one block per type: a MERGE on a dynamic type
// is planned as a scan of all relationships when the graph has none yet (a fresh database), and
// `replan=skip` would keep that plan.
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e.from)]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e.to)]
  CREATE (a)-[r:$(e.type)]->(b)
  SET r += $provs[toInteger(e.prov)]
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e.prov)] AS prov
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e.from)]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e.to)]
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'IN_CITY'
    MERGE (a)-[r:IN_CITY]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'PART_OF_TOUR'
    MERGE (a)-[r:PART_OF_TOUR]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'DISCUSSED'
    MERGE (a)-[r:DISCUSSED]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'INCLUDES'
    MERGE (a)-[r:INCLUDES]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'PRINCIPAL'
    MERGE (a)-[r:PRINCIPAL]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'ATTENDED'
    MERGE (a)-[r:ATTENDED]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e.type = 'HELD_AT'
    MERGE (a)-[r:HELD_AT]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
}
RETURN true AS done
