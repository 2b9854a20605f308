/** `npm run db:reset`: empties the database after asking (`--yes` skips the question). */
import readline from 'node:readline/promises';
import { emptyGraph } from '../db/emptyGraph.js';
import { graphCounts, withDatabase } from './withDatabase.js';

await withDatabase(async (db) => {
  const { nodes, relationships } = await graphCounts(db);
  if (!process.argv.includes('--yes')) {
    if (!process.stdin.isTTY) {
      process.stderr.write('Refusing to empty the database without a terminal to ask on; pass --yes to confirm.\n');
      process.exitCode = 1;
      return;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Delete all ${nodes} nodes and ${relationships} relationships in ${db.uri}? Type "yes" to confirm: `);
    rl.close();
    if (answer.trim().toLowerCase() !== 'yes') {
      process.stdout.write('Nothing deleted.\n');
      return;
    }
  }
  await emptyGraph(db);
  process.stdout.write(`Deleted ${nodes} nodes and ${relationships} relationships. The schema stays; \`npm start\` or \`npm run seed\` loads the article again.\n`);
});
