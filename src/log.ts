/**
 * Logs (pino): one JSON line per event for machines, one readable line per event for a person at
 * a terminal. LOG_FORMAT chooses (`json` or `pretty`); unset, a terminal gets `pretty`.
 */
import type { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { logFormat, logLevel, type LogFormat } from './config.js';

export type { Logger };

const LEVELS: Record<number, { name: string; colour: string }> = {
  10: { name: 'TRACE', colour: '\x1b[90m' },
  20: { name: 'DEBUG', colour: '\x1b[36m' },
  30: { name: 'INFO ', colour: '\x1b[32m' },
  40: { name: 'WARN ', colour: '\x1b[33m' },
  50: { name: 'ERROR', colour: '\x1b[31m' },
  60: { name: 'FATAL', colour: '\x1b[35m' },
};
const RESET = '\x1b[0m';
/** Fields every line has, that a person does not need to read on each. */
const HIDDEN = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service']);

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** `12:04:31 INFO  service ready  graphql=http://localhost:4000/graphql`: one log event as a line. */
export function prettyLine(json: string, colour = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toTimeString().slice(0, 8);
  const level = LEVELS[entry.level as number] ?? { name: String(entry.level), colour: '' };
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const fields = Object.entries(entry)
    .filter(([key, value]) => !HIDDEN.has(key) && key !== 'err' && value !== undefined)
    .map(([key, value]) => `${key}=${fieldValue(value)}`);
  // The cause's message is what a reader needs; the stack stays in the JSON format (LOG_FORMAT=json).
  if (err?.message) fields.push(`error=${JSON.stringify(err.message.split('\n')[0])}`);
  const levelText = colour ? `${level.colour}${level.name}${RESET}` : level.name;
  return [`${time} ${levelText} ${String(entry.msg ?? '')}`, ...fields].join('  ');
}

/** A stream that writes pino's JSON lines to `out` as readable lines. */
export function prettyStream(out: NodeJS.WritableStream = process.stdout, colour = Boolean((out as { isTTY?: boolean }).isTTY)) {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) out.write(`${prettyLine(line, colour)}\n`);
    },
  };
}

export function createLogger(level = logLevel(), format: LogFormat = logFormat(), out?: Writable): Logger {
  const options = { level, base: { service: 'diplomatic-visit-graph' } };
  if (format === 'pretty') return pino(options, prettyStream(out ?? process.stdout));
  return out ? pino(options, out) : pino(options);
}
