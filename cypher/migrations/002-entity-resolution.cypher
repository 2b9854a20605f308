// People are also found by a folded "given surname" key and by their surname alone
// (src/graph/personName.ts), for references that spell a name differently or shorten it.
CREATE FULLTEXT INDEX person_names IF NOT EXISTS
FOR (p:Person) ON EACH [p.personKeys, p.surnameKey]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'whitespace' } };
// Ids from outside (Wikidata, the Office of the Historian) and the ids of entities merged into
// this one, each matched whole.
CREATE FULLTEXT INDEX entity_other_ids IF NOT EXISTS
FOR (e:Entity) ON EACH [e.externalIds, e.mergedIds]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'keyword' } };
// The review queue pairs a person known by a surname alone with the people of that surname.
CREATE INDEX person_surname IF NOT EXISTS FOR (p:Person) ON (p.surnameKey);
