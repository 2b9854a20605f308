// Every edge of the visit model, one row each, whatever its type: (from)-[type]->(to) with the
// provenance map $provs[prov]. The caller allows only the visit model's types (edgeBatch.ts,
// VISIT_MODEL_EDGE_TYPES) and sends each edge once per statement (rows for the same edge merged, their
// sources joined in the provenance's `sources`).
// A row is a list [from, to, type, prov, role, props, refresh] (trailing nulls left out):
//   from, to: indexes into $nodes, the element ids of the nodes in this transaction (each sent once);
//   prov: index into $provs; role: the person's role at the time as the source states it
//   (TRAVELER, PRINCIPAL, ATTENDED; else null), the first one kept;
//   props: set when the edge is created (MET's date and meetingId, VISITED's visitId and dates...);
//   refresh: properties that follow the event on every write (VISITED's dates), or null.
// `$created` are edges that touch a node this transaction has just created: they cannot exist
// yet and are created outright. `$edges` may exist: they are looked for among the relationships
// between their two ends (both bound: no index and no type scan needed, whatever the plan), and
// an edge found only gains the new sources. Both ends are locked first (a property set and
// removed again, Neo4j's documented write lock), as MERGE would lock them, so that a concurrent
// writer of the same edge waits and then finds it. Not a MERGE: a MERGE on a dynamic type is
// planned as a scan of all relationships when the graph has none yet, a plan replan=skip keeps.
CYPHER replan=skip
CALL () {
  UNWIND $created AS e
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  CREATE (a)-[r:$(e[2])]->(b)
  SET r += $provs[toInteger(e[3])], r += coalesce(e[5], {}), r.role = e[4]
}
CALL () {
  UNWIND $edges AS e
  WITH e, $provs[toInteger(e[3])] AS prov
  MATCH (a) WHERE elementId(a) = $nodes[toInteger(e[0])]
  MATCH (b) WHERE elementId(b) = $nodes[toInteger(e[1])]
  SET a.`_lock` = true, b.`_lock` = true
  REMOVE a.`_lock`, b.`_lock`
  // Edges told apart by their event (MET, RECEIVED: the meeting; VISITED: the visit) join two
  // people, or a person and a country, who may have thousands of edges: their type is named so
  // that only edges of that type are walked. Every other type has an event at one end, whose few
  // edges are walked.
  WITH e, prov, a, b, CASE e[2]
      WHEN 'MET' THEN [(a)-[x:MET]->(b) WHERE x.meetingId = e[5].meetingId | x]
      WHEN 'RECEIVED' THEN [(a)-[x:RECEIVED]->(b) WHERE x.meetingId = e[5].meetingId | x]
      WHEN 'VISITED' THEN [(a)-[x:VISITED]->(b) WHERE x.visitId = e[5].visitId | x]
      ELSE [(a)-[x]->(b) WHERE type(x) = e[2] | x] END AS found
  CALL (e, prov, a, b, found) {
    WITH * WHERE size(found) = 0
    CREATE (a)-[r:$(e[2])]->(b)
    SET r += prov, r += coalesce(e[5], {}), r.role = e[4]
  }
  // The one place a source joins an edge that exists already.
  CALL (e, prov, found) {
    WITH e, prov, found[0] AS r WHERE r IS NOT NULL
    SET r.sources = coalesce(r.sources, []) + [s IN prov.sources WHERE NOT s IN coalesce(r.sources, [])],
      r.role = coalesce(r.role, e[4]),
      r += coalesce(e[6], {})
  }
}
RETURN true AS done
