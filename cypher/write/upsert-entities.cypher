// Creates or updates entities by id. Seed entities are authoritative (mode 'replace'); an entity
// created from a reference only fills what is missing (mode 'fill').
CYPHER replan=skip
UNWIND $entities AS e
MERGE (n:Entity {id: e.id})
ON CREATE SET n.kind = e.kind, n.name = e.name, n.aliases = [], n.nameKeys = [], n.`_new` = true
SET n:$(e.labels)
SET n.name = CASE WHEN $mode = 'replace' THEN e.name ELSE coalesce(n.name, e.name) END,
    n.nameAr = CASE WHEN $mode = 'replace' THEN e.nameAr ELSE coalesce(n.nameAr, e.nameAr) END,
    n.summary = CASE WHEN $mode = 'replace' THEN e.summary ELSE coalesce(n.summary, e.summary) END,
    n.aliases = CASE WHEN $mode = 'replace' THEN e.aliases
                ELSE n.aliases + [a IN e.aliases WHERE NOT a IN n.aliases] END,
    n.nameKeys = CASE WHEN $mode = 'replace' THEN e.nameKeys
                 ELSE n.nameKeys + [k IN e.nameKeys WHERE NOT k IN n.nameKeys] END,
    n.personKeys = CASE WHEN e.personKeys IS NULL THEN n.personKeys
                   WHEN $mode = 'replace' THEN e.personKeys
                   ELSE coalesce(n.personKeys, []) + [k IN e.personKeys WHERE NOT k IN coalesce(n.personKeys, [])] END,
    n.surnameKey = coalesce(n.surnameKey, e.surnameKey),
    n.externalIds = CASE WHEN size(e.externalIds) = 0 THEN n.externalIds
                    ELSE coalesce(n.externalIds, []) + [x IN e.externalIds WHERE NOT x IN coalesce(n.externalIds, [])] END
SET n += e.properties
WITH n, n.`_new` IS NOT NULL AS created
REMOVE n.`_new`
RETURN n.id AS id, created, elementId(n) AS node, n.nameAr AS nameAr, n.name AS name
