/**
 * Who is calling: a session cookie (`greffe_session`, HttpOnly, SameSite=Lax,
 * Secure behind HTTPS) or `Authorization: Bearer <token>`. Sessions are
 * server-side (runtime/identity/sessions.ts) and expire in real time (not the
 * procedural clock a test may move by months).
 */
import type { Context } from 'hono';
import type { BlankEnv } from 'hono/types';
import { getCookie, setCookie } from 'hono/cookie';
import type { Caller } from '../access/policy.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import {
  ABSOLUTE_MS,
  createAuthSession,
  endSessionsOf,
  type NewSession,
  resolveSession,
} from '../identity/sessions.ts';
import { RateLimits } from '../identity/rate-limit.ts';
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
 * this instance (logout) is forgotten at once. On a store several instances
 * share (PostgreSQL, `CaseStore.shared`) it is not used: another instance may
 * have ended the session, so every request reads it (one indexed read) and a
 * logout is refused everywhere at once (test/multi-instance.test.ts).
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
  /** Forgets every cached session of `userId` (logout everywhere, account disabled). */
  forgetUser(userId: string): void {
    for (const [token, e] of this.#entries) if (e.caller.id === userId) this.#entries.delete(token);
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
  /** Rate limits of the sensitive routes (login, codes, join, filing). */
  readonly limits: RateLimits;
  constructor(
    private readonly rt: Runtime,
    /** Behind HTTPS (`--trust-proxy`): the cookie gets `Secure`, X-Forwarded-For is believed. */
    private readonly secureCookie = false,
  ) {
    this.limits = new RateLimits(secureCookie);
  }

  /** The authenticated caller, or 401 UNAUTHENTICATED. */
  async callerOf(c: Context): Promise<Caller> {
    const token = tokenOf(c);
    const caller = token ? (this.knownCaller(c) ?? (await this.#callerOfToken(token))) : undefined;
    if (!caller)
      throw new GreffeError(401, 'UNAUTHENTICATED', 'Vous devez vous connecter pour accéder à ce service.');
    return caller;
  }

  /** The caller of a session seen in the last few seconds, without reading the store (undefined otherwise). */
  knownCaller(c: Context): Caller | undefined {
    const token = tokenOf(c);
    return token && !this.rt.store.shared ? this.#sessions.get(token, Date.now()) : undefined;
  }

  async #callerOfToken(token: string): Promise<Caller | undefined> {
    const now = Date.now();
    const session = await resolveSession(this.rt.store, token, this.rt.dev, now);
    if (!session) return undefined;
    const caller = toCaller(session.user);
    if (!this.rt.store.shared) this.#sessions.set(token, caller, now);
    return caller;
  }

  /**
   * Ends every session of the caller, on every device and every instance, at
   * once (a shared store keeps no session cache). Returns the ended
   * session's provider ID token, for an OpenID Connect logout.
   */
  async logout(c: Context): Promise<{ method: string; idTokenHint: string | null } | undefined> {
    const token = tokenOf(c);
    if (!token) return undefined;
    const session = await resolveSession(this.rt.store, token, this.rt.dev);
    this.#sessions.forget(token);
    if (!session) return undefined;
    this.#sessions.forgetUser(session.user.id);
    await endSessionsOf(this.rt.store, session.user.id);
    return { method: session.method, idTokenHint: session.idTokenHint };
  }

  /** Opens a session and sets its cookie; returns the token (for API clients). */
  async login(c: Context, s: Omit<NewSession, 'dev'>): Promise<string> {
    const token = await createAuthSession(this.rt.store, { ...s, dev: this.rt.dev });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: this.secureCookie,
      path: '/',
      maxAge: ABSOLUTE_MS / 1000,
    });
    return token;
  }
}
