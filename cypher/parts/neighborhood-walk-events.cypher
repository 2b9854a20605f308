// The edges of x's groups that name a visit or meeting already drawn (`seenEvents`), found through
// the index on that id (migrations 002 and 008), one branch per type and property that carry one.
// Query.neighborhood adds these branches to the walk (cypher/parts/neighborhood-walk) from its
// second level on: at the first the only node drawn is the focus, and an edge that names a visit or
// meeting joins people, countries and places, never a visit or meeting. Expects x, `grouped` and
// `seenEvents`; gives rows of r and y.
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
