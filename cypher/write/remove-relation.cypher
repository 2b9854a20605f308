// removeRelation: deletes one relation and keeps what it said, and why it went, as a Retraction
// (not an :Entity, so the API never shows it as part of the graph).
MATCH (a)-[r]->(b) WHERE elementId(r) = $id
CREATE (:Retraction {relationId: $id, type: type(r), fromId: a.id, toId: b.id,
  properties: $propertiesJson, reason: $reason, at: $at})
DELETE r
