/**
 * A small slice of the shipped Office of the Historian files, written to a temporary folder in
 * the repositories' own layout: the records a test picks, untouched, and every term of office.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HSG_DIR } from '../../src/connectors/hsg/load.js';

export interface SliceChoice {
  /** Keeps a trip (its whole <trip> element text) of the file `who`.xml. */
  trip(who: string, xml: string): boolean;
  /** Keeps a visit to the US (its whole <visit> element text). */
  visit(xml: string): boolean;
}

function filterFile(from: string, to: string, tag: string, keep: (xml: string) => boolean): number {
  const text = readFileSync(from, 'utf8');
  let kept = 0;
  const out = text.replace(new RegExp(`\\s*<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g'), (element) => {
    if (!keep(element)) return '';
    kept += 1;
    return element;
  });
  if (kept > 0) writeFileSync(to, out);
  return kept;
}

export function sliceHsg(choice: SliceChoice): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hsg-slice-'));
  cpSync(path.join(HSG_DIR, 'pocom'), path.join(dir, 'pocom'), { recursive: true });
  mkdirSync(path.join(dir, 'travels'), { recursive: true });
  cpSync(path.join(HSG_DIR, 'travels', 'presidents'), path.join(dir, 'travels', 'presidents'), { recursive: true });
  for (const folder of ['president-travels', 'secretary-travels']) {
    mkdirSync(path.join(dir, 'travels', folder), { recursive: true });
    for (const file of readdirSync(path.join(HSG_DIR, 'travels', folder))) {
      const who = path.basename(file, '.xml');
      filterFile(path.join(HSG_DIR, 'travels', folder, file), path.join(dir, 'travels', folder, file), 'trip', (xml) => choice.trip(who, xml));
    }
  }
  mkdirSync(path.join(dir, 'visits', 'data'), { recursive: true });
  for (const file of readdirSync(path.join(HSG_DIR, 'visits', 'data'))) {
    filterFile(path.join(HSG_DIR, 'visits', 'data', file), path.join(dir, 'visits', 'data', file), 'visit', choice.visit);
  }
  return dir;
}
