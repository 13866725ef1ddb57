/**
 * Server-side sessions (docs/securite.md, "Sessions"): the bearer token is
 * random and shown once; only its SHA-256 is stored. A session ends after
 * IDLE_MS without use or ABSOLUTE_MS after login, whichever comes first, at
 * logout (every session of the person), or when the account is disabled. A
 * session made under `--dev` is marked and refused by a server started
 * without it.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../engine/hash.ts';
import type { CaseStore, UserRow } from '../store/case-store.ts';

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
export async function createAuthSession(store: CaseStore, s: NewSession, now = Date.now()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.insertAuthSession({
    id: sha256Hex(token),
    userId: s.userId,
    method: s.method,
    dev: s.dev,
    createdAt: now,
    lastSeenAt: now,
    idTokenHint: s.idTokenHint ?? null,
  });
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
export async function resolveSession(
  store: CaseStore,
  token: string,
  devServer: boolean,
  now = Date.now(),
): Promise<ActiveSession | undefined> {
  const id = sha256Hex(token);
  const row = await store.authSession(id);
  if (!row) return undefined;
  const { session: s } = row;
  const expired = now - s.lastSeenAt > IDLE_MS || now - s.createdAt > ABSOLUTE_MS;
  if (expired || row.disabled) {
    await store.deleteAuthSession(id);
    return undefined;
  }
  if (s.dev && !devServer) return undefined;
  if (now - s.lastSeenAt > TOUCH_MS) await store.touchAuthSession(id, now);
  return { user: row.user, method: s.method, idTokenHint: s.idTokenHint };
}

/** Ends every session of `userId` (logout ends them on every device). Returns how many ended. */
export function endSessionsOf(store: CaseStore, userId: string): Promise<number> {
  return store.deleteAuthSessionsOf(userId);
}

/** Removes sessions past their idle or absolute timeout (run at start and from time to time). */
export function purgeExpiredSessions(store: CaseStore, now = Date.now()): Promise<number> {
  return store.purgeAuthSessions(now - IDLE_MS, now - ABSOLUTE_MS);
}

/** Whether an operator disabled the account. */
export function isDisabled(store: CaseStore, userId: string): Promise<boolean> {
  return store.isDisabled(userId);
}
