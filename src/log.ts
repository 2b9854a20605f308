/** Structured logs: one JSON line per event (pino). */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'diplomatic-visit-graph' } });
}
