// Articles read by the extractor and the facts proposed from them (src/extract/), kept until
// a person accepts or dismisses them. They are not :Entity nodes: nothing is known from them yet.
CREATE CONSTRAINT extraction_id IF NOT EXISTS FOR (x:Extraction) REQUIRE x.id IS UNIQUE;
CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (p:Proposal) REQUIRE p.id IS UNIQUE;
