// Source -MENTIONS-> entity, with the paragraphs that name it (merged, sorted).
UNWIND $mentions AS m
MATCH (source:Source {id: m.sourceId})
MATCH (entity:Entity {id: m.entityId})
MERGE (source)-[r:MENTIONS]->(entity)
  ON CREATE SET r.source = m.sourceId, r.sources = [m.sourceId], r.paragraphs = [], r.certainty = 'stated'
SET r.paragraphs = COLLECT { UNWIND r.paragraphs + m.paragraphs AS p RETURN DISTINCT p ORDER BY p }
RETURN count(*) AS mentions
