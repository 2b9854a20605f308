// The entities that already hold the visit ids a write names, with what makes each visit that
// visit (traveler, host country, date), so that a given id can never be reused for another one.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, n:Visit AS isVisit, n.date AS date,
  COLLECT { MATCH (n)-[:TRAVELER]->(t) RETURN t.id } AS travelers,
  COLLECT { MATCH (n)-[:HOST_COUNTRY]->(h) RETURN h.id } AS hosts
