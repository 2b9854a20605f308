import { defineConfig } from 'vitest/config';

export default defineConfig({
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
