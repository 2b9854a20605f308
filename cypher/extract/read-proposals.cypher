// Proposals by id, with the article they come from.
UNWIND $ids AS id
MATCH (x:Extraction)-[:PROPOSES]->(p:Proposal {id: id})
RETURN p.id AS id, p.type AS type, p.status AS status, p.json AS json, p.result AS result, p.error AS error,
       x.id AS extractionId, x.source AS source, x.publishedAt AS publishedAt, x.language AS language
