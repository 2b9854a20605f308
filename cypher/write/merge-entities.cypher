// Merges $merge into $keep: each relationship of the merged node moves to the kept one with all
// its properties (provenance included), unless the kept node already has the same one (same type,
// other end, visit and meeting), which then gains its sources and paragraphs. Relationships
// between the two are dropped (they would join the kept node to itself). Names become aliases
// and the merged id is remembered (mergedIds), so that it keeps answering. $unkeyed: name keys
// of the merged node not carried over for exact matching (a person's surname alone, merge.ts).
MATCH (k:Entity {id: $keep}), (m:Entity {id: $merge})
CALL (k, m) {
  MATCH (m)-[r]->(o) WHERE o <> k AND o <> m
  OPTIONAL MATCH (k)-[same]->(o)
    WHERE type(same) = type(r) AND coalesce(same.visitId, '') = coalesce(r.visitId, '') AND coalesce(same.meetingId, '') = coalesce(r.meetingId, '')
  WITH k, r, o, head(collect(same)) AS same
  FOREACH (_ IN CASE WHEN same IS NULL THEN [1] ELSE [] END |
    CREATE (k)-[nr:$(type(r))]->(o) SET nr = properties(r))
  FOREACH (_ IN CASE WHEN same IS NULL THEN [] ELSE [1] END |
    SET same.sources = coalesce(same.sources, []) + [s IN coalesce(r.sources, []) WHERE NOT s IN coalesce(same.sources, [])],
        same.paragraphs = CASE WHEN coalesce(same.source, '') = coalesce(r.source, '')
          THEN coalesce(same.paragraphs, []) + [p IN coalesce(r.paragraphs, []) WHERE NOT p IN coalesce(same.paragraphs, [])]
          ELSE same.paragraphs END)
  DELETE r
  RETURN count(same) AS combinedOut, count(r) - count(same) AS movedOut
}
CALL (k, m) {
  MATCH (m)<-[r]-(o) WHERE o <> k AND o <> m
  OPTIONAL MATCH (k)<-[same]-(o)
    WHERE type(same) = type(r) AND coalesce(same.visitId, '') = coalesce(r.visitId, '') AND coalesce(same.meetingId, '') = coalesce(r.meetingId, '')
  WITH k, r, o, head(collect(same)) AS same
  FOREACH (_ IN CASE WHEN same IS NULL THEN [1] ELSE [] END |
    CREATE (o)-[nr:$(type(r))]->(k) SET nr = properties(r))
  FOREACH (_ IN CASE WHEN same IS NULL THEN [] ELSE [1] END |
    SET same.sources = coalesce(same.sources, []) + [s IN coalesce(r.sources, []) WHERE NOT s IN coalesce(same.sources, [])],
        same.paragraphs = CASE WHEN coalesce(same.source, '') = coalesce(r.source, '')
          THEN coalesce(same.paragraphs, []) + [p IN coalesce(r.paragraphs, []) WHERE NOT p IN coalesce(same.paragraphs, [])]
          ELSE same.paragraphs END)
  DELETE r
  RETURN count(same) AS combinedIn, count(r) - count(same) AS movedIn
}
WITH k, m, movedOut + movedIn AS moved, combinedOut + combinedIn AS combined,
  [a IN [m.name, m.nameAr] + coalesce(m.aliases, []) WHERE a IS NOT NULL AND a <> k.name AND a <> coalesce(k.nameAr, '')] AS names
SET k.aliases = coalesce(k.aliases, []) + [a IN names WHERE NOT a IN coalesce(k.aliases, [])],
    k.nameAr = coalesce(k.nameAr, m.nameAr),
    k.summary = coalesce(k.summary, m.summary),
    k.nameKeys = coalesce(k.nameKeys, []) + [x IN coalesce(m.nameKeys, []) WHERE NOT x IN coalesce(k.nameKeys, []) AND NOT x IN $unkeyed],
    k.personKeys = CASE WHEN k.personKeys IS NULL THEN m.personKeys
      ELSE k.personKeys + [x IN coalesce(m.personKeys, []) WHERE NOT x IN k.personKeys] END,
    k.externalIds = coalesce(k.externalIds, []) + [x IN coalesce(m.externalIds, []) WHERE NOT x IN coalesce(k.externalIds, [])],
    k.mergedIds = coalesce(k.mergedIds, []) + [m.id] + coalesce(m.mergedIds, [])
DETACH DELETE m
RETURN moved, combined
