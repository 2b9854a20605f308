// Plain edges of the visit model, one row each: (from)-[type]->(to) with the provenance map
// $provs[toInteger(e.prov)]. The type is one of the structural types, checked by the caller against the
// ontology. `$created` are edges that touch a node this transaction has just created (each key
// once): they cannot exist yet and are created outright. `$edges` are merged: an edge that
// exists already only gains the new source in `sources`.
// Nodes are named by index into $ids (each id sent once).
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  WITH e, $provs[toInteger(e.prov)] AS prov
  MATCH (a:Entity {id: $ids[toInteger(e.from)]})
  MATCH (b:Entity {id: $ids[toInteger(e.to)]})
  CREATE (a)-[r:$(e.type)]->(b)
  SET r += prov
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e.prov)] AS prov
  MATCH (a:Entity {id: $ids[toInteger(e.from)]})
  MATCH (b:Entity {id: $ids[toInteger(e.to)]})
  MERGE (a)-[r:$(e.type)]->(b)
    ON CREATE SET r += prov
    ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])]
}
RETURN true AS done
