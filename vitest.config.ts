import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql-js must be one copy: yoga and graphql-tools load its CommonJS build, and Vite would
// hand our sources the ES build, whose classes fail the other's instanceof checks (errors lose
// their codes, schemas are refused). Point every import at the CommonJS build.
const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
  test: {
    include: ['tests/**/*.test.ts'],
    // One real Neo4j for the whole run (tests/support/globalSetup.ts). Community edition has a
    // single user database, so test files take turns and each starts from the state it sets up.
    globalSetup: ['tests/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    teardownTimeout: 120_000,
    reporters: ['default'],
  },
});
