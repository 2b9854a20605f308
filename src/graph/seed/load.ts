import type { Db } from '../../db/driver.js';
export async function ensureSeed(_db: Db): Promise<{ loaded: boolean }> {
  return { loaded: false };
}
