/** Every node and relationship with its properties, in a stable order, for comparing two graphs. */
import type { Db } from '../../src/db/driver.js';

/** Properties that say when or from which file a graph was loaded, not what it holds. */
const LOAD_STAMPS = ['seedVersion'];

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(value).filter((k) => !LOAD_STAMPS.includes(k)).sort().map((k) => [k, value[k]]));
}

export async function graphSnapshot(db: Db): Promise<{ nodes: unknown[]; relationships: unknown[] }> {
  return db.read(async (tx) => {
    const nodes = (await tx.run('MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id')).records
      .map((r) => ({ id: r.get('id'), labels: [...(r.get('labels') as string[])].sort(), properties: sortedKeys(r.get('props')) }));
    const relationships = (await tx.run('MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props')).records
      .map((r) => ({ from: r.get('from'), type: r.get('type'), to: r.get('to'), properties: sortedKeys(r.get('props')) }))
      .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    return { nodes, relationships };
  });
}
