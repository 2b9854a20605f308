// Query.visits pages visits by start date: read in this index's order, a page stops after its rows.
CREATE INDEX visit_date_start IF NOT EXISTS FOR (v:Visit) ON (v.dateStart);
