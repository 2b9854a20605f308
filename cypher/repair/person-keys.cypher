// Every person's names and stored name keys, for the repair that recomputes the keys when the
// way names are read has changed (src/graph/repairs.ts).
MATCH (p:Person)
RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases,
       coalesce(p.personKeys, []) AS personKeys, p.surnameKey AS surnameKey
