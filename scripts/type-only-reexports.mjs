// codegen hook: the typescript plugin re-exports an enum mapped to an outside type as
// `export { T };`, which verbatimModuleSyntax refuses for a type; make it `export type { T };`.
import { readFileSync, writeFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/^export \{ (\w+) \};$/gm, 'export type { $1 };'));
}
