// Query.neighborhood: breadth first, one level at a time, so that each node is reached once and
// the `limit` nodes kept are the nearest (by hops, then id). Edges only among kept nodes.
// (LIMIT $limit keeps each level's sort a top-N one; the slice after it trims to what is left.)
MATCH (s:Entity {id: $id})
WITH [s] AS seen, [s] AS frontier
CALL (seen, frontier) {
  UNWIND frontier AS x
  MATCH (x)-[r]-(y)
  WHERE ($types IS NULL OR type(r) IN $types) AND NOT y IN seen
  WITH DISTINCT y ORDER BY y.id LIMIT $limit
  RETURN collect(y) AS next1
}
WITH seen, next1[0..($limit - size(seen))] AS next1
WITH seen + next1 AS seen, next1 AS frontier
CALL (seen, frontier) {
  UNWIND CASE WHEN $depth >= 2 THEN frontier ELSE [] END AS x
  MATCH (x)-[r]-(y)
  WHERE ($types IS NULL OR type(r) IN $types) AND NOT y IN seen
  WITH DISTINCT y ORDER BY y.id LIMIT $limit
  RETURN collect(y) AS next2
}
WITH seen, next2[0..($limit - size(seen))] AS next2
WITH seen + next2 AS seen, next2 AS frontier
CALL (seen, frontier) {
  UNWIND CASE WHEN $depth >= 3 THEN frontier ELSE [] END AS x
  MATCH (x)-[r]-(y)
  WHERE ($types IS NULL OR type(r) IN $types) AND NOT y IN seen
  WITH DISTINCT y ORDER BY y.id LIMIT $limit
  RETURN collect(y) AS next3
}
WITH seen, next3[0..($limit - size(seen))] AS next3
WITH seen + next3 AS seen
RETURN
  [n IN seen | {id: n.id, kind: n.kind, name: n.name, nameAr: n.nameAr, labels: labels(n)}] AS nodes,
  COLLECT {
    UNWIND seen AS a
    MATCH (a)-[r]->(b)
    WHERE ($types IS NULL OR type(r) IN $types) AND b IN seen
    WITH r, a, b ORDER BY a.id, type(r), b.id, elementId(r)
    RETURN {id: elementId(r), type: type(r), source: a.id, target: b.id, properties: properties(r)}
  } AS edges
