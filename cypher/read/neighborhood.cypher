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
WITH s, [s] AS seen, [s] AS frontier, [] AS bk
// ── level 1 ──
CALL (seen, frontier, bk) {
  UNWIND CASE WHEN $depth >= 1 THEN frontier ELSE [] END AS x
  // One pass over x's relationships: per type and direction, how many, of which kinds, and the
  // earliest start and latest end, each as its node states it (a partial date keeps its precision).
  CALL (x) {
    // A node with no more relationships than $groupOver has no group: its degree (kept with the
    // node, not counted by walking them) spares the pass for most of a frontier.
    WITH x WHERE COUNT { (x)--() } > $groupOver
    MATCH (x)-[r]-(y)
    WHERE $types IS NULL OR type(r) IN $types
    WITH type(r) AS type, CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS direction, y
    WITH type, direction, count(DISTINCT y) AS n, collect(DISTINCT y.kind) AS kinds,
         min(coalesce(y.dateStart, y.date) + '|' + y.date) AS first,
         max(coalesce(y.dateEnd, y.dateStart, y.date) + '|' + coalesce(y.endDate, y.date)) AS last
    RETURN collect({type: type, direction: direction, n: n, kinds: kinds, from: split(first, '|')[1], to: split(last, '|')[1]}) AS buckets
  }
  RETURN collect({x: x, big: [b IN buckets WHERE b.n > $groupOver],
                  grouped: [b IN buckets WHERE b.n > $groupOver | b.type + b.direction]}) AS plans
}
CALL (plans) {
  UNWIND plans AS plan
  UNWIND plan.big AS g
  RETURN collect({node: plan.x.id, type: g.type, direction: g.direction, count: g.n, kinds: g.kinds, from: g.from, to: g.to}) AS groups1
}
CALL (plans, seen, bk) {
  UNWIND plans AS plan
  WITH plan.x AS x, plan.grouped AS grouped, [n IN seen | n.id] AS seenIds
  MATCH (x)-[r]-(y)
  WITH x, r, y, type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS bucket, grouped, seenIds
  // A member of a group is still drawn when its edge names a visit or meeting already drawn
  // (whom Blinken met on his visit to Algeria, among the hundreds he met).
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT bucket IN grouped OR r.visitId IN seenIds OR r.meetingId IN seenIds) AND NOT y IN seen
  WITH y, type(r) AS type, CASE WHEN NOT type(r) IN $bookkeeping AND NOT x IN bk THEN 1 ELSE 0 END AS substantive,
       coalesce(r.date, y.dateStart, y.date, '') AS date
  WITH y, max(substantive) AS substantive, count(*) AS ties, max(date) AS recent, min(type) AS via
  ORDER BY substantive DESC, ties DESC, recent DESC, y.name, y.id
  WITH collect({n: y, substantive: substantive, level: 1, ties: ties, recent: recent, via: via}) AS all
  RETURN all[..$limit] AS ranked1, [c IN all[$limit..] | c.via] AS cut1
}
WITH s, seen + [c IN ranked1 | c.n] AS seen, [c IN ranked1 | c.n] AS frontier,
     bk + [c IN ranked1 WHERE c.substantive = 0 | c.n] AS bk, ranked1, groups1, cut1
// ── level 2 ──
CALL (seen, frontier, bk) {
  UNWIND CASE WHEN $depth >= 2 THEN frontier ELSE [] END AS x
  WITH x WHERE NOT x IN bk
  // One pass over x's relationships: per type and direction, how many, of which kinds, and the
  // earliest start and latest end, each as its node states it (a partial date keeps its precision).
  CALL (x) {
    // A node with no more relationships than $groupOver has no group: its degree (kept with the
    // node, not counted by walking them) spares the pass for most of a frontier.
    WITH x WHERE COUNT { (x)--() } > $groupOver
    MATCH (x)-[r]-(y)
    WHERE $types IS NULL OR type(r) IN $types
    WITH type(r) AS type, CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS direction, y
    WITH type, direction, count(DISTINCT y) AS n, collect(DISTINCT y.kind) AS kinds,
         min(coalesce(y.dateStart, y.date) + '|' + y.date) AS first,
         max(coalesce(y.dateEnd, y.dateStart, y.date) + '|' + coalesce(y.endDate, y.date)) AS last
    RETURN collect({type: type, direction: direction, n: n, kinds: kinds, from: split(first, '|')[1], to: split(last, '|')[1]}) AS buckets
  }
  RETURN collect({x: x, big: [b IN buckets WHERE b.n > $groupOver],
                  grouped: [b IN buckets WHERE b.n > $groupOver | b.type + b.direction]}) AS plans
}
CALL (plans) {
  UNWIND plans AS plan
  UNWIND plan.big AS g
  RETURN collect({node: plan.x.id, type: g.type, direction: g.direction, count: g.n, kinds: g.kinds, from: g.from, to: g.to}) AS groups2
}
CALL (plans, seen, bk) {
  UNWIND plans AS plan
  WITH plan.x AS x, plan.grouped AS grouped, [n IN seen | n.id] AS seenIds
  MATCH (x)-[r]-(y)
  WITH x, r, y, type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS bucket, grouped, seenIds
  // A member of a group is still drawn when its edge names a visit or meeting already drawn
  // (whom Blinken met on his visit to Algeria, among the hundreds he met).
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT bucket IN grouped OR r.visitId IN seenIds OR r.meetingId IN seenIds) AND NOT y IN seen
  WITH y, type(r) AS type, CASE WHEN NOT type(r) IN $bookkeeping AND NOT x IN bk THEN 1 ELSE 0 END AS substantive,
       coalesce(r.date, y.dateStart, y.date, '') AS date
  WITH y, max(substantive) AS substantive, count(*) AS ties, max(date) AS recent, min(type) AS via
  ORDER BY substantive DESC, ties DESC, recent DESC, y.name, y.id
  WITH collect({n: y, substantive: substantive, level: 2, ties: ties, recent: recent, via: via}) AS all
  RETURN all[..$limit] AS ranked2, [c IN all[$limit..] | c.via] AS cut2
}
WITH s, seen + [c IN ranked2 | c.n] AS seen, [c IN ranked2 | c.n] AS frontier,
     bk + [c IN ranked2 WHERE c.substantive = 0 | c.n] AS bk,
     ranked1 + ranked2 AS ranked, groups1 + groups2 AS groups, cut1 + cut2 AS cut
// ── level 3 ──
CALL (seen, frontier, bk) {
  UNWIND CASE WHEN $depth >= 3 THEN frontier ELSE [] END AS x
  WITH x WHERE NOT x IN bk
  // One pass over x's relationships: per type and direction, how many, of which kinds, and the
  // earliest start and latest end, each as its node states it (a partial date keeps its precision).
  CALL (x) {
    // A node with no more relationships than $groupOver has no group: its degree (kept with the
    // node, not counted by walking them) spares the pass for most of a frontier.
    WITH x WHERE COUNT { (x)--() } > $groupOver
    MATCH (x)-[r]-(y)
    WHERE $types IS NULL OR type(r) IN $types
    WITH type(r) AS type, CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS direction, y
    WITH type, direction, count(DISTINCT y) AS n, collect(DISTINCT y.kind) AS kinds,
         min(coalesce(y.dateStart, y.date) + '|' + y.date) AS first,
         max(coalesce(y.dateEnd, y.dateStart, y.date) + '|' + coalesce(y.endDate, y.date)) AS last
    RETURN collect({type: type, direction: direction, n: n, kinds: kinds, from: split(first, '|')[1], to: split(last, '|')[1]}) AS buckets
  }
  RETURN collect({x: x, big: [b IN buckets WHERE b.n > $groupOver],
                  grouped: [b IN buckets WHERE b.n > $groupOver | b.type + b.direction]}) AS plans
}
CALL (plans) {
  UNWIND plans AS plan
  UNWIND plan.big AS g
  RETURN collect({node: plan.x.id, type: g.type, direction: g.direction, count: g.n, kinds: g.kinds, from: g.from, to: g.to}) AS groups3
}
CALL (plans, seen, bk) {
  UNWIND plans AS plan
  WITH plan.x AS x, plan.grouped AS grouped, [n IN seen | n.id] AS seenIds
  MATCH (x)-[r]-(y)
  WITH x, r, y, type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END AS bucket, grouped, seenIds
  // A member of a group is still drawn when its edge names a visit or meeting already drawn
  // (whom Blinken met on his visit to Algeria, among the hundreds he met).
  WHERE ($types IS NULL OR type(r) IN $types)
    AND (NOT bucket IN grouped OR r.visitId IN seenIds OR r.meetingId IN seenIds) AND NOT y IN seen
  WITH y, type(r) AS type, CASE WHEN NOT type(r) IN $bookkeeping AND NOT x IN bk THEN 1 ELSE 0 END AS substantive,
       coalesce(r.date, y.dateStart, y.date, '') AS date
  WITH y, max(substantive) AS substantive, count(*) AS ties, max(date) AS recent, min(type) AS via
  ORDER BY substantive DESC, ties DESC, recent DESC, y.name, y.id
  WITH collect({n: y, substantive: substantive, level: 3, ties: ties, recent: recent, via: via}) AS all
  RETURN all[..$limit] AS ranked3, [c IN all[$limit..] | c.via] AS cut3
}
// ── the final cut: the focus, then the ranked nodes of every level, in rank order ──
WITH s, ranked + ranked3 AS ranked, groups + groups3 AS groups, cut + cut3 AS cut
CALL (ranked) {
  UNWIND ranked AS c
  WITH c ORDER BY c.substantive DESC, c.level, c.ties DESC, c.recent DESC, c.n.name, c.n.id
  RETURN collect(c) AS ordered
}
WITH s, [s] + [c IN ordered[..($limit - 1)] | c.n] AS kept, cut + [c IN ordered[($limit - 1)..] | c.via] AS cut, groups
RETURN
  [n IN kept | {id: n.id, kind: n.kind, name: n.name, nameAr: n.nameAr, labels: labels(n)}] AS nodes,
  COLLECT {
    UNWIND kept AS a
    MATCH (a)-[r]->(b)
    WHERE ($types IS NULL OR type(r) IN $types) AND b IN kept
    WITH r, a, b ORDER BY a.id, type(r), b.id, elementId(r)
    RETURN {id: elementId(r), type: type(r), source: a.id, target: b.id, properties: properties(r)}
  } AS edges,
  [g IN groups WHERE any(n IN kept WHERE n.id = g.node)] AS groups,
  COLLECT {
    UNWIND cut AS type
    WITH type, count(*) AS n
    RETURN {type: type, count: n}
  } AS cut
