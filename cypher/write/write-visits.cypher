// One row per visit (entities already resolved to ids). A visit with the same traveler, host
// and date as one in the graph IS that visit: it is enriched, never duplicated. Every edge
// carries the provenance map $provs[toInteger(v.prov)] = {source, sources, paragraphs, certainty}; an edge
// that already exists only gains the new source in `sources`. `before` is the visit as it was
// (its properties and degree), null when this row creates it, so the caller can tell what
// changed. `v.first` marks the first row of the batch with its id. The visit's other edges (city, tour, topics) go through write-edges.
// Traveler and host are named by their element ids in this transaction.
CYPHER replan=skip
UNWIND $visits AS v
WITH v, $provs[toInteger(v.prov)] AS prov
MATCH (traveler) WHERE elementId(traveler) = v.traveler
MATCH (host) WHERE elementId(host) = v.host
OPTIONAL MATCH (traveler)<-[:TRAVELER]-(same:Visit)-[:HOST_COUNTRY]->(host)
  WHERE same.date = v.date
WITH v, prov, traveler, host, head(collect(same.id)) AS sameId
WITH v, prov, traveler, host, coalesce(sameId, v.id) AS visitId
OPTIONAL MATCH (before:Entity {id: visitId})
WITH v, prov, traveler, host, visitId,
  CASE WHEN before IS NULL THEN null ELSE {props: properties(before), degree: COUNT { (before)--() }} END AS before
MERGE (visit:Entity {id: visitId})
  ON CREATE SET visit:Event:Visit, visit.kind = 'EVENT', visit.name = v.name, visit.aliases = [],
    visit.nameKeys = v.nameKeys, visit.date = v.date, visit.dateStart = v.dateStart,
    visit.dateEnd = v.dateEnd, visit += prov, visit.dateCertainty = v.dateCertainty
  ON MATCH SET visit.sources = coalesce(visit.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(visit.sources, [])]
SET visit.summary = coalesce(visit.summary, v.summary),
    visit.purpose = coalesce(visit.purpose, v.purpose)
// An Arabic name only where the visit has none yet (its keys join nameKeys).
SET visit.nameKeys = CASE WHEN visit.nameAr IS NULL AND v.nameAr IS NOT NULL
      THEN visit.nameKeys + [k IN v.nameArKeys WHERE NOT k IN visit.nameKeys] ELSE visit.nameKeys END
SET visit.nameAr = coalesce(visit.nameAr, v.nameAr)
SET visit += v.properties
WITH v, prov, traveler, host, visit, before, before IS NULL AND v.first AS fresh
// A visit this row has just created (the first row with its id) has no edges yet.
CALL (v, prov, traveler, host, visit, fresh) {
  WITH * WHERE fresh
  CREATE (visit)-[tr:TRAVELER]->(traveler)
  SET tr += prov
  CREATE (visit)-[hc:HOST_COUNTRY]->(host)
  SET hc += prov
  CREATE (traveler)-[vd:VISITED {visitId: visit.id}]->(host)
  SET vd += prov, vd.date = v.date, vd.dateCertainty = v.dateCertainty
}
CALL (v, prov, traveler, host, visit, fresh) {
  WITH * WHERE NOT fresh
  MERGE (visit)-[tr:TRAVELER]->(traveler)
    ON CREATE SET tr += prov
    ON MATCH SET tr.sources = coalesce(tr.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(tr.sources, [])]
  MERGE (visit)-[hc:HOST_COUNTRY]->(host)
    ON CREATE SET hc += prov
    ON MATCH SET hc.sources = coalesce(hc.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(hc.sources, [])]
  // Looked up by its index, not merged: a MERGE with a property may be planned as a scan of
  // every VISITED edge. The visit is locked (set above), so no one else writes its edge meanwhile.
  WITH *
  OPTIONAL MATCH (traveler)-[found:VISITED]->(host) USING INDEX found:VISITED(visitId)
    WHERE found.visitId = visit.id
  WITH *, head(collect(found)) AS vd
  CALL (v, prov, traveler, host, visit, vd) {
    WITH * WHERE vd IS NULL
    CREATE (traveler)-[created:VISITED {visitId: visit.id}]->(host)
    SET created += prov, created.date = v.date, created.dateCertainty = v.dateCertainty
  }
  CALL (prov, vd) {
    WITH * WHERE vd IS NOT NULL
    SET vd.sources = coalesce(vd.sources, []) + [s IN [prov.source] WHERE s IS NOT NULL AND NOT s IN coalesce(vd.sources, [])]
  }
}
RETURN v.index AS index, visit.id AS visitId, elementId(visit) AS node, before
