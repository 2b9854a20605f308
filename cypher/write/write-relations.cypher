// One row per relation of the vocabulary (type checked before). The same (from, type, to)
// written again is updated, never doubled: a new source joins `sources`; the first source's
// paragraphs and certainty stay unless the same source writes again. `changed` tells whether
// the relation's properties differ from before (always true for a new one).
// Both ends are locked first (a property set and removed again: Neo4j's documented write lock),
// as MERGE would lock them, so that a concurrent writer of the same relation waits and then finds
// it. The relation is then looked for among `from`'s outgoing relationships. Not a MERGE: the
// type is a parameter, and a MERGE on a dynamic type is planned as a scan of all relationships
// when the graph has none yet (a fresh database), a plan `replan=skip` would keep. The caller
// sends each (from, type, to) at most once per statement.
// A post held twice (two terms of one president) is two HOLDS_POSITION relations: a term is the
// same relation only when its since..until overlaps it (`rel.sinceStart`/`rel.untilEnd` are the
// full days the new term's ends cover); the term found is then widened to cover both, each end
// taking the more precise of two dates that agree.
CYPHER replan=skip
UNWIND $relations AS rel
MATCH (from:Entity {id: rel.fromId})
MATCH (to:Entity {id: rel.toId})
SET from.`_lock` = true, to.`_lock` = true
REMOVE from.`_lock`, to.`_lock`
WITH rel, from, to, [(from)-[e]->(other) WHERE other = to AND type(e) = rel.type
  AND (rel.type <> 'HOLDS_POSITION' OR (
    (e.since IS NULL OR rel.untilEnd IS NULL OR e.since <= left(rel.untilEnd, size(e.since)))
    AND (e.until IS NULL OR rel.sinceStart IS NULL OR e.until >= left(rel.sinceStart, size(e.until))))) | e] AS found
WITH rel, from, to, found[0] AS existing
WITH rel, from, to, existing, properties(existing) AS before
CALL (rel, from, to, existing) {
  WITH * WHERE existing IS NULL
  CREATE (from)-[r:$(rel.type)]->(to)
  SET r += rel.prov
  RETURN r
UNION
  WITH * WHERE existing IS NOT NULL
  SET existing.sources = coalesce(existing.sources, []) + [s IN rel.prov.sources WHERE NOT s IN coalesce(existing.sources, [])],
    existing.paragraphs = CASE WHEN existing.source IS NULL OR existing.source = rel.prov.source THEN rel.prov.paragraphs ELSE existing.paragraphs END,
    existing.certainty = CASE WHEN existing.source IS NULL OR existing.source = rel.prov.source THEN rel.prov.certainty ELSE existing.certainty END,
    existing.source = coalesce(existing.source, rel.prov.source)
  RETURN existing AS r
}
SET r += rel.properties
WITH rel, r, before
CALL (rel, r, before) {
  WITH * WHERE rel.type = 'HOLDS_POSITION' AND before IS NOT NULL
  WITH r, before.since AS a, rel.properties.since AS b, before.until AS c, rel.properties.until AS d
  SET r.since = CASE WHEN a IS NULL THEN b WHEN b IS NULL THEN a WHEN c = d THEN b
      WHEN left(a, size(b)) = b THEN a WHEN left(b, size(a)) = a THEN b
      WHEN a < b THEN a ELSE b END,
    r.until = CASE WHEN c IS NULL THEN d WHEN d IS NULL THEN c WHEN a = b THEN d
      WHEN left(c, size(d)) = d THEN c WHEN left(d, size(c)) = c THEN d
      WHEN c > d THEN c ELSE d END
}
RETURN rel.index AS index, elementId(r) AS relationId, before IS NOT NULL AS updated, before <> properties(r) OR before IS NULL AS changed
