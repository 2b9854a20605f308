// Source -MENTIONS-> entity, with the paragraphs that name it (merged, sorted). The caller sends
// one row per (source, entity), its paragraphs distinct and sorted. `$created` are mentions of
// entities the same transaction has just created: no MENTIONS can exist yet, so they are created
// outright. `$mentions` are merged; paragraphs are rewritten only when new ones arrive.
// Nodes are named by index into $nodes (their element ids), source ids by index into $ids.
CYPHER replan=skip
CALL () {
  UNWIND $created AS m
  WITH m, $ids[toInteger(m.sourceId)] AS sourceId
  MATCH (source) WHERE elementId(source) = $nodes[toInteger(m.source)]
  MATCH (entity) WHERE elementId(entity) = $nodes[toInteger(m.entity)]
  CREATE (source)-[r:MENTIONS]->(entity)
  SET r.source = sourceId, r.sources = [sourceId], r.paragraphs = m.paragraphs, r.certainty = 'stated'
}
CALL () {
  UNWIND $mentions AS m
  WITH m, $ids[toInteger(m.sourceId)] AS sourceId
  MATCH (source) WHERE elementId(source) = $nodes[toInteger(m.source)]
  MATCH (entity) WHERE elementId(entity) = $nodes[toInteger(m.entity)]
  MERGE (source)-[r:MENTIONS]->(entity)
    ON CREATE SET r.source = sourceId, r.sources = [sourceId], r.paragraphs = m.paragraphs, r.certainty = 'stated'
  WITH r, m WHERE any(p IN m.paragraphs WHERE NOT p IN r.paragraphs)
  SET r.paragraphs = COLLECT { UNWIND r.paragraphs + m.paragraphs AS p RETURN DISTINCT p ORDER BY p }
}
RETURN true AS done
