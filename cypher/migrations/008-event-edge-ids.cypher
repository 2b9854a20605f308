// Query.neighborhood still draws a grouped neighbour whose edge names a visit or meeting already
// drawn; these indexes find such edges by that id instead of walking a dense node's thousands.
// (VISITED's visitId and MET's meetingId are indexed by 002.)
CREATE INDEX met_visit_id IF NOT EXISTS FOR ()-[r:MET]-() ON (r.visitId);
CREATE INDEX received_visit_id IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.visitId);
CREATE INDEX received_meeting_id IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.meetingId);
CREATE INDEX laid_wreath_at_visit_id IF NOT EXISTS FOR ()-[r:LAID_WREATH_AT]-() ON (r.visitId);
