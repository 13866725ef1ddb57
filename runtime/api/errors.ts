/** The API's one error handler: every failure leaves as `{ error: { code, message, details } }`. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { GreffeError } from '../errors.ts';
import { sendJson } from './json.ts';
import { readJsonObject } from './limits.ts';

export function onError(err: unknown, c: Context): Response {
  if (err instanceof GreffeError) {
    const retry: Record<string, string> =
      err.status === 429 ? { 'retry-after': String(err.details.retryAfter) } : {};
    return sendJson(c, err.toJSON(), err.status as ContentfulStatusCode, retry);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const e = new GreffeError(400, 'BAD_REQUEST', 'Requête invalide.', { reason: err.message });
    return sendJson(c, e.toJSON(), err.status as ContentfulStatusCode);
  }
  console.error(`greffe : erreur interne sur ${c.req.method} ${c.req.path} :`, err);
  const e = new GreffeError(500, 'INTERNAL_ERROR', 'Une erreur interne est survenue ; réessayez plus tard.');
  return sendJson(c, e.toJSON(), 500);
}

export function notFound(c: Context): Response {
  const e = new GreffeError(404, 'NOT_FOUND', `Aucune ressource à l’adresse ${c.req.path}.`);
  return sendJson(c, e.toJSON(), 404);
}

/** Reads a JSON object body within the route's limits (limits.ts), or throws 400/413/415. */
export const jsonBody = readJsonObject;
