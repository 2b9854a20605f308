// The visits that Query.visits' filter keeps (every given filter must hold); binds n. Starts from
// the host or the traveler when one is given (a hub's visits, not every visit in the graph).
CALL () {
  UNWIND CASE WHEN $host IS NOT NULL THEN [$host] ELSE [] END AS host
  MATCH (:Entity {id: host})<-[:HOST_COUNTRY]-(n:Visit)
  RETURN n
  UNION
  UNWIND CASE WHEN $host IS NULL AND $traveler IS NOT NULL THEN [$traveler] ELSE [] END AS traveler
  MATCH (:Entity {id: traveler})<-[:TRAVELER]-(n:Visit)
  RETURN n
  UNION
  UNWIND CASE WHEN $host IS NULL AND $traveler IS NULL THEN [1] ELSE [] END AS everything
  MATCH (n:Visit)
  RETURN n
}
WITH n
WHERE ($traveler IS NULL OR EXISTS { (n)-[:TRAVELER]->(t:Entity) WHERE t.id = $traveler })
  AND ($host IS NULL OR EXISTS { (n)-[:HOST_COUNTRY]->(h:Entity) WHERE h.id = $host })
  AND ($from IS NULL OR coalesce(n.dateEnd, n.dateStart) >= $from)
  AND ($to IS NULL OR n.dateStart <= $to)
  AND ($topic IS NULL OR EXISTS {
    (n)-[:INCLUDES*0..1]->()-[:DISCUSSED]->(topic:Topic)
    WHERE topic.id = $topic OR any(k IN coalesce(topic.nameKeys, []) WHERE k CONTAINS $topicKey)
  })
