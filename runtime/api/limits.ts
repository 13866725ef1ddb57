/**
 * Request body limits (docs/securite.md, "Limites"): a maximum size per
 * route, refused from `Content-Length` before anything is read
 * (http-guard.ts) or while the body streams in (here); JSON bodies must say
 * they are JSON, stay under a nesting depth, and parse — every failure a 4xx
 * with a French message, never a 500.
 */
import type { Context } from 'hono';
import type { Procedure } from '../../spec/index.ts';
import { GreffeError } from '../errors.ts';
import { HARD_MAX_BYTES } from '../service/documents.ts';

const KB = 1024;
/** Deepest JSON nesting accepted: a filing form is a few levels deep; 10,000 levels broke the server. */
export const MAX_JSON_DEPTH = 32;
/** A body any route without its own limit accepts. */
export const DEFAULT_BODY_LIMIT = 16 * KB;

/** Limits by route, first match wins; uploads get the largest document size the loaded procedures admit. */
const ROUTES: readonly { method: string; path: RegExp; limit: number | 'upload' }[] = [
  { method: 'POST', path: /^\/api\/cases\/[^/]+\/documents\/?$/, limit: 'upload' },
  { method: 'POST', path: /^\/api\/cases\/[^/]+\/events\/?$/, limit: 1024 * KB },
  { method: 'PUT', path: /^\/api\/cases\/[^/]+\/draft\/?$/, limit: 300 * KB },
  { method: 'POST', path: /^\/api\/procedures\/[^/]+\/(eligibility|referral)\/?$/, limit: 64 * KB },
  { method: 'POST', path: /^\/api\/cases\/join\/?$/, limit: 4 * KB },
  { method: 'POST', path: /^\/api\/(auth|dev)\//, limit: 8 * KB },
  // A bounce (RFC 3464) as the mail server received it: some return the whole message, attachments included.
  { method: 'POST', path: /^\/api\/webhooks\/courriel\/dsn\/?$/, limit: 2048 * KB },
];

/** The largest body `method path` may carry (path without the query). */
export function bodyLimit(method: string, path: string, uploadLimit: number): number {
  for (const r of ROUTES) {
    if (r.method === method && r.path.test(path)) return r.limit === 'upload' ? uploadLimit : r.limit;
  }
  return DEFAULT_BODY_LIMIT;
}

/**
 * The largest upload any loaded document kind admits (its `max_size`
 * parameter; 1 GB, documents.ts HARD_MAX_BYTES, for a kind without one): the
 * guard's limit before the route compares the declared size with the kind's own.
 */
export function uploadLimit(procedures: readonly Procedure[]): number {
  let max = 0;
  for (const p of procedures) {
    for (const d of Object.values(p.documents)) {
      if (!d.upload) continue;
      const param = d.upload.maxSize ? p.parameters[d.upload.maxSize] : undefined;
      max = Math.max(max, param?.type === 'integer' ? Math.min(param.value, HARD_MAX_BYTES) : HARD_MAX_BYTES);
    }
  }
  return max;
}

export const tooLarge = (limit: number): GreffeError =>
  new GreffeError(
    413,
    'BODY_TOO_LARGE',
    `La requête est trop volumineuse (au plus ${Math.ceil(limit / KB)} Ko).`,
    {
      maxSize: limit,
    },
  );

/** Reads at most `limit` bytes of the body; 413 as soon as more arrives (the rest is not read). */
export async function readLimited(c: Context, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length'));
  if (declared > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Deepest nesting of a JSON text, counted without parsing (brackets outside
 * strings), stopping as soon as `max` is passed.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return false;
}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/** Reads a JSON object body within the route's limits, or throws 400/413/415 with a French message. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new GreffeError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Le corps de la requête doit être du JSON (en-tête Content-Type: application/json).',
    );
  }
  // No JSON route takes an upload: the upload limit (0 here) never applies to these bodies.
  const limit = bodyLimit(c.req.method, c.req.path, 0);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readLimited(c, limit));
  } catch (err: unknown) {
    if (err instanceof GreffeError) throw err;
    throw new GreffeError(400, 'INVALID_JSON', 'Le corps de la requête n’est pas un texte UTF-8 valide.');
  }
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw new GreffeError(
      400,
      'JSON_TOO_DEEP',
      `Le JSON envoyé est trop imbriqué (au plus ${MAX_JSON_DEPTH} niveaux).`,
      {
        maxDepth: MAX_JSON_DEPTH,
      },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err: unknown) {
    throw new GreffeError(400, 'INVALID_JSON', 'Le corps de la requête n’est pas un JSON valide.', {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new GreffeError(400, 'INVALID_JSON', 'Le corps de la requête doit être un objet JSON.');
  }
  return body as Record<string, unknown>;
}
