// Candidates for each distinct name lookup: the full-text index finds the nodes whose names hold
// the normalized name as a phrase (visit names contain country names, so there can be many), then
// only exact nameKeys matches are kept, filtered by kind and label where given. `hits` tells the
// caller when the index limit was reached, so that it can fall back to an exact scan. A lookup
// `within` a container also says, for each candidate, whether it lies inside it (up to three
// LOCATED_IN hops: a city in a region in a country) and whether it is placed anywhere at all.
CYPHER replan=skip
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('entity_names', l.query, {limit: $limit}) YIELD node
WITH l, collect(node) AS hits
RETURN l.index AS index, size(hits) AS hits,
  [n IN hits WHERE any(k IN l.keys WHERE k IN n.nameKeys)
     AND (l.kinds IS NULL OR n.kind IN l.kinds)
     AND (l.label IS NULL OR l.label IN labels(n)) | n {.id, .kind, .name,
       inside: l.within IS NOT NULL AND EXISTS { (n)-[:LOCATED_IN*1..3]->(w:Entity) WHERE w.id = l.within },
       located: l.within IS NOT NULL AND EXISTS { (n)-[:LOCATED_IN]->() }}] AS candidates
