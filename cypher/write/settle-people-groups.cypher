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
CALL (p) {
  OPTIONAL MATCH (p)<-[:TRAVELER|PRINCIPAL]-(e:Event)
  RETURN toString(min(e.dateStart)) AS first, toString(max(e.dateEnd)) AS last
}
CALL (p) {
  MATCH (p)<-[tr:TRAVELER]-(v:Visit)-[:ON_BEHALF_OF]->(c:Country)
  WHERE tr.role IS NOT NULL
  WITH tr.role AS role, c.id AS country, min(v.dateStart) AS first, max(v.dateEnd) AS last
  RETURN collect({role: role, country: country, first: toString(first), last: toString(last)}) AS travelled
}
CALL (p) {
  MATCH (p)<-[pr:PRINCIPAL]-(m:Meeting)<-[:INCLUDES]-(v:Visit)-[:HOST_COUNTRY]->(c:Country)
  WHERE pr.role IS NOT NULL AND NOT (v)-[:TRAVELER]->(p)
  WITH pr.role AS role, c.id AS country, min(coalesce(m.dateStart, v.dateStart)) AS first, max(coalesce(m.dateEnd, v.dateEnd)) AS last
  RETURN collect({role: role, country: country, first: toString(first), last: toString(last)}) AS met
}
WITH key, p, first, last, travelled + met AS offices
RETURN key, collect(p {.id, .name, aliases: coalesce(p.aliases, []), apart: coalesce(p.notDuplicateOf, []), first: first, last: last,
  registryIds: coalesce(p.externalIds, []) + CASE WHEN p.hsgId IS NULL THEN [] ELSE ['hsg:' + p.hsgId] END,
  terms: [(p)-[h:HOLDS_POSITION]->() | {since: h.since, until: h.until}], offices: offices}) AS people
