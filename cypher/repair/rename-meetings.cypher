UNWIND $rows AS row
MATCH (m:Meeting {id: row.id})
SET m.name = row.name, m.nameKeys = row.nameKeys
