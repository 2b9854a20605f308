// People who may be meant by a name that matched no name or alias exactly: the same folded
// "given surname" key, the same surname, or a surname one edit away (the caller applies the
// guards). Each comes with the span of its dated visits and meetings, its terms of office, to
// prefer the person active at the record's date, and the offices its records give it (the role
// as the source states it, for the country travelled for or the host of the visit it was met
// in), which tell one person's records decades apart from a namesake's.
CYPHER replan=skip
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('person_names', l.query, {limit: 50}) YIELD node AS p
// include: parts/person-record
RETURN l.index AS index,
  collect(p {.id, .kind, .name, aliases: coalesce(p.aliases, []), first: first, last: last,
    terms: [(p)-[h:HOLDS_POSITION]->() | {since: h.since, until: h.until}],
    offices: travelled + met}) AS candidates
