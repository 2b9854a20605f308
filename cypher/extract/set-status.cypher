// Marks proposals accepted or dismissed; `result` names what accepting wrote.
UNWIND $rows AS row
MATCH (p:Proposal {id: row.id})
SET p.status = row.status, p.result = row.result, p.decidedAt = datetime()
RETURN p.id AS id
