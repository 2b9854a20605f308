// Every node of the graph (people, countries, events, sources...) is an :Entity with a unique id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
// Dated events are listed and filtered by date (visits page, timelines).
CREATE INDEX event_date IF NOT EXISTS FOR (e:Event) ON (e.date);
CREATE INDEX visit_date IF NOT EXISTS FOR (v:Visit) ON (v.date);
// Names and aliases in both languages; nameKeys holds their normalized forms (src/graph/normalize.ts).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.nameAr, e.aliases, e.nameKeys]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-no-stop-words' } };
// The direct edges written with a visit are found again by the visit's id.
CREATE INDEX visited_visit_id IF NOT EXISTS FOR ()-[r:VISITED]-() ON (r.visitId);
CREATE INDEX met_meeting_id IF NOT EXISTS FOR ()-[r:MET]-() ON (r.meetingId);
