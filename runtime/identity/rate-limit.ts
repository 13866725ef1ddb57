/**
 * Rate limits (docs/securite.md, "Limites de débit"): a fixed window per key
 * (a person, an address, an e-mail), in memory. One process serves one
 * SQLite file (docs), so the counts are the whole server's; several
 * instances would each count on their own (then divide the limits).
 */
import type { Context } from 'hono';
import { GreffeError } from '../errors.ts';

export class TooManyRequests extends GreffeError {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      'TOO_MANY_REQUESTS',
      `Trop de tentatives : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}.`,
      { retryAfter: retryAfterSeconds },
    );
  }
}

export class RateLimiter {
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one attempt for `key`; throws 429 (with Retry-After) past the limit. */
  hit(key: string, now = Date.now()): void {
    let e = this.#hits.get(key);
    if (!e || e.resetAt <= now) {
      if (this.#hits.size >= 100_000) this.#sweep(now);
      e = { count: 0, resetAt: now + this.windowMs };
      this.#hits.set(key, e);
    }
    e.count++;
    if (e.count > this.limit) throw new TooManyRequests(Math.ceil((e.resetAt - now) / 1000));
  }

  #sweep(now: number): void {
    for (const [k, e] of this.#hits) if (e.resetAt <= now) this.#hits.delete(k);
    if (this.#hits.size >= 100_000) this.#hits.clear();
  }
}

const MINUTE = 60_000;

/** The limits of the platform's sensitive routes. */
export class RateLimits {
  /** Joining a case with an access code: per person and per address. */
  readonly join = { user: new RateLimiter(10, 15 * MINUTE), ip: new RateLimiter(30, 15 * MINUTE) };
  /** Asking for an e-mail login code: per address e-mailed and per client address. */
  readonly codeRequest = { email: new RateLimiter(5, 15 * MINUTE), ip: new RateLimiter(20, 15 * MINUTE) };
  /** Trying a login code (each code also allows only a few attempts, login-codes.ts). */
  readonly codeVerify = { email: new RateLimiter(10, 15 * MINUTE), ip: new RateLimiter(30, 15 * MINUTE) };
  /** Asking for a signature code (protocol-signature.ts): per person and per client address. */
  readonly signatureCode = { user: new RateLimiter(5, 15 * MINUTE), ip: new RateLimiter(20, 15 * MINUTE) };
  /** Login redirections to an OpenID provider. */
  readonly login = new RateLimiter(30, 15 * MINUTE);
  /** Opening a case (filing): per person. */
  readonly filing = new RateLimiter(20, 60 * MINUTE);
  /** Acts on cases (events, uploads): per person. */
  readonly acts = new RateLimiter(120, MINUTE);

  constructor(readonly trustProxy: boolean) {}

  /** The client's address: the socket's, or the last hop a trusted proxy added to X-Forwarded-For. */
  clientIp(c: Context): string {
    if (this.trustProxy) {
      const hops = c.req.header('x-forwarded-for')?.split(',');
      const last = hops?.[hops.length - 1]?.trim();
      if (last) return last;
    }
    const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
    return env?.incoming?.socket?.remoteAddress ?? 'inconnue';
  }
}
