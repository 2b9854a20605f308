// Candidates for each reference: by id, else by any normalized name or alias (nameKeys),
// found through the full-text index and then matched exactly. A lookup with no candidate
// returns no row.
UNWIND $lookups AS l
CALL (l) {
  WITH l WHERE l.id IS NOT NULL
  MATCH (n:Entity {id: l.id})
  RETURN n
  UNION
  WITH l WHERE l.id IS NULL
  CALL db.index.fulltext.queryNodes('entity_names', l.query, {limit: 200}) YIELD node AS n
  WITH l, n
  WHERE any(k IN l.keys WHERE k IN n.nameKeys)
    AND (l.kind IS NULL OR n.kind = l.kind)
    AND (l.label IS NULL OR l.label IN labels(n))
  RETURN n
}
WITH l, n ORDER BY n.id
RETURN l.index AS index, collect(DISTINCT n {.id, .kind, .name}) AS candidates
