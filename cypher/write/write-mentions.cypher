// Source -MENTIONS-> entity, with the paragraphs that name it (merged, sorted). The caller sends
// one row per (source, entity), its paragraphs distinct and sorted. `$created` are mentions of
// entities (or from sources) the same transaction has just created: no MENTIONS can exist yet,
// so they are created outright; a row is [source, entity, sourceId, paragraphs]. `$bySource`
// are the others, grouped by source: [source, sourceId, [[entity, paragraphs], ...]]. Each
// source's mentions are walked once for all its rows (a MERGE per row walked them once per row:
// a source names hundreds of entities); a pair found gains the new paragraphs only, a pair
// missing is created. The source is locked before the walk, as MERGE would lock it, so that a
// concurrent writer of a mention from the same source waits and then finds this one's.
// source and entity index into $nodes (element ids in this transaction), sourceId into $ids.
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
  UNWIND $bySource AS s
  MATCH (source) WHERE elementId(source) = $nodes[toInteger(s[0])]
  SET source.`_lock` = true
  REMOVE source.`_lock`
  WITH s, source, $ids[toInteger(s[1])] AS sourceId, [m IN s[2] | $nodes[toInteger(m[0])]] AS wanted
  WITH s, source, sourceId, [(source)-[r:MENTIONS]->(e) WHERE elementId(e) IN wanted | [elementId(e), r]] AS found
  UNWIND s[2] AS m
  MATCH (entity) WHERE elementId(entity) = $nodes[toInteger(m[0])]
  WITH source, sourceId, entity, m[1] AS paragraphs, [x IN found WHERE x[0] = elementId(entity) | x[1]][0] AS r
  CALL (source, sourceId, entity, paragraphs, r) {
    WITH * WHERE r IS NULL
    CREATE (source)-[n:MENTIONS]->(entity)
    SET n.source = sourceId, n.sources = [sourceId], n.paragraphs = paragraphs, n.certainty = 'stated'
  }
  CALL (r, paragraphs) {
    WITH * WHERE r IS NOT NULL AND any(p IN paragraphs WHERE NOT p IN r.paragraphs)
    SET r.paragraphs = COLLECT { UNWIND r.paragraphs + paragraphs AS p RETURN DISTINCT p ORDER BY p }
  }
}
RETURN true AS done
