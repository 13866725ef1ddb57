/**
 * What every request meets before the application (docs/securite.md): the
 * hardening headers (security-headers.ts), the cross-site refusal of
 * state-changing requests (CSRF: `Sec-Fetch-Site` and `Origin` must name this
 * site), and the body limit of the route checked against `Content-Length`
 * before a byte of the body is read. Plain node:http, so a refused request
 * costs no parsing and no allocation of its body.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { bodyLimit } from './limits.ts';
import { HSTS, SECURITY_HEADERS } from './security-headers.ts';

export interface GuardOptions {
  /** Behind a reverse proxy that terminates HTTPS (`--trust-proxy`): its X-Forwarded-* headers are believed. */
  readonly trustProxy: boolean;
  /** The largest upload the loaded procedures admit (limits.ts uploadLimit). */
  readonly uploadLimit: number;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const HEADERS = Object.entries(SECURITY_HEADERS);

const first = (v: string | string[] | undefined): string | undefined =>
  (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim() || undefined;

/** Whether the client reached us over HTTPS. */
export function isHttps(req: IncomingMessage, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return trustProxy && first(req.headers['x-forwarded-proto']) !== 'http';
}

/** This site's origin as the browser sees it. */
function ownOrigin(req: IncomingMessage, trustProxy: boolean): string {
  const host = (trustProxy && first(req.headers['x-forwarded-host'])) || req.headers.host || '';
  return `${isHttps(req, trustProxy) ? 'https' : 'http'}://${host}`.toLowerCase();
}

/** Why a state-changing request must be refused as cross-site, or undefined. */
export function crossSiteReason(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const site = first(req.headers['sec-fetch-site']);
  if (site && site !== 'same-origin' && site !== 'none') return `Sec-Fetch-Site: ${site}`;
  const origin = first(req.headers.origin);
  if (origin && origin.toLowerCase() !== ownOrigin(req, trustProxy)) return `Origin: ${origin}`;
  return undefined;
}

function refuse(res: ServerResponse, status: number, code: string, message: string, details: object): void {
  const body = JSON.stringify({ error: { code, message, details } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
    // The body is left unread: the connection cannot carry another request.
    connection: 'close',
  });
  res.end(body);
}

/** Wraps the application's request listener with the checks above. */
export function guardRequests(listener: RequestListener, o: GuardOptions): RequestListener {
  return (req, res) => {
    for (const [k, v] of HEADERS) res.setHeader(k, v);
    if (isHttps(req, o.trustProxy)) res.setHeader('strict-transport-security', HSTS);
    const method = req.method ?? 'GET';
    if (!SAFE.has(method)) {
      const reason = crossSiteReason(req, o.trustProxy);
      if (reason) {
        refuse(res, 403, 'CROSS_SITE_REQUEST', 'Requête refusée : elle ne vient pas de ce site.', { reason });
        return;
      }
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const limit = bodyLimit(method, q < 0 ? url : url.slice(0, q), o.uploadLimit);
      if (Number(req.headers['content-length']) > limit) {
        refuse(
          res,
          413,
          'BODY_TOO_LARGE',
          `La requête est trop volumineuse (au plus ${Math.ceil(limit / 1024)} Ko).`,
          { maxSize: limit },
        );
        return;
      }
    }
    listener(req, res);
  };
}
