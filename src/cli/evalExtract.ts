/**
 * `npm run eval:extract [-- --verbose]`: precision and recall of the rule-based extractor on the
 * hand-labelled articles of data/eval/, per fact type and language. Offline: the gazetteer is
 * built from the seed article's entities (what `npm run seed` puts in the graph), no database.
 * Exit code 1 when a goal (precision ≥ 0.9, recall ≥ 0.7 for visits and meetings) is missed.
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { evaluate, precision, recall, type Score } from '../extract/evaluate.js';
import { Gazetteer } from '../extract/gazetteer.js';
import { RuleExtractor } from '../extract/ruleExtractor.js';
import { articleEntities } from '../import/seed.js';

const verbose = process.argv.includes('--verbose');
const gazetteer = Gazetteer.build(articleEntities());
const report = await evaluate(new RuleExtractor(gazetteer), path.join(PROJECT_ROOT, 'data', 'eval'));

let ok = true;
function table(title: string, scores: Record<string, Score>, checked: boolean): void {
  process.stdout.write(`${title}\nlanguage  fact      labelled  proposed  right  precision  recall\n`);
  for (const [key, s] of Object.entries(scores).sort(([a], [b]) => a.localeCompare(b))) {
    const [language, type] = key.split('/');
    const p = precision(s);
    const r = recall(s);
    if (checked && (p < 0.9 || r < 0.7)) ok = false;
    process.stdout.write(
      `${language!.padEnd(10)}${type!.padEnd(10)}${String(s.tp + s.fn).padStart(8)}${String(s.tp + s.fp).padStart(10)}${String(s.tp).padStart(7)}${p.toFixed(2).padStart(11)}${r.toFixed(2).padStart(8)}\n`,
    );
  }
  process.stdout.write('\n');
}
table(`All ${report.articles} articles`, report.scores, true);
if (report.heldOutArticles > 0) table(`Held out (${report.heldOutArticles} articles written after the rules were frozen)`, report.heldOut, false);
if (verbose || !ok) for (const miss of report.misses) process.stdout.write(`  ${miss}\n`);
process.stdout.write(ok ? 'Goals met: precision ≥ 0.9 and recall ≥ 0.7 in each language.\n' : 'Goals NOT met.\n');
process.exit(ok ? 0 : 1);
