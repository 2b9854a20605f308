// Visits and meetings that find-known-events found nowhere in the graph (nor twice in the
// batch), created outright: no lookup of the same visit or meeting, no MERGE, no snapshot of
// what they were. Rows are those of write-visits and write-meetings, and the properties are set
// by the same expressions in the same order (on a node just created, `coalesce(n.x, v.x)` is
// `v.x`), so that a record makes the same node whichever statement writes it. Returns the
// element id of each (`[index, elementId]`, a visit's dates after it); their edges are created next by write-edges.
CYPHER replan=skip
CALL () {
  UNWIND $visits AS v
  WITH v, $provs[toInteger(v.prov)] AS prov
  CREATE (visit:Entity:Event:Visit {id: v.id})
  SET visit.kind = 'EVENT', visit.name = v.name, visit.aliases = [],
    visit.nameKeys = v.nameKeys, visit.date = v.date, visit.endDate = v.endDate, visit.dateStart = v.dateStart,
    visit.dateEnd = v.dateEnd, visit += prov, visit.dateCertainty = v.dateCertainty
  SET visit.summary = v.summary,
      visit.purpose = v.purpose
  SET visit.nameKeys = CASE WHEN v.nameAr IS NOT NULL
        THEN visit.nameKeys + [k IN v.nameArKeys WHERE NOT k IN visit.nameKeys] ELSE visit.nameKeys END
  SET visit.nameAr = v.nameAr
  SET visit += v.properties
  SET visit += CASE WHEN duration.inDays(date(v.dateStart), date(v.dateEnd)).days
      < duration.inDays(date(visit.dateStart), date(visit.dateEnd)).days
    THEN {date: v.date, endDate: v.endDate, dateStart: v.dateStart, dateEnd: v.dateEnd} ELSE {} END
  WITH v, prov, visit,
    v.note IS NOT NULL AND NOT any(i IN range(0, size(coalesce(visit.notes, [])) - 1)
      WHERE visit.notes[i] = v.note AND visit.noteSources[i] = coalesce(prov.source, '')) AS newNote
  SET visit.notes = coalesce(visit.notes, []) + CASE WHEN newNote THEN [v.note] ELSE [] END,
      visit.noteSources = coalesce(visit.noteSources, []) + CASE WHEN newNote THEN [coalesce(prov.source, '')] ELSE [] END
  SET visit.places = CASE WHEN v.places IS NULL THEN visit.places
      ELSE coalesce(visit.places, []) + [p IN v.places WHERE NOT p IN coalesce(visit.places, [])] END
  RETURN collect([v.index, elementId(visit), visit.date, visit.endDate]) AS visits
}
CALL () {
  UNWIND $meetings AS m
  WITH m, $provs[toInteger(m.prov)] AS prov
  CREATE (meeting:Entity:Event:Meeting {id: m.id})
  SET meeting.kind = 'EVENT', meeting.name = m.name, meeting.aliases = [],
    meeting.nameKeys = m.nameKeys, meeting.date = m.date, meeting.endDate = m.endDate, meeting.dateStart = m.dateStart,
    meeting.dateEnd = m.dateEnd, meeting += prov
  SET meeting.summary = m.summary
  SET meeting.nameKeys = CASE WHEN m.nameAr IS NOT NULL
        THEN meeting.nameKeys + [k IN m.nameArKeys WHERE NOT k IN meeting.nameKeys] ELSE meeting.nameKeys END
  SET meeting.nameAr = m.nameAr
  SET meeting += m.properties
  RETURN collect([m.index, elementId(meeting)]) AS meetings
}
RETURN visits, meetings
