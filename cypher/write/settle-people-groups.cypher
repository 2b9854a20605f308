// People who share a folded surname, in groups of two or more, each with the span of its dated
// visits and meetings, its terms of office, the offices its records give it (a role for the country
// travelled for, or for the host of the visit it was met in, with the first and last day of those
// records), the ids a registry gave it, and the
// pairs set apart by hand: what the person rules are applied to again once a whole import is in
// (src/graph/settlePeople.ts).
MATCH (p:Person)
WHERE p.surnameKey IS NOT NULL
WITH p.surnameKey AS key, collect(p) AS people
WHERE size(people) > 1
UNWIND people AS p
// include: parts/person-record
WITH key, p, toString(first) AS first, toString(last) AS last, travelled + met AS offices
RETURN key, collect(p {.id, .name, aliases: coalesce(p.aliases, []), apart: coalesce(p.notDuplicateOf, []), first: first, last: last,
  registryIds: coalesce(p.externalIds, []) + CASE WHEN p.hsgId IS NULL THEN [] ELSE ['hsg:' + p.hsgId] END,
  terms: [(p)-[h:HOLDS_POSITION]->() | {since: h.since, until: h.until}], offices: offices}) AS people
