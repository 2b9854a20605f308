// The exact, index-free form of resolve-names, for the rare name whose full-text phrase matched
// more nodes than the index limit.
UNWIND $lookups AS l
MATCH (n:Entity)
WHERE any(k IN l.keys WHERE k IN n.nameKeys)
  AND (l.kinds IS NULL OR n.kind IN l.kinds)
  AND (l.label IS NULL OR l.label IN labels(n))
RETURN l.index AS index, collect(n {.id, .kind, .name,
  inside: l.within IS NOT NULL AND EXISTS { (n)-[:LOCATED_IN*1..3]->(w:Entity) WHERE w.id = l.within },
  located: l.within IS NOT NULL AND EXISTS { (n)-[:LOCATED_IN]->() }}) AS candidates
