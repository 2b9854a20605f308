/** `npm run seed`: (re)loads the article's graph; loading again changes nothing. */
import { loadSeed } from '../import/seed.js';
import { graphCounts, withDatabase } from './withDatabase.js';

await withDatabase(async (db) => {
  const before = await graphCounts(db);
  const { documents } = await loadSeed(db);
  const after = await graphCounts(db);
  process.stdout.write(
    `Loaded ${documents} seed document(s). Nodes ${before.nodes} → ${after.nodes}, relationships ${before.relationships} → ${after.relationships}.\n`,
  );
});
