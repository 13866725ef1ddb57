/**
 * Who is calling: a session cookie (`greffe_session`, HttpOnly, SameSite=Lax)
 * or `Authorization: Bearer <token>`. Sessions expire in real time (not the
 * procedural clock a test may move by months).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Caller } from '../access/policy.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import { toCaller, userOfToken } from '../store/users.ts';

export const SESSION_COOKIE = 'greffe_session';

export type Env = { Variables: { caller?: Caller; token?: string } };

export function tokenOf(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/**
 * Valid sessions seen in the last few seconds, so that a burst of requests
 * does not hash and look up the same token each time. A session deleted on
 * this instance (logout) is forgotten at once; on another instance sharing
 * the database it stays usable at most SESSION_CACHE_MS more.
 */
export const SESSION_CACHE_MS = 5_000;

export class SessionCache {
  readonly #entries = new Map<string, { caller: Caller; until: number }>();
  get(token: string, now: number): Caller | undefined {
    const e = this.#entries.get(token);
    if (e && e.until > now) return e.caller;
    if (e) this.#entries.delete(token);
    return undefined;
  }
  set(token: string, caller: Caller, now: number): void {
    if (this.#entries.size >= 10_000) this.#entries.clear();
    this.#entries.set(token, { caller, until: now + SESSION_CACHE_MS });
  }
  forget(token: string): void {
    this.#entries.delete(token);
  }
}

/** Resolves the caller when a valid token is presented (routes decide whether one is required). */
export function authenticate(rt: Runtime, sessions: SessionCache): MiddlewareHandler<Env> {
  // Not async: nothing here waits, and each async layer costs every request a promise.
  return (c, next) => {
    const token = tokenOf(c);
    if (token) {
      const now = Date.now();
      let caller = sessions.get(token, now);
      if (!caller) {
        const user = userOfToken(rt.store.q, token, new Date(now));
        if (user) {
          caller = toCaller(user);
          sessions.set(token, caller, now);
        }
      }
      if (caller) {
        c.set('caller', caller);
        c.set('token', token);
      }
    }
    return next();
  };
}

/** The authenticated caller, or 401 UNAUTHENTICATED. */
export function callerOf(c: Context<Env>): Caller {
  const caller = c.get('caller');
  if (!caller)
    throw new GreffeError(401, 'UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à ce service.');
  return caller;
}
