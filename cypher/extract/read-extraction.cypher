// One article read by the extractor and all its proposals, in their order.
MATCH (x:Extraction {id: $id})
OPTIONAL MATCH (x)-[:PROPOSES]->(p:Proposal)
WITH x, p ORDER BY p.order
RETURN x.id AS id, x.text AS text, x.language AS language, x.publishedAt AS publishedAt, x.source AS source,
       x.notes AS notes,
       collect(CASE WHEN p IS NULL THEN null ELSE {id: p.id, status: p.status, json: p.json, result: p.result, error: p.error} END) AS proposals
