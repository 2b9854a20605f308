// Entities by an external id (Wikidata, the Office of the Historian) or by the id of an entity
// merged into them.
UNWIND $lookups AS l
CALL db.index.fulltext.queryNodes('entity_other_ids', l.query, {limit: 5}) YIELD node
WHERE l.value IN coalesce(node.externalIds, []) OR l.value IN coalesce(node.mergedIds, [])
RETURN l.value AS value, collect(node {.id, .kind, .name, labels: labels(node), nameKeys: node.nameKeys}) AS nodes
