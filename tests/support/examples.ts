/** The playground's operations, and those that need the Office of the Historian's records (so said in their comment). */
import { readFileSync } from 'node:fs';
import { EXAMPLES_FILE } from '../../src/graphql/yoga.js';

export const examples = readFileSync(EXAMPLES_FILE, 'utf8');

export const HSG_OPERATIONS = [...examples.matchAll(/# Needs the Office of the Historian's records[^\n]*\n(?:#[^\n]*\n)*query (\w+)/g)].map((m) => m[1]!);
