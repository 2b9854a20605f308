/**
 * The service's edge toward browsers: CORS (same origin unless CORS_ORIGINS lists others, never
 * with credentials), CSRF prevention (a GraphQL request must be one a browser would have to
 * preflight), security headers with a content security policy that the explorer and GraphiQL
 * both pass, and HTTP server limits (header and request timeouts, a connection cap).
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Yoga's CORS option: an origin of the allow-list gets CORS headers (no credentials); any other, none. */
export function corsFor(allowedOrigins: readonly string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (!origin || !allowedOrigins.includes(origin)) return false as const;
    return { origin, credentials: false, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-graphql-csrf'], maxAge: 600 };
  };
}

const JSON_TYPES = ['application/json', 'application/graphql-response+json'];

function graphqlError(status: number, message: string, code: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * CSRF prevention: a POST must carry JSON (a content type no HTML form can send, so a browser
 * preflights it cross-site), else 415 with a GraphQL-style error; a GET that carries a query
 * needs the header `x-graphql-csrf` (which also forces a preflight). Opening GraphiQL is a GET
 * without a query and stays open.
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method === 'POST') {
        const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (!JSON_TYPES.includes(type)) {
          endResponse(graphqlError(415, `POST /graphql takes "content-type: application/json"; got "${type || 'none'}".`, 'UNSUPPORTED_MEDIA_TYPE'));
        }
      } else if (request.method === 'GET' && url.searchParams.has('query') && !request.headers.has('x-graphql-csrf')) {
        endResponse(graphqlError(400, 'A GET query needs the header "x-graphql-csrf: 1" (or send it as a JSON POST).', 'CSRF_PREVENTED'));
      }
    },
  };
}

/** Longest list a request's variables may hold (a visit's meetings, a filter's types...). */
export const MAX_VARIABLE_LIST = 1000;

function longestList(value: unknown, depth = 0): number {
  if (depth > 20 || !value || typeof value !== 'object') return 0;
  const items = Array.isArray(value) ? value : Object.values(value);
  let most = Array.isArray(value) ? value.length : 0;
  for (const item of items) {
    if (most > MAX_VARIABLE_LIST) break;
    most = Math.max(most, longestList(item, depth + 1));
  }
  return most;
}

/** Refuses huge lists in variables before GraphQL spends seconds coercing them. */
export function useVariableListCap(): Plugin {
  return {
    onParams({ params, setResult }) {
      const longest = longestList(params.variables);
      if (longest > MAX_VARIABLE_LIST) {
        setResult({
          errors: [new GraphQLError(`A list in the variables has ${longest} items; at most ${MAX_VARIABLE_LIST} are allowed.`, { extensions: { code: 'BAD_USER_INPUT' } })],
        });
      }
    },
  };
}

// ── content security policy ─────────────────────────────────────────────────────────────────

const BASE_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** The policy of the explorer page and the JSON routes: scripts from this origin only. */
export const PAGE_POLICY = [...BASE_POLICY, "script-src 'self'"].join('; ');

let graphiqlHashes = { html: '', sources: [] as string[] };

/**
 * GraphiQL's page carries its code in inline scripts: the policy allows exactly those, by hash,
 * computed from the HTML as rendered (renderGraphiQL is wrapped with this).
 */
export function hashingInlineScripts<O>(render: (options: O) => string) {
  return (options: O): string => {
    const html = render(options);
    if (html !== graphiqlHashes.html) {
      const sources = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
        (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
      );
      graphiqlHashes = { html, sources };
    }
    return html;
  };
}

export function graphiqlPolicy(): string {
  return [...BASE_POLICY, `script-src 'self' ${graphiqlHashes.sources.join(' ')}`].join('; ');
}

/**
 * Headers every response carries. The policy is chosen when the head is written, since only then
 * is it known whether /graphql answered with GraphiQL's HTML.
 */
export function withSecurityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    const headers = args.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a));
    const type = String(headers?.['content-type'] ?? headers?.['Content-Type'] ?? res.getHeader('content-type') ?? '');
    const isGraphiql = type.includes('text/html') && (res.req?.url ?? '').startsWith('/graphql');
    if (!res.hasHeader('content-security-policy')) res.setHeader('content-security-policy', isGraphiql ? graphiqlPolicy() : PAGE_POLICY);
    return writeHead(...args);
  }) as typeof res.writeHead;
}

/** Limits on slow or numerous clients. */
export const HTTP_LIMITS = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 } as const;

export function limitServer(server: http.Server): void {
  server.headersTimeout = HTTP_LIMITS.headersTimeoutMs;
  server.requestTimeout = HTTP_LIMITS.requestTimeoutMs;
  server.keepAliveTimeout = HTTP_LIMITS.keepAliveTimeoutMs;
  server.maxConnections = HTTP_LIMITS.maxConnections;
}
