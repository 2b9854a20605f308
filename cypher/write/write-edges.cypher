// Plain edges of the visit model, one row each: (from)-[type]->(to) with the provenance map
// $provs[prov]. The type is one of the structural types, checked by the caller against the
// ontology. `$created` are edges that touch a node this transaction has just created (each key
// once): they cannot exist yet and are created outright. `$edges` are merged: an edge that
// exists already only gains the new source in `sources`.
// A row is a list [from, to, type, prov, role]: from and to index into $nodes, the element ids of the
// nodes in this transaction (each sent once), prov into $provs; role (PRINCIPAL and ATTENDED
// only, else null) is the person's role at the time as the source states it, the first kept.
// The merged edges name their type in the text, one block per type: a MERGE on a dynamic type
// is planned as a scan of all relationships when the graph has none yet (a fresh database), and
// `replan=skip` would keep that plan.
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  CREATE (a)-[r:$(e[2])]->(b)
  SET r += $provs[toInteger(e[3])], r.role = e[4]
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e[3])] AS prov
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'IN_CITY'
    MERGE (a)-[r:IN_CITY]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'PART_OF_TOUR'
    MERGE (a)-[r:PART_OF_TOUR]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'DISCUSSED'
    MERGE (a)-[r:DISCUSSED]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'INCLUDES'
    MERGE (a)-[r:INCLUDES]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'PRINCIPAL'
    MERGE (a)-[r:PRINCIPAL]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
    SET r.role = coalesce(r.role, e[4])
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'ATTENDED'
    MERGE (a)-[r:ATTENDED]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
    SET r.role = coalesce(r.role, e[4])
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'OCCURRED_IN'
    MERGE (a)-[r:OCCURRED_IN]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'ON_BEHALF_OF'
    MERGE (a)-[r:ON_BEHALF_OF]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
  CALL (e, a, b, prov) {
    WITH * WHERE e[2] = 'HELD_AT'
    MERGE (a)-[r:HELD_AT]->(b)
      ON CREATE SET r += prov
      ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
  }
}
RETURN true AS done
