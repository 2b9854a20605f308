/**
 * The limit on a request body's size (what yoga's maxRequestBodySize does), without its cost on
 * every request. Yoga pipes each body through a counting stream; a body announced by a valid
 * Content-Length cannot be longer than that (Node's HTTP parser reads exactly that many bytes),
 * so only the header is checked then. A body sent without one (chunked) is still counted as it
 * streams in.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Bytes a request body may have (yoga's own default). */
export const MAX_REQUEST_BODY_BYTES = 25_000_000;

// Only a single non-negative integer is a valid Content-Length (not "1, 2", not "-1").
const CONTENT_LENGTH = /^\d+$/;

function tooLarge(): GraphQLError {
  return new GraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
}

/** The same request with a body that errors once more than `limit` bytes have come in. */
function counted(request: Request, limit: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  const body = request.body!;
  // The counting stream must be of the body's own implementation (native or yoga's ponyfill).
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        if (bytes > limit) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body: limited, duplex: 'half' } as RequestInit);
}

/** Refuses bodies over `limit` bytes: 413 REQUEST_ENTITY_TOO_LARGE (400 BAD_REQUEST for a malformed Content-Length). */
export function useBodySizeLimit(limit = MAX_REQUEST_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length != null) {
        if (!CONTENT_LENGTH.test(length)) throw new GraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        if (Number(length) > limit) throw tooLarge();
        return;
      }
      if (requestParser == null || request.body == null) return;
      const parse = requestParser;
      setRequestParser((req) => parse(counted(req, limit, fetchAPI as never)));
    },
  };
}
