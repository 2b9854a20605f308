// Places a new city, place or region (or one placed nowhere yet) LOCATED_IN the country or
// region the input says it lies within (a visit's city: the host country unless it says
// otherwise). Rows: {id, withinId, source, paragraphs} (those of the record that names the place). Known from the input's context: certainty external.
UNWIND $rows AS row
MATCH (place:Entity {id: row.id})
MATCH (container:Entity {id: row.withinId})
MERGE (place)-[r:LOCATED_IN]->(container)
  ON CREATE SET r.source = row.source, r.sources = CASE WHEN row.source IS NULL THEN [] ELSE [row.source] END,
    r.paragraphs = row.paragraphs, r.certainty = 'external'
RETURN count(*) AS located
