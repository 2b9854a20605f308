// People who may be meant by a name that matched no name or alias exactly: the same folded
// "given surname" key, the same surname, or a surname one edit away (the caller applies the
// guards). Each comes with the span of its dated visits and meetings, and its terms of office,
// to prefer the person active at the record's date.
CYPHER replan=skip
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('person_names', l.query, {limit: 50}) YIELD node
CALL (node) {
  OPTIONAL MATCH (node)<-[:TRAVELER|PRINCIPAL]-(e:Event)
  RETURN min(e.dateStart) AS first, max(e.dateEnd) AS last
}
RETURN l.index AS index,
  collect(node {.id, .kind, .name, aliases: coalesce(node.aliases, []), first: first, last: last,
    terms: [(node)-[h:HOLDS_POSITION]->() | {since: h.since, until: h.until}]}) AS candidates
