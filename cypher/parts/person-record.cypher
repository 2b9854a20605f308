// What a person's records say of them, for the person rules (src/graph/resolvePeople.ts at
// resolution, src/graph/settlePeople.ts at the end of an import), on a row that holds the person
// as `p`: `first` and `last`, the span of the visits and meetings they travelled in or were met in;
// `travelled`, each role a record gives them with the country they travelled for; `met`, each role
// a record gives them with the host country of the visit they were met in; each office with the
// first and last day of the records that give it (`surname-in-office` weighs them).
CALL (p) {
  OPTIONAL MATCH (p)<-[:TRAVELER|PRINCIPAL]-(e:Event)
  RETURN min(e.dateStart) AS first, max(e.dateEnd) AS last
}
CALL (p) {
  MATCH (p)<-[tr:TRAVELER]-(:Visit)-[:ON_BEHALF_OF]->(c:Country)
  WHERE tr.role IS NOT NULL
  WITH tr.role AS role, c, min(startNode(tr).dateStart) AS since, max(startNode(tr).dateEnd) AS until
  RETURN collect({role: role, country: c.id, countryKeys: c.nameKeys, first: toString(since), last: toString(until)}) AS travelled
}
CALL (p) {
  MATCH (p)<-[pr:PRINCIPAL]-(m:Meeting)<-[:INCLUDES]-(v:Visit)-[:HOST_COUNTRY]->(c:Country)
  WHERE pr.role IS NOT NULL AND NOT (v)-[:TRAVELER]->(p)
  WITH pr.role AS role, c, min(coalesce(m.dateStart, v.dateStart)) AS since, max(coalesce(m.dateEnd, v.dateEnd)) AS until
  RETURN collect({role: role, country: c.id, countryKeys: c.nameKeys, first: toString(since), last: toString(until)}) AS met
}
