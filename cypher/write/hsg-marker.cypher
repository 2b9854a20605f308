// The marker of the Office of the Historian's data in the graph: which version was loaded last
// (a hash of its files) and the repositories' commits, so the start-up load runs only when needed.
MERGE (s:Entity {id: $id})
  ON CREATE SET s:Source, s.kind = 'SOURCE', s.name = $name, s.aliases = [], s.nameKeys = [], s.url = $url
SET s.hsgVersion = $version, s.hsgCommits = $commits
