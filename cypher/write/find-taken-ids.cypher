// The entities that hold the ids asked for, and the ids among those wanted for new entities that
// an entity merged into another still answers to (mergedIds): neither may be given out again.
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, n.kind AS kind, n.name AS name, labels(n) AS labels, n.nameKeys AS nameKeys, false AS merged
UNION ALL
UNWIND $mergedLookups AS l
CALL db.index.fulltext.queryNodes('entity_other_ids', l.query) YIELD node
UNWIND [x IN coalesce(node.mergedIds, []) WHERE x IN l.ids] AS id
RETURN DISTINCT id, null AS kind, null AS name, null AS labels, null AS nameKeys, true AS merged
