// Source -MENTIONS-> entity, with the paragraphs that name it (merged, sorted). The caller sends
// one row per (source, entity). Paragraphs are rewritten only when new ones arrive.
CYPHER replan=skip
UNWIND $mentions AS m
MATCH (source:Entity {id: m.sourceId})
MATCH (entity:Entity {id: m.entityId})
MERGE (source)-[r:MENTIONS]->(entity)
  ON CREATE SET r.source = m.sourceId, r.sources = [m.sourceId], r.paragraphs = [], r.certainty = 'stated'
WITH r, m WHERE any(p IN m.paragraphs WHERE NOT p IN r.paragraphs)
SET r.paragraphs = COLLECT { UNWIND r.paragraphs + m.paragraphs AS p RETURN DISTINCT p ORDER BY p }
RETURN count(*) AS mentions
