// Query.search, before the projection. $lucene: the escaped full-text query; $key: the
// normalized text, whose exact presence among a node's nameKeys ranks it first.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WITH node, score, CASE WHEN $key IN coalesce(node.nameKeys, []) THEN 0 ELSE 1 END AS tier
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node AS n, tier, score
ORDER BY tier, score DESC, n.id
LIMIT $first
