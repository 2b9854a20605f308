// Source -MENTIONS-> entity, with the paragraphs that name it (merged, sorted). The caller sends
// one row per (source, entity), its paragraphs distinct and sorted. `$created` are mentions of
// entities the same transaction has just created: no MENTIONS can exist yet, so they are created
// outright. `$mentions` are merged; paragraphs are rewritten only when new ones arrive.
// A row is a list [source, entity, sourceId, paragraphs]: source and entity index into $nodes
// (their element ids in this transaction), sourceId into $ids.
CYPHER replan=skip
CALL () {
  UNWIND $created AS m
  WITH m, $ids[toInteger(m[2])] AS sourceId
  MATCH (source) WHERE elementId(source) = $nodes[toInteger(m[0])]
  MATCH (entity) WHERE elementId(entity) = $nodes[toInteger(m[1])]
  CREATE (source)-[r:MENTIONS]->(entity)
  SET r.source = sourceId, r.sources = [sourceId], r.paragraphs = m[3], r.certainty = 'stated'
}
CALL () {
  UNWIND $mentions AS m
  WITH m, $ids[toInteger(m[2])] AS sourceId
  MATCH (source) WHERE elementId(source) = $nodes[toInteger(m[0])]
  MATCH (entity) WHERE elementId(entity) = $nodes[toInteger(m[1])]
  MERGE (source)-[r:MENTIONS]->(entity)
    ON CREATE SET r.source = sourceId, r.sources = [sourceId], r.paragraphs = m[3], r.certainty = 'stated'
  WITH r, m WHERE any(p IN m[3] WHERE NOT p IN r.paragraphs)
  SET r.paragraphs = COLLECT { UNWIND r.paragraphs + m[3] AS p RETURN DISTINCT p ORDER BY p }
}
RETURN true AS done
