// Stores the relationship buckets of every dense node (more than $dense relationships) in a
// GroupSummary, with the degree they were counted at: Query.neighborhood reads them instead of
// walking the node's relationships while the degree is unchanged (src/graph/groupSummaries.ts).
// Summaries of nodes that are gone or no longer dense are removed. Returns how many were
// (re)counted.
CALL () {
  MATCH (g:GroupSummary)
  WHERE NOT EXISTS { MATCH (x) WHERE elementId(x) = g.of AND x.id = g.node AND COUNT { (x)--() } > $dense }
  DELETE g
}
MATCH (x) WHERE NOT x:GroupSummary
WITH x, COUNT { (x)--() } AS degree
WHERE degree > $dense
// Recounted when new, when the degree moved, or when asked for all ($all).
OPTIONAL MATCH (old:GroupSummary {of: elementId(x)})
WITH x, degree, old
WHERE $all OR old IS NULL OR old.degree <> degree OR old.node <> x.id OR old.listedUpTo IS NULL OR old.listedUpTo <> $listedUpTo
CALL (x) {
  // include: parts/group-buckets
}
// The edges of the small buckets (at most $listedUpTo neighbours), by element id, so that a
// neighbourhood that groups the rest reads them without walking the node; none past $dense.
CALL (x, buckets) {
  WITH x, [b IN buckets WHERE b.n <= $listedUpTo | b.type + b.direction] AS small
  MATCH (x)-[r]-()
  WHERE type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END IN small
  WITH collect(elementId(r)) AS listed
  RETURN CASE WHEN size(listed) <= $dense THEN listed END AS listed
}
MERGE (g:GroupSummary {of: elementId(x)})
SET g.node = x.id,
    g.degree = degree,
    g.types = [b IN buckets | b.type],
    g.directions = [b IN buckets | b.direction],
    g.counts = [b IN buckets | b.n],
    g.kinds = [b IN buckets | reduce(s = '', k IN b.kinds | s + CASE WHEN s = '' THEN '' ELSE '|' END + k)],
    g.froms = [b IN buckets | coalesce(b.from, '')],
    g.tos = [b IN buckets | coalesce(b.to, '')],
    g.listed = listed,
    g.listedUpTo = $listedUpTo
RETURN count(g) AS summarised
