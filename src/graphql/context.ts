import type { Db } from '../db/driver.js';
import type { Logger } from '../log.js';

/** What every resolver gets. */
export interface GraphQLContext {
  db: Db;
  log: Logger;
  /** True when the request carried `Authorization: Bearer <API_KEY>`. */
  authorized: boolean;
}
