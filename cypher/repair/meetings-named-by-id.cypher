// Meetings whose generated name lists entity ids ("Meeting of person:a, person:b on <date>"),
// as names were made before they used the people's names.
MATCH (m:Meeting)
WHERE m.name =~ '^Meeting of [a-z_]+:\\S+(, [a-z_]+:\\S+)* on \\S+$'
RETURN m.id AS id, m.name AS name, coalesce(m.nameKeys, []) AS nameKeys
