// Query.search, before the projection. $lucene: the escaped full-text query; $key: the
// normalized text, whose exact presence among a node's nameKeys ranks it first. Among exact
// matches the best connected comes first (the Algeria everyone visits before a homonym no fact
// names); among the others the full-text score, weighed up a little by connections.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $candidates}) YIELD node, score
WITH node, score, CASE WHEN $key IN coalesce(node.nameKeys, []) THEN 0 ELSE 1 END AS tier
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node AS n, tier, score, COUNT { (node)--() } AS degree
ORDER BY tier, CASE WHEN tier = 0 THEN degree ELSE 0 END DESC, score * log10(10 + degree) DESC, n.id
LIMIT $first
