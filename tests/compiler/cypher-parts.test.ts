/**
 * Statements that share a sub-query write it once, in cypher/parts/, and name it with an
 * `// include:` line; the loader sends Neo4j the part's statement text in its place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { cypher } from '../../src/db/cypher.js';

const partCode = (name: string) =>
  readFileSync(path.join(PROJECT_ROOT, 'cypher', `${name}.cypher`), 'utf8')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .trim();

describe('the Cypher loader', () => {
  it('gives resolution and the end-of-import settle step the same reading of a person', () => {
    const part = partCode('parts/person-record');
    expect(part).toContain('MATCH (p)<-[tr:TRAVELER]-(:Visit)-[:ON_BEHALF_OF]->(c:Country)');
    for (const name of ['write/resolve-people', 'write/settle-people-groups']) {
      const text = cypher(name);
      expect(text).toContain(part);
      expect(text).not.toMatch(/\/\/ include:/);
      // The part's own comments stay in its file, not in what is sent.
      expect(text).not.toContain("What a person's records say of them");
    }
  });
});
