/** Opaque cursors of paged lists: a row's position in its order (order key, tie-breaker). */
import { badInput } from '../errors.js';

export function encodeCursor(order: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(order), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // fall through
  }
  throw badInput('"after" must be a cursor taken from a previous page (edges.cursor or pageInfo.endCursor).', { argument: 'after' });
}
