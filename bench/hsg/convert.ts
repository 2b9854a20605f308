/**
 * `npx tsx bench/hsg/convert.ts DATASET_DIR > hsg.ndjson`: the US Office of the Historian's
 * records of diplomatic travel as import records (bench/hsg/records.ts says how they are named).
 */
import { convertHsg } from './records.js';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx bench/hsg/convert.ts DATASET_DIR\n');
  process.exit(2);
}
const records = convertHsg(dir);
for (const record of records) process.stdout.write(`${JSON.stringify(record)}\n`);
process.stderr.write(`${records.length} records\n`);
