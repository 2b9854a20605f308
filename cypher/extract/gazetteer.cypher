// Every name the extractor may recognize in an article, with the country a city lies in.
MATCH (e:Entity)
WHERE e.kind IN $kinds
OPTIONAL MATCH (e)-[:LOCATED_IN]->(c:Country)
WITH e, head(collect(c.id)) AS country
RETURN e.id AS id, e.kind AS kind, e.name AS name, e.nameAr AS nameAr, coalesce(e.aliases, []) AS aliases, country
