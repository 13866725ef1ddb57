/**
 * JSON answers, gzipped for clients that accept it (every browser does) once
 * they reach 1 kB, in one synchronous zlib call when the answer is built —
 * or once for all for answers that never change (a procedure version, its
 * forms, the OpenAPI document). hono's `compress()` middleware piped every
 * answer through a web CompressionStream instead: measured here, GET
 * /api/health fell from ~19,000 to ~1,700 requests/s as soon as the client
 * sent `Accept-Encoding: gzip`, and rebuilding each answer after the handler
 * (a middleware) still cost two thirds of it.
 */
import type { Context } from 'hono';
import { JsonText } from '../service/json-text.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const THRESHOLD = 1024;
const TYPE = 'application/json; charset=UTF-8';

/**
 * What every API answer carries unless it says otherwise: not kept by any
 * cache (case data), and its type taken as sent.
 */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * An answer with plain-object headers, built directly: hono's `c.body()` with
 * more than one header, or after any `c.header()`, builds a web Headers object
 * that @hono/node-server then copies and sorts for every answer (GET
 * /api/health: ~24,000 req/s that way, ~35,000 this way). Headers set with
 * `c.header()` (cookies) are NOT carried: a route that sets a cookie answers
 * with `c.json(body, status, API_HEADERS)`.
 */
export function answer(
  body: string | Uint8Array<ArrayBuffer> | null,
  status: number,
  headers: Record<string, string>,
): Response {
  return new Response(body, { status, headers });
}

/**
 * Whether an `Accept-Encoding` header takes gzip (not refused with q=0).
 * Browsers send a handful of distinct values: each is parsed once.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let takes = gzipTaken.get(header);
  if (takes === undefined) {
    takes = parseAcceptsGzip(header);
    if (gzipTaken.size >= 256) gzipTaken.clear();
    gzipTaken.set(header, takes);
  }
  return takes;
}
const gzipTaken = new Map<string, boolean>();

function parseAcceptsGzip(header: string): boolean {
  return header.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip' && coding.trim() !== '*') return false;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The headers of a JSON (or other `type`) answer: API_HEADERS, then `extra`,
 * and gzip's encoding when the body is gzipped. Every API answer's header set
 * is built here.
 */
export function answerHeaders(
  extra: Record<string, string>,
  gzipped: boolean,
  type = TYPE,
): Record<string, string> {
  const h = { ...API_HEADERS, ...extra, 'content-type': type, vary: 'Accept-Encoding' };
  return gzipped ? { ...h, 'content-encoding': 'gzip' } : h;
}

/**
 * Sends `body` (a value, or a prepared text), gzipped when it is worth it and
 * the client takes it. `type` is JSON unless said otherwise (the API reference page).
 */
export function sendJson(
  c: Context,
  body: unknown,
  status: ContentfulStatusCode = 200,
  headers: Record<string, string> = {},
  type = TYPE,
): Response {
  const json = body instanceof JsonText ? body : new JsonText(JSON.stringify(body));
  const gzip = json.text.length >= THRESHOLD && acceptsGzip(c.req.header('accept-encoding'));
  return answer(gzip ? json.gzip : json.text, status, answerHeaders(headers, gzip, type));
}

/** Answers that never change while the server runs, serialized (and gzipped) once, by key. */
export class ConstantJson {
  readonly #texts = new Map<string, JsonText>();
  get(key: string, build: () => unknown): JsonText {
    let t = this.#texts.get(key);
    if (!t) {
      t = new JsonText(JSON.stringify(build()));
      this.#texts.set(key, t);
    }
    return t;
  }
}

export { JsonText };
