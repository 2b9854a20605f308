// $rows: [{id, personKeys, surnameKey}] — the keys as today's reading of names gives them.
UNWIND $rows AS row
MATCH (p:Person {id: row.id})
SET p.personKeys = row.personKeys, p.surnameKey = row.surnameKey
