/**
 * `npm run bench [-- <name> [args]]`: runs one benchmark. No name, or `read`, is the read API
 * against the driver (bench/read.ts); `import` is the bulk importer (bench/import.ts), `import:hsg`
 * the Office of the Historian's data (bench/importHsg.ts), `extract` proposeFacts on a long
 * article (bench/extract.ts), `peer` the read API against @neo4j/graphql on the same
 * database (bench/peer.ts), `scale` the read API at 1k, 10k and 100k visits with hubs
 * (bench/scale.ts); `layout` the explorer's layout of a hub country in Chromium (bench/layout.ts);
 * `load` is 60 s of mixed reads and writes (bench/load.ts); `faults` kills Neo4j during writes
 * (bench/faults.ts). Each is loaded only when asked for.
 */
// Measured as `npm start` serves (NODE_ENV production unless set), for ours and the library alike.
import '../src/productionMode.js';

const BENCHES: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  read: () => import('./read.js'),
  peer: () => import('./peer.js'),
  import: () => import('./import.js'),
  'import:hsg': () => import('./importHsg.js'),
  extract: () => import('./extract.js'),
  scale: () => import('./scale.js'),
  load: () => import('./load.js'),
  faults: () => import('./faults.js'),
  layout: () => import('./layout.js'),
};

const argv = process.argv.slice(2);
const [name, ...args] = argv[0] && !argv[0].startsWith('-') ? argv : ['read', ...argv];
const load = BENCHES[name!];
if (!load) {
  process.stderr.write(`usage: npm run bench [-- <${Object.keys(BENCHES).join('|')}> [args]]\n`);
  process.exit(2);
}
await (await load()).main(args);
