/**
 * `npm run extract -- FILE --published YYYY-MM-DD [--language ar|en] [--title T] [--publisher P]
 * [--url U] [--accept] [--offline]`: reads an article (one paragraph per line, the title first)
 * and prints what it proposes as JSON: {"paragraphs": n, "language", "notes", "proposals": [...]}
 * (README, "Proposals from an article"). Names are resolved against the graph (NEO4J_URI, else
 * the embedded Neo4j); `--offline` uses the seed article's entities instead and needs no database.
 * `--accept` stores the proposals with the article and accepts every one that can be written,
 * through the same writers as recordVisit, and prints what was written and what was left.
 */
import { parseArgs } from 'node:util';
import { acceptProposals, cannotAccept } from '../extract/accept.js';
import { Gazetteer } from '../extract/gazetteer.js';
import { RuleExtractor } from '../extract/ruleExtractor.js';
import { checkProposeInput, extractWithGraph, proposeFacts, type ProposeInput } from '../extract/service.js';
import type { Extraction } from '../extract/types.js';
import { DomainError } from '../graph/errors.js';
import { articleEntities } from '../import/seed.js';
import { readInputFile } from './readInput.js';
import { withDatabase } from './withDatabase.js';

const USAGE =
  'usage: npm run extract -- FILE --published YYYY-MM-DD [--language ar|en] [--title T] [--publisher P] [--url U] [--accept] [--offline]\n';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      published: { type: 'string' },
      language: { type: 'string' },
      title: { type: 'string' },
      publisher: { type: 'string' },
      url: { type: 'string' },
      accept: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
    },
  });
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const file = positionals[0];
if (!file || (values.accept && values.offline)) {
  process.stderr.write(USAGE);
  process.exit(2);
}

const text = await readInputFile(file);

const input: ProposeInput = {
  text,
  source: {
    title: values.title ?? text.split('\n').find((line) => line.trim())?.trim().slice(0, 200) ?? file,
    ...(values.publisher ? { publisher: values.publisher } : {}),
    ...(values.url ? { url: values.url } : {}),
    ...(values.published ? { publishedAt: values.published } : {}),
    ...(values.language ? { language: values.language } : {}),
  },
};

/** The documented JSON: paragraph count, language, notes, proposals. */
function printable(extraction: Pick<Extraction, 'paragraphs' | 'language' | 'notes' | 'proposals'>) {
  return { paragraphs: extraction.paragraphs.length, language: extraction.language, notes: extraction.notes, proposals: extraction.proposals };
}

try {
  if (values.offline) {
    checkProposeInput(input);
    const gazetteer = Gazetteer.build(articleEntities());
    const extraction = new RuleExtractor(gazetteer).extract({ text, language: input.source.language, publishedAt: input.source.publishedAt });
    process.stdout.write(`${JSON.stringify(printable(extraction), null, 2)}\n`);
  } else if (!values.accept) {
    const extraction = await withDatabase((db) => extractWithGraph(db, input));
    process.stdout.write(`${JSON.stringify(printable(extraction), null, 2)}\n`);
  } else {
    const out = await withDatabase(async (db) => {
      const stored = await proposeFacts(db, input);
      const writable = stored.proposals.filter((p) => !cannotAccept(p.proposal));
      const result = writable.length > 0 ? await acceptProposals(db, writable.map((p) => p.id)) : { accepted: [], created: [], linked: [] };
      return {
        ...printable({ ...stored, proposals: stored.proposals.map((p) => ({ ...p.proposal, id: p.id })) }),
        extraction: stored.id,
        accepted: result.accepted.map((p) => ({ id: p.id, result: p.result })),
        notAccepted: stored.proposals.filter((p) => cannotAccept(p.proposal)).map((p) => ({ id: p.id, reason: cannotAccept(p.proposal) })),
        created: result.created,
        linked: result.linked,
      };
    });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  }
} catch (err) {
  if (err instanceof DomainError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
