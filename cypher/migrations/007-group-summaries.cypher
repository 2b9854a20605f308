// A dense node's relationship buckets, kept for Query.neighborhood (src/graph/groupSummaries.ts),
// are found by the node's element id.
CREATE CONSTRAINT group_summary_of IF NOT EXISTS FOR (g:GroupSummary) REQUIRE g.of IS UNIQUE;
