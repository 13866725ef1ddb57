/**
 * Who is calling: a session cookie (`greffe_session`, HttpOnly, SameSite=Lax)
 * or `Authorization: Bearer <token>`. Sessions expire in real time (not the
 * procedural clock a test may move by months).
 */
import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { getCookie } from 'hono/cookie';
import type { Caller } from '../access/policy.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import { toCaller } from '../store/case-store.ts';

export const SESSION_COOKIE = 'greffe_session';

/** The API's hono environment: nothing set per request (the caller is asked of `Auth`). */
export type Env = BlankEnv;

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

/**
 * Who is calling, resolved when a route asks (not in a middleware: a
 * middleware made every request asynchronous in hono's dispatch, measured
 * here at ~10 µs of server CPU per request, about as much as a bare route's
 * whole answer). Each route asks once.
 */
export class Auth {
  readonly #sessions = new SessionCache();
  constructor(private readonly rt: Runtime) {}

  /** The authenticated caller, or 401 UNAUTHENTICATED. */
  async callerOf(c: Context): Promise<Caller> {
    const token = tokenOf(c);
    const caller = token
      ? (this.#sessions.get(token, Date.now()) ?? (await this.#callerOfToken(token)))
      : undefined;
    if (!caller)
      throw new GreffeError(401, 'UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à ce service.');
    return caller;
  }

  /** The caller of a session seen in the last few seconds, without reading the store (undefined otherwise). */
  knownCaller(c: Context): Caller | undefined {
    const token = tokenOf(c);
    return token ? this.#sessions.get(token, Date.now()) : undefined;
  }

  async #callerOfToken(token: string): Promise<Caller | undefined> {
    const now = Date.now();
    const user = await this.rt.store.userOfToken(token, new Date(now));
    if (!user) return undefined;
    const caller = toCaller(user);
    this.#sessions.set(token, caller, now);
    return caller;
  }

  /** Ends the presented session (here at once; another instance's cache lets it live ≤ SESSION_CACHE_MS). */
  async logout(c: Context): Promise<void> {
    const token = tokenOf(c);
    if (!token) return;
    this.#sessions.forget(token);
    await this.rt.store.deleteSession(token);
  }
}
