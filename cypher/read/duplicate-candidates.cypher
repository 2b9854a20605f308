// Likely duplicates of one kind, for review: two people with one folded "given surname" key
// (name-variant), a person known by a surname alone and a person with a full name of that
// surname (surname; surer when that person is the only one), or two entities sharing a
// normalized name or alias (same-name). Pairs dismissed before (notDuplicateOf) are left out.
CALL () {
  MATCH (a:Person)
  WHERE $kind = 'PERSON' AND size(coalesce(a.personKeys, [])) > 0
  UNWIND a.personKeys AS key
  WITH key, collect(a) AS people
  WHERE size(people) > 1
  UNWIND people AS a
  UNWIND people AS b
  WITH a, b WHERE a.id < b.id
  RETURN DISTINCT a, b, 'name-variant' AS reason, 0.9 AS score
  UNION
  MATCH (a:Person)
  WHERE $kind = 'PERSON' AND size(coalesce(a.personKeys, [])) = 0 AND a.surnameKey IS NOT NULL
  MATCH (b:Person {surnameKey: a.surnameKey})
  WHERE b <> a AND size(coalesce(b.personKeys, [])) > 0
  WITH a, collect(b) AS bearers
  UNWIND bearers AS b
  RETURN a, b, 'surname' AS reason, CASE size(bearers) WHEN 1 THEN 0.8 ELSE 0.5 END AS score
  UNION
  MATCH (a:Entity {kind: $kind})
  UNWIND a.nameKeys AS key
  WITH key, collect(a) AS nodes
  WHERE size(nodes) > 1
  UNWIND nodes AS a
  UNWIND nodes AS b
  WITH a, b WHERE a.id < b.id
  RETURN DISTINCT a, b, 'same-name' AS reason, 1.0 AS score
}
WITH a, b, reason, score
WHERE NOT b.id IN coalesce(a.notDuplicateOf, []) AND NOT a.id IN coalesce(b.notDuplicateOf, [])
WITH a, b, max(score) AS score, collect(reason)[0] AS reason
ORDER BY score DESC, a.id, b.id
SKIP $offset LIMIT $limit
RETURN a.id AS a, b.id AS b, reason, score
