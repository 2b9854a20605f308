// Which of x's relationships a level of Query.neighborhood walks (cypher/parts/neighborhood-level
// includes it): every one of a node without groups; for a node with groups, every one outside its
// grouped buckets, and those inside that name a visit or meeting already drawn. Expects x,
// `grouped` (its grouped buckets, type + direction), `listed` (the element ids of the edges of a
// summarised node's small buckets, when they cover every bucket not grouped; else null) and
// `seenEvents` (the ids of the visits and meetings drawn so far). Gives rows of r and y; UNION
// counts an edge found twice once.
WITH x WHERE size(grouped) = 0
MATCH (x)-[r]-(y)
RETURN r, y
UNION
// A dense node's few edges outside its groups, read by id from its summary: walking the node for
// them would read every edge of its groups too (a type given as a value, `type(r) IN $list`, does
// not narrow the walk: 68,270 database hits for a hub's one POST_OF edge, against 9 for the type
// written out). The ends are checked, as an id can be reused after its edge is deleted.
// (coalesce: Neo4j 5.26 fails with an internal error on an id seek in a null list, guard or not.)
WITH x, grouped, listed WHERE size(grouped) > 0 AND listed IS NOT NULL
MATCH ()-[r]->()
WHERE elementId(r) IN coalesce(listed, [])
WITH x, grouped, r, startNode(r) = x AS out
WHERE (out OR endNode(r) = x) AND NOT type(r) + CASE WHEN out THEN 'OUT' ELSE 'IN' END IN grouped
RETURN r, CASE WHEN out THEN endNode(r) ELSE startNode(r) END AS y
UNION
// A node with groups and no list (not summarised, or summarised for a smaller groupOver): walked.
WITH x, grouped, listed WHERE size(grouped) > 0 AND listed IS NULL
MATCH (x)-[r]-(y)
WHERE NOT type(r) + CASE WHEN startNode(r) = x THEN 'OUT' ELSE 'IN' END IN grouped
RETURN r, y
// A grouped edge that names a drawn visit or meeting, found through the index on that id
// (migrations 002 and 008), one branch per type and property that carry one.
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('VISITEDOUT' IN grouped OR 'VISITEDIN' IN grouped)
MATCH (x)-[r:VISITED]-(y) USING INDEX r:VISITED(visitId)
WHERE r.visitId IN seenEvents
RETURN r, y
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('METOUT' IN grouped OR 'METIN' IN grouped)
MATCH (x)-[r:MET]-(y) USING INDEX r:MET(visitId)
WHERE r.visitId IN seenEvents
RETURN r, y
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('METOUT' IN grouped OR 'METIN' IN grouped)
MATCH (x)-[r:MET]-(y) USING INDEX r:MET(meetingId)
WHERE r.meetingId IN seenEvents
RETURN r, y
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('RECEIVEDOUT' IN grouped OR 'RECEIVEDIN' IN grouped)
MATCH (x)-[r:RECEIVED]-(y) USING INDEX r:RECEIVED(visitId)
WHERE r.visitId IN seenEvents
RETURN r, y
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('RECEIVEDOUT' IN grouped OR 'RECEIVEDIN' IN grouped)
MATCH (x)-[r:RECEIVED]-(y) USING INDEX r:RECEIVED(meetingId)
WHERE r.meetingId IN seenEvents
RETURN r, y
UNION
WITH x, grouped, seenEvents WHERE size(seenEvents) > 0 AND ('LAID_WREATH_ATOUT' IN grouped OR 'LAID_WREATH_ATIN' IN grouped)
MATCH (x)-[r:LAID_WREATH_AT]-(y) USING INDEX r:LAID_WREATH_AT(visitId)
WHERE r.visitId IN seenEvents
RETURN r, y
