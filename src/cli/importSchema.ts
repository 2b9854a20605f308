/** `npm run schema:import`: writes examples/import-format.schema.json from schema.graphql's input types. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { importFileSchema } from '../graphql/importSchema.js';
import { buildSchema } from '../graphql/schema.js';

const file = path.join(PROJECT_ROOT, 'examples', 'import-format.schema.json');
writeFileSync(file, `${JSON.stringify(importFileSchema(buildSchema()), null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(PROJECT_ROOT, file)}\n`);
