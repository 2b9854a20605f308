// One row per relation of the vocabulary (type checked before). The same (from, type, to)
// written again is updated, never doubled: a new source joins `sources`; the first source's
// paragraphs and certainty stay unless the same source writes again. `changed` tells whether
// the relation's properties differ from before (always true for a new one).
CYPHER replan=skip
UNWIND $relations AS rel
MATCH (from:Entity {id: rel.fromId})
MATCH (to:Entity {id: rel.toId})
OPTIONAL MATCH (from)-[existing:$(rel.type)]->(to)
WITH rel, from, to, head(collect(properties(existing))) AS before
MERGE (from)-[r:$(rel.type)]->(to)
  ON CREATE SET r += rel.prov
  ON MATCH SET r.sources = coalesce(r.sources, []) + [s IN [rel.prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(r.sources, [])],
    r.paragraphs = CASE WHEN r.source IS NULL OR r.source = rel.prov.source THEN rel.prov.paragraphs ELSE r.paragraphs END,
    r.certainty = CASE WHEN r.source IS NULL OR r.source = rel.prov.source THEN rel.prov.certainty ELSE r.certainty END,
    r.source = coalesce(r.source, rel.prov.source)
SET r += rel.properties
RETURN rel.index AS index, elementId(r) AS relationId, before IS NOT NULL AS updated, before <> properties(r) OR before IS NULL AS changed
