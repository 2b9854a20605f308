// One article read by the extractor, with its source details and proposals (status pending).
CREATE (x:Extraction {
  id: $id, text: $text, language: $language, publishedAt: $publishedAt, source: $source,
  extractor: $extractor, notes: $notes, createdAt: datetime()
})
WITH x
UNWIND $proposals AS p
CREATE (x)-[:PROPOSES]->(:Proposal {id: p.id, type: p.type, order: p.order, status: 'pending', json: p.json})
