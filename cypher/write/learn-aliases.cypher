// The names a person rule matched, kept as aliases of the people matched (one row per person):
// added to aliases and to the keys that exact matching and the person rules search.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WITH n, row, coalesce(n.aliases, []) AS had
SET n.aliases = had + [a IN row.aliases WHERE NOT a IN had AND a <> n.name AND a <> coalesce(n.nameAr, '')],
    n.nameKeys = coalesce(n.nameKeys, []) + [k IN row.keys WHERE NOT k IN coalesce(n.nameKeys, [])],
    n.personKeys = CASE WHEN n.kind = 'PERSON'
                   THEN coalesce(n.personKeys, []) + [k IN row.personKeys WHERE NOT k IN coalesce(n.personKeys, [])]
                   ELSE n.personKeys END
