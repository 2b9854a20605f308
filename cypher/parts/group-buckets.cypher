// A node's relationships in buckets, one per type and direction: how many neighbours, of which
// kinds, and the earliest start and latest end, each as its node states it (a partial date keeps
// its precision). Expects `x` (and $types); gives one row, `buckets` (empty when x has none).
// Query.neighborhood computes it for a node that is not summarised; the summary keeper
// (write/refresh-group-summaries) stores it for a dense node.
MATCH (x)-[r]-(y)
WHERE $types IS NULL OR type(r) IN $types
WITH type(r) AS type, CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS direction, y
WITH type, direction, count(DISTINCT y) AS n, collect(DISTINCT y.kind) AS kinds,
     min(coalesce(y.dateStart, y.date) + '|' + y.date) AS first,
     max(coalesce(y.dateEnd, y.dateStart, y.date) + '|' + coalesce(y.endDate, y.date)) AS last
RETURN collect({type: type, direction: direction, n: n, kinds: kinds, from: split(first, '|')[1], to: split(last, '|')[1]}) AS buckets
