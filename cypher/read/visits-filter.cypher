// The visits that Query.visits' filter keeps (every given filter must hold); binds n.
MATCH (n:Visit)
WHERE ($traveler IS NULL OR EXISTS { (n)-[:TRAVELER]->(t:Entity) WHERE t.id = $traveler })
  AND ($host IS NULL OR EXISTS { (n)-[:HOST_COUNTRY]->(h:Entity) WHERE h.id = $host })
  AND ($from IS NULL OR coalesce(n.dateEnd, n.dateStart) >= $from)
  AND ($to IS NULL OR n.dateStart <= $to)
  AND ($topic IS NULL OR EXISTS {
    (n)-[:INCLUDES*0..1]->()-[:DISCUSSED]->(topic:Topic)
    WHERE topic.id = $topic OR any(k IN coalesce(topic.nameKeys, []) WHERE k CONTAINS $topicKey)
  })
