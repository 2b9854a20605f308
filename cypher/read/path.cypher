// Query.path: one shortest path of at most $maxHops relationships, over $types when given, else
// over every type but $excluded (the source edges, which join everything through an article).
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE all(r IN relationships(p) WHERE CASE WHEN $types IS NULL THEN NOT type(r) IN $excluded ELSE type(r) IN $types END)
WITH p WHERE length(p) <= $maxHops
RETURN
  [n IN nodes(p) | {id: n.id, kind: n.kind, name: n.name, nameAr: n.nameAr, labels: labels(n)}] AS nodes,
  [r IN relationships(p) | {id: elementId(r), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}] AS edges
