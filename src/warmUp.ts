/**
 * Warm-ups: plans made once, before a user waits for them.
 *
 * The warm-up the supervisor runs against a restarted embedded Neo4j before it lets requests
 * through again: one visit (new traveler and host, a meeting, a topic) written through the same
 * writer as recordVisit and then rolled back, so nothing stays in the graph. On a cold JVM the
 * planning of a visit write's statements costs tens of seconds on a busy machine; done once here,
 * instead of by every client at the same time, the first real writes find the plans cached.
 */
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { parse, type OperationDefinitionNode } from 'graphql';
import type { Db } from './db/driver.js';
import { writeVisits } from './graph/writeVisits.js';
import { neighborhoodStatement, searchStatement, type Statement } from './graphql/read/queries.js';
import { selectionFromText } from './graphql/read/selection.js';
import { buildSchema } from './graphql/schema.js';

/** Thrown at the end of the warm-up's work so that its transaction rolls back (never retried: not a Neo4jError). */
class RollBack extends Error {}

export async function warmUpWrites(driver: Driver, database?: string): Promise<void> {
  const session = driver.session({ ...(database ? { database } : {}), defaultAccessMode: neo4j.session.WRITE });
  try {
    await session.executeWrite(async (tx) => {
      await writeVisits(tx, [
        {
          traveler: { name: 'Warm-up Traveler', kind: 'PERSON' },
          host: { name: 'Warm-up Country', kind: 'COUNTRY' },
          date: '1900-01-01',
          topics: ['Warm-up Topic'],
          meetings: [{ with: [{ name: 'Warm-up Host', kind: 'PERSON' }] }],
        },
      ]);
      throw new RollBack();
    }, { timeout: 120_000 });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  } finally {
    await session.close();
  }
}

/** No node has this id: the warm-up's neighbourhoods are planned in full and read nothing. */
const NO_SUCH_NODE = 'warm-up:no-such-node';

/** The explorer's first drawing of a focus (depth 2) and each expansion of a node (depth 1), at its node limit (web/src/main.ts). */
const EXPLORER_NEIGHBORHOODS = [
  { depth: 2, limit: 120 },
  { depth: 1, limit: 120 },
] as const;

/** The explorer's search box: what it asks of each suggestion, and how many (web/src/api.ts, `search`). */
const EXPLORER_SEARCH = { fields: '{ id kind name nameAr labels aliases }', first: 8 } as const;

let explorerSearch: Statement | undefined;

/**
 * The search statement of the explorer's search box, built once: its text follows the
 * suggestion's fields, so they are read through the schema as a request's would be (`{ fields }`
 * parses as a query whose selection set is those fields).
 */
function explorerSearchStatement(): Statement {
  if (!explorerSearch) {
    const { selectionSet } = parse(EXPLORER_SEARCH.fields).definitions[0] as OperationDefinitionNode;
    const statement = searchStatement({ text: NO_SUCH_NODE, first: EXPLORER_SEARCH.first }, selectionFromText(buildSchema(), 'Entity', selectionSet));
    if (!statement) throw new Error('the explorer search warm-up has no words to search');
    explorerSearch = statement;
  }
  return explorerSearch;
}

/**
 * Plans the statements the explorer runs first, with the parameter types it sends (Neo4j caches a
 * plan per statement text and parameter types): the neighbourhoods of a first drawing and of an
 * expansion, and the search box's. The neighbourhood is the API's longest statement: planned
 * cold, the first drawing took 4.2 s on a quiet machine and an expansion 1.0 s, against 0.30 and
 * 0.02 s right after this warm-up; the first search 0.29–0.44 s against 0.15–0.19 s. Returns the
 * statements it ran.
 */
export async function warmUpReads(db: Db): Promise<Statement[]> {
  const statements = [
    ...EXPLORER_NEIGHBORHOODS.map((args) => neighborhoodStatement({ id: NO_SUCH_NODE, ...args })),
    explorerSearchStatement(),
  ];
  for (const statement of statements) await db.read((tx) => tx.run(statement.text, statement.params));
  return statements;
}
