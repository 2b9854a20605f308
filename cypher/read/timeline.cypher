// Query.timeline, before the projection: the dated events and texts an entity is directly part
// of, each once with the relationship types that join them (roles), oldest first.
MATCH (n:Entity {id: $id})
MATCH (n)-[r]-(e)
WHERE (e:Event OR e:Agreement) AND e.date IS NOT NULL AND type(r) <> 'MENTIONS'
WITH e, r ORDER BY type(r)
WITH e, collect(DISTINCT type(r)) AS roles
ORDER BY coalesce(e.dateStart, e.date), e.id
LIMIT $first
