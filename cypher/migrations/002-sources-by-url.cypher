// A source with a url is identified by it: a second record of the same url finds the same node.
CREATE INDEX source_url IF NOT EXISTS FOR (s:Source) ON (s.url);
