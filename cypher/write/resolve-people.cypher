// People who may be meant by a name that matched no name or alias exactly: the same folded
// "given surname" key, the same surname, or a surname one edit away (the caller applies the
// guards). Each comes with the span of its dated visits and meetings, its terms of office, to
// prefer the person active at the record's date, and the offices its records give it (the role
// as the source states it, for the country travelled for or the host of the visit it was met
// in), which tell one person's records decades apart from a namesake's.
CYPHER replan=skip
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('person_names', l.query, {limit: 50}) YIELD node
CALL (node) {
  OPTIONAL MATCH (node)<-[:TRAVELER|PRINCIPAL]-(e:Event)
  RETURN min(e.dateStart) AS first, max(e.dateEnd) AS last
}
CALL (node) {
  MATCH (node)<-[tr:TRAVELER]-(:Visit)-[:ON_BEHALF_OF]->(c:Country)
  WHERE tr.role IS NOT NULL
  RETURN collect(DISTINCT {role: tr.role, country: c.id, countryKeys: c.nameKeys}) AS travelled
}
CALL (node) {
  MATCH (node)<-[pr:PRINCIPAL]-(:Meeting)<-[:INCLUDES]-(v:Visit)-[:HOST_COUNTRY]->(c:Country)
  WHERE pr.role IS NOT NULL AND NOT (v)-[:TRAVELER]->(node)
  RETURN collect(DISTINCT {role: pr.role, country: c.id, countryKeys: c.nameKeys}) AS met
}
RETURN l.index AS index,
  collect(node {.id, .kind, .name, aliases: coalesce(node.aliases, []), first: first, last: last,
    terms: [(node)-[h:HOLDS_POSITION]->() | {since: h.since, until: h.until}],
    offices: travelled + met}) AS candidates
