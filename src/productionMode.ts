/**
 * Imported first by the service's and the benchmarks' entry points (src/server.ts, bench/run.ts),
 * so that NODE_ENV is settled before graphql is loaded: see `defaultToProduction` in config.ts.
 */
import { defaultToProduction } from './config.js';

defaultToProduction();
