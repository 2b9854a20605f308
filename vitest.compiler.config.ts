// The database-free tests (tests/compiler/) alone: the main configuration's graphql alias, and no
// global set-up, so no Neo4j is started. `npm test` runs them too, with everything else.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: { include: ['tests/compiler/**/*.test.ts'] },
});
