// One level of Query.neighborhood's breadth-first walk (src/graphql/read/queries.ts puts it into
// cypher/read/neighborhood.cypher once per level asked, so every level it runs is wanted): it
// takes the row's `seen`, `frontier`, `bk` (nodes reached only through bookkeeping, not expanded),
// the `ranked` nodes, `groups` and `cut` (counts per type) so far and the `level` before this one,
// and gives them back with this level's nodes, groups and cut added.
WITH s, seen, frontier, bk, ranked, groups, cut, level + 1 AS level
CALL (seen, frontier, bk, level) {
  UNWIND frontier AS x
  WITH x WHERE NOT x IN bk
  // x's relationships in buckets (type, direction): read from x's GroupSummary while x's degree
  // is the one it was counted at (a dense node's walk is the costly part at scale), else walked.
  CALL (x) {
    // A node with no more relationships than $groupOver has no group: its degree (kept with the
    // node, not counted by walking them) spares the pass for most of a frontier.
    WITH x, COUNT { (x)--() } AS degree
    WHERE degree > $groupOver
    OPTIONAL MATCH (kept:GroupSummary {of: elementId(x)})
    WHERE kept.node = x.id AND kept.degree = degree
    CALL (x, kept) {
      WITH x WHERE kept IS NULL
      // include: parts/group-buckets
    }
    UNWIND CASE WHEN kept IS NULL THEN buckets ELSE [i IN range(0, size(kept.types) - 1) WHERE $types IS NULL OR kept.types[i] IN $types | {
      type: kept.types[i], direction: kept.directions[i], n: kept.counts[i],
      kinds: CASE kept.kinds[i] WHEN '' THEN [] ELSE split(kept.kinds[i], '|') END,
      from: CASE kept.froms[i] WHEN '' THEN null ELSE kept.froms[i] END,
      to: CASE kept.tos[i] WHEN '' THEN null ELSE kept.tos[i] END
    }] END AS bucket
    // The summary lists the edges of the buckets of at most kept.listedUpTo neighbours: every
    // bucket this query does not group, when $groupOver is no more than that.
    RETURN collect(bucket) AS buckets, head(collect(CASE WHEN kept.listedUpTo >= $groupOver THEN kept.listed END)) AS listed
  }
  RETURN collect({x: x, big: [b IN buckets WHERE b.n > $groupOver], listed: listed,
                  grouped: [b IN buckets WHERE b.n > $groupOver | b.type + b.direction]}) AS plans
}
CALL (plans) {
  UNWIND plans AS plan
  UNWIND plan.big AS g
  RETURN collect({node: plan.x.id, type: g.type, direction: g.direction, count: g.n, kinds: g.kinds, from: g.from, to: g.to}) AS levelGroups
}
CALL (plans, seen, bk, level) {
  UNWIND plans AS plan
  WITH plan.x AS x, plan.grouped AS grouped, plan.listed AS listed, [n IN seen WHERE n:Visit OR n:Meeting | n.id] AS seenEvents
  // The members of x's groups are not walked, but one is still drawn when its edge names a visit
  // or meeting already drawn (whom Blinken met on his visit to Algeria, among the hundreds he met).
  CALL (x, grouped, listed, seenEvents) {
    // include: parts/neighborhood-walk
    // from the second level: UNION parts/neighborhood-walk-events
  }
  WITH x, r, y
  WHERE ($types IS NULL OR type(r) IN $types) AND NOT y IN seen
  WITH y, type(r) AS type, CASE WHEN NOT type(r) IN $bookkeeping AND NOT x IN bk THEN 1 ELSE 0 END AS substantive,
       coalesce(r.date, y.dateStart, y.date, '') AS date
  WITH y, max(substantive) AS substantive, count(*) AS ties, max(date) AS recent, min(type) AS via
  ORDER BY substantive DESC, ties DESC, recent DESC, y.name, y.id
  WITH collect({n: y, substantive: substantive, level: level, ties: ties, recent: recent, via: via}) AS all
  // What falls past the limit is only counted, per type (the answer gives counts): a list with one
  // entry per node cut would be carried through every later step of the statement.
  CALL (all) {
    UNWIND all[$limit..] AS c
    WITH c.via AS type, count(*) AS n
    RETURN collect({type: type, count: n}) AS levelCut
  }
  RETURN all[..$limit] AS levelRanked, levelCut
}
WITH s, seen + [c IN levelRanked | c.n] AS seen, [c IN levelRanked | c.n] AS frontier,
     bk + [c IN levelRanked WHERE c.substantive = 0 | c.n] AS bk,
     ranked + levelRanked AS ranked, groups + levelGroups AS groups, cut + levelCut AS cut, level
