/**
 * Imported first by the service's and the benchmarks' entry points (src/server.ts, bench/run.ts):
 * NODE_ENV is "production" unless set. Outside production, graphql-js runs each of its type
 * tests (isObjectType, isNonNullType ...: several per field of a result) through a slower check
 * that looks for a second copy of graphql; on a page of 20 visits that check alone took about a
 * third of the Node time of executing and serialising the result. Only that check depends on it
 * here (yoga shows error details only under "development"). Tests run under vitest, which sets
 * NODE_ENV=test and so keeps the check; an explicit NODE_ENV always wins.
 */
process.env.NODE_ENV ??= 'production';
