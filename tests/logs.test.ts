/**
 * What `npm start` prints: readable lines on a terminal (or LOG_FORMAT=pretty), JSON lines when
 * the output is not a terminal (or LOG_FORMAT=json), and first where the API, the playground and
 * the explorer are and how writes are authorized.
 */
import { spawn } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { logFormat } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { testNeo4j } from './support/db.js';

function collector() {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, out };
}

/** Runs `npm start`'s entry point on the test database until it is ready; returns what it printed. */
async function startOutput(env: Record<string, string>): Promise<string> {
  const { uri, user, password } = testNeo4j();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output}`)), 120_000);
      child.stdout!.on('data', () => {
        if (output.includes('Writes (recordVisit')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
  } finally {
    // 'close', not 'exit': pino writes asynchronously, and its last lines may still be in the pipe.
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    await closed;
  }
  return output;
}

describe('log format', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(() => logFormat({ LOG_FORMAT: 'yaml' }, true)).toThrow(/LOG_FORMAT must be "json" or "pretty"/);
  });

  it('pretty: one line per event with time, level, message and the key fields, an error by its message', () => {
    const { lines, out } = collector();
    const log = createLogger('info', 'pretty', out);
    log.info({ graphql: 'http://localhost:4000/graphql' }, 'service ready');
    log.error({ err: new Error('Neo4j is gone\n    at someJavaFrame') }, 'request failed');
    log.debug('not shown at info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d INFO  service ready {2}graphql=http:\/\/localhost:4000\/graphql$/);
    expect(lines[1]).toMatch(/^\d\d:\d\d:\d\d ERROR request failed {2}error="Neo4j is gone"$/);
    expect(lines.join('\n')).not.toMatch(/[{}]|pid=|hostname=|at someJavaFrame/);
  });

  it('json: pino\'s lines, unchanged', () => {
    const { lines, out } = collector();
    createLogger('info', 'json', out).info({ port: 4000 }, 'listening');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'listening', port: 4000, service: 'diplomatic-visit-graph' });
  });
});

describe('npm start\'s output', () => {
  it('with LOG_FORMAT=pretty: readable lines, then where everything is and the key for writes', async () => {
    const output = await startOutput({ LOG_FORMAT: 'pretty' });
    const lines = output.split('\n').filter(Boolean);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(output).toMatch(/^\d\d:\d\d:\d\d INFO  connected to Neo4j/m);
    expect(output).toMatch(/API \(POST\) and playground \(browser\) +http:\/\/localhost:\d+\/graphql/);
    expect(output).toMatch(/Explorer +http:\/\/localhost:\d+\//);
    expect(output).toMatch(/Writes \(recordVisit, recordRelation\) need the header "Authorization: Bearer [\w-]{20,}" \(a key made for this run; set API_KEY to choose one\)/);
  });

  it('through a pipe: JSON log lines, and the key printed once, never in a log line', async () => {
    const output = await startOutput({ LOG_FORMAT: '' });
    const logLines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(2);
    for (const line of logLines) expect(() => JSON.parse(line)).not.toThrow();
    const key = /Bearer ([\w-]{20,})/.exec(output)![1]!;
    expect(output.split(key)).toHaveLength(2);
  });
});
