// Query.neighborhood: breadth first, one level at a time, ranked by what matters (README,
// "Neighbourhoods on a real-sized graph"):
//   1. nodes reached through substantive relations before those reached only through bookkeeping
//      ones ($bookkeeping: a source's MENTIONS, its publisher, its photo credits);
//   2. then the nearest (fewest hops);
//   3. then the most tied to what is already drawn (edges from the previous level);
//   4. then the most recent tie (the edge's date, else the node's own date);
//   5. name and id only to break exact ties, so that the answer is the same every time.
// A node's neighbours through one relationship type in one direction that number more than
// $groupOver are not expanded one by one: they become one group (count, dates), which
// Query.neighborhoodGroup pages through. What is not drawn is counted per type (`omitted`).
// A node reached only through bookkeeping (a source) is drawn but not expanded: what it mentions
// is bookkeeping too, and a source that mentions thousands would cost more than all the rest.
MATCH (s:Entity {id: $id})
WITH s, [s] AS seen, [s] AS frontier, [] AS bk, [] AS ranked, [] AS groups, [] AS cut, 0 AS level
// ── one level part per level of the depth asked (src/graphql/read/queries.ts puts them here: the
// parts are what make the statement slow to plan, and most neighbourhoods asked for are of depth
// 1 or 2) ──
// levels: parts/neighborhood-level
// ── the final cut: the focus, then the ranked nodes of every level, in rank order ──
WITH s, ranked, groups, cut
CALL (ranked) {
  UNWIND ranked AS c
  WITH c ORDER BY c.substantive DESC, c.level, c.ties DESC, c.recent DESC, c.n.name, c.n.id
  RETURN collect(c) AS ordered
}
CALL (ordered) {
  UNWIND ordered[($limit - 1)..] AS c
  WITH c.via AS type, count(*) AS n
  RETURN collect({type: type, count: n}) AS finalCut
}
WITH s, [s] + [c IN ordered[..($limit - 1)] | c.n] AS kept, groups, cut + finalCut AS cut
RETURN
  [n IN kept | {id: n.id, kind: n.kind, name: n.name, nameAr: n.nameAr, labels: labels(n)}] AS nodes,
  COLLECT {
    UNWIND kept AS a
    MATCH (a)-[r]->(b)
    WHERE ($types IS NULL OR type(r) IN $types) AND b IN kept
    RETURN {id: elementId(r), type: type(r), source: a.id, target: b.id, properties: properties(r)} AS edge
  } AS edges,
  [g IN groups WHERE any(n IN kept WHERE n.id = g.node)] AS groups,
  cut
