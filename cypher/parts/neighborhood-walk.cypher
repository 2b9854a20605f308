// Which of x's relationships a level of Query.neighborhood walks (cypher/parts/neighborhood-level
// includes it): every one of a node without groups; for a node with groups, every one outside its
// grouped buckets (from the second level on, parts/neighborhood-walk-events adds those inside that
// name a visit or meeting already drawn). Expects x, `grouped` (its grouped buckets, type +
// direction) and `listed` (the element ids of the edges of a summarised node's small buckets, when
// they cover every bucket not grouped; else null). Gives rows of r and y; UNION counts an edge
// found twice once.
WITH x WHERE size(grouped) = 0
MATCH (x)-[r]-(y)
RETURN r, y
UNION
// A dense node's few edges outside its groups, read by id from its summary: walking the node for
// them would read every edge of its groups too (a type given as a value, `type(r) IN $list`, does
// not narrow the walk: 68,270 database hits for a hub's one POST_OF edge, against 9 for the type
// written out). The ends are checked, as an id can be reused after its edge is deleted.
// (coalesce: Neo4j 5.26 fails with an internal error on an id seek in a null list, guard or not.)
WITH x, grouped, listed WHERE size(grouped) > 0 AND listed IS NOT NULL
MATCH ()-[r]->()
WHERE elementId(r) IN coalesce(listed, [])
WITH x, grouped, r, startNode(r) = x AS out
WHERE (out OR endNode(r) = x) AND NOT type(r) + CASE WHEN out THEN 'OUT' ELSE 'IN' END IN grouped
RETURN r, CASE WHEN out THEN endNode(r) ELSE startNode(r) END AS y
UNION
// A node with groups and no list (not summarised, or summarised for a smaller groupOver): walked.
WITH x, grouped, listed WHERE size(grouped) > 0 AND listed IS NULL
MATCH (x)-[r]-(y)
WHERE NOT type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END IN grouped
RETURN r, y
