// Visits and tours of one person that became the same once two people were merged: the same
// host and date (visits), or the same name (tours). The older id is kept.
MATCH (p:Entity {id: $keep})<-[:TRAVELER]-(a:Visit)-[:HOST_COUNTRY]->(host)<-[:HOST_COUNTRY]-(b:Visit)-[:TRAVELER]->(p)
WHERE a.id < b.id AND a.date = b.date
RETURN a.id AS keep, b.id AS merge
UNION
MATCH (p:Entity {id: $keep})<-[:TRAVELER]-(:Visit)-[:PART_OF_TOUR]->(a:Tour),
      (p)<-[:TRAVELER]-(:Visit)-[:PART_OF_TOUR]->(b:Tour)
WHERE a.id < b.id AND any(k IN a.nameKeys WHERE k IN b.nameKeys)
RETURN DISTINCT a.id AS keep, b.id AS merge
