/**
 * The request body's size limit: a body announced too large is refused before it is read, a
 * chunked body (no Content-Length) once it grows past the limit.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BODY_BYTES } from '../src/graphql/bodyLimit.js';
import { useSeededServer } from './support/server.js';

const ctx = useSeededServer();

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** POSTs to /graphql with raw headers; `send` writes the body (or not) on the open request. */
function rawPost(headers: Record<string, string>, send: (request: http.ClientRequest) => void): Promise<Answer> {
  const url = new URL(`${ctx.server.url}/graphql`);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] }));
    });
    // The server may answer and close before the whole body is written.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    send(request);
  });
}

const query = JSON.stringify({ query: '{ __typename }' });

describe('request body size', () => {
  it('answers a body within the limit, whether its length is announced or chunked', async () => {
    const announced = await rawPost({ 'content-length': String(Buffer.byteLength(query)) }, (r) => r.end(query));
    expect(announced).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    const chunked = await rawPost({ 'transfer-encoding': 'chunked' }, (r) => {
      r.write(query.slice(0, 5));
      r.end(query.slice(5));
    });
    expect(chunked).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses a body announced larger than the limit without waiting for it', async () => {
    const answer = await rawPost({ 'content-length': String(MAX_REQUEST_BODY_BYTES + 1) }, (r) => r.flushHeaders());
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('refuses a chunked body once it grows past the limit', async () => {
    const answer = await rawPost({ 'transfer-encoding': 'chunked' }, (r) => {
      // A string that never closes: valid JSON could not be parsed out of it in any case.
      const chunk = Buffer.alloc(1_000_000, 'a');
      r.write('{"query":"');
      const more = (left: number): void => {
        if (left === 0 || r.destroyed) return void r.end();
        if (r.write(chunk)) more(left - 1);
        else r.once('drain', () => more(left - 1));
      };
      more(Math.ceil(MAX_REQUEST_BODY_BYTES / chunk.length) + 2);
    });
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });
});
