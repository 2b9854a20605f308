// The posts that the roles of meeting participants and attendees name. Rows: {meetingId, personId, roleKey,
// countryId}: a post whose name is the role, or ends with it and belongs to `countryId` (the
// country the visit was to: those met there are mostly its officials). Its id goes on the
// PRINCIPAL or ATTENDED edge as `position`.
UNWIND $roles AS row
MATCH (meeting:Entity {id: row.meetingId})
MATCH (person:Entity {id: row.personId})
OPTIONAL MATCH (meeting)-[principal:PRINCIPAL]->(person)
OPTIONAL MATCH (person)-[attended:ATTENDED]->(meeting)
WITH row, coalesce(principal, attended) AS e
WHERE e IS NOT NULL AND e.position IS NULL
CALL (e, row) {
  MATCH (post:Position)
  WHERE any(k IN post.nameKeys WHERE k = row.roleKey)
    OR (row.countryId IS NOT NULL AND EXISTS { (post)-[:POST_OF]->(:Entity {id: row.countryId}) }
        AND any(k IN post.nameKeys WHERE k ENDS WITH ' ' + row.roleKey))
  WITH e, post ORDER BY size(post.name), post.id LIMIT 1
  SET e.position = post.id
}
RETURN count(*) AS roles
