/**
 * One GraphQL query POSTed over and over by autocannon: the load the read and peer benches put on
 * a server, whether autocannon runs in the bench's process or in one of its own.
 */
import autocannon from 'autocannon';

export interface GraphqlLoad {
  /** The endpoint, /graphql included. */
  url: string;
  query: string;
  connections: number;
  /** Seconds. */
  duration: number;
}

export function postGraphql(load: GraphqlLoad, extra: Partial<autocannon.Options> = {}): Promise<autocannon.Result> {
  return autocannon({
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: load.query }),
    connections: load.connections,
    duration: load.duration,
    ...extra,
  });
}
