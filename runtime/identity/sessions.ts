/**
 * Server-side sessions (docs/securite.md, "Sessions"): the bearer token is
 * random and shown once; only its SHA-256 is stored. A session ends after
 * IDLE_MS without use or ABSOLUTE_MS after login, whichever comes first, at
 * logout (every session of the person), or when the account is disabled. A
 * session made under `--dev` is marked and refused by a server started
 * without it.
 */
import { randomBytes } from 'node:crypto';
import { eq, lt, or } from 'drizzle-orm';
import { sha256Hex } from '../engine/hash.ts';
import type { Store } from '../store/open.ts';
import { authSessions, disabledUsers } from '../store/identity-schema.ts';
import { type UserRow, users } from '../store/schema.ts';

/** Idle timeout: 30 minutes without a request (OWASP ASVS 4.0.3 V3.3.2, level 2). */
export const IDLE_MS = 30 * 60_000;
/** Absolute timeout: 12 hours after login, whatever the activity (OWASP ASVS 4.0.3 V3.3.2, level 2). */
export const ABSOLUTE_MS = 12 * 3_600_000;
/** `last_seen_at` is written at most this often, so a burst of reads does not write to the database each time. */
const TOUCH_MS = 60_000;

export interface NewSession {
  readonly userId: string;
  readonly method: string;
  readonly dev: boolean;
  readonly idTokenHint?: string;
}

/** Opens a session; returns the bearer token (never stored). */
export function createAuthSession(store: Store, s: NewSession, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url');
  store.db
    .insert(authSessions)
    .values({
      id: sha256Hex(token),
      userId: s.userId,
      method: s.method,
      dev: s.dev,
      createdAt: now,
      lastSeenAt: now,
      idTokenHint: s.idTokenHint ?? null,
    })
    .run();
  return token;
}

export interface ActiveSession {
  readonly user: UserRow;
  readonly method: string;
  readonly idTokenHint: string | null;
}

/**
 * The person behind a token, if the session is still valid on this server
 * (`devServer`: started with `--dev`). Refreshes its idle timer.
 */
export function resolveSession(
  store: Store,
  token: string,
  devServer: boolean,
  now = Date.now(),
): ActiveSession | undefined {
  const id = sha256Hex(token);
  const row = store.db
    .select({ s: authSessions, user: users, disabled: disabledUsers.userId })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(disabledUsers, eq(disabledUsers.userId, authSessions.userId))
    .where(eq(authSessions.id, id))
    .get();
  if (!row) return undefined;
  const { s } = row;
  const expired = now - s.lastSeenAt > IDLE_MS || now - s.createdAt > ABSOLUTE_MS;
  if (expired || row.disabled) {
    store.db.delete(authSessions).where(eq(authSessions.id, id)).run();
    return undefined;
  }
  if (s.dev && !devServer) return undefined;
  if (now - s.lastSeenAt > TOUCH_MS) {
    store.db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.id, id)).run();
  }
  return { user: row.user, method: s.method, idTokenHint: s.idTokenHint };
}

/** Ends every session of `userId` (logout ends them on every device). Returns how many ended. */
export function endSessionsOf(store: Store, userId: string): number {
  return store.db.delete(authSessions).where(eq(authSessions.userId, userId)).run().changes;
}

/** Removes sessions past their idle or absolute timeout (run at start and from time to time). */
export function purgeExpiredSessions(store: Store, now = Date.now()): number {
  return store.db
    .delete(authSessions)
    .where(or(lt(authSessions.lastSeenAt, now - IDLE_MS), lt(authSessions.createdAt, now - ABSOLUTE_MS)))
    .run().changes;
}

/** Whether an operator disabled the account. */
export function isDisabled(store: Store, userId: string): boolean {
  return (
    store.db
      .select({ id: disabledUsers.userId })
      .from(disabledUsers)
      .where(eq(disabledUsers.userId, userId))
      .get() !== undefined
  );
}
