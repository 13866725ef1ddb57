/**
 * The identity rows of the SQLite store (identity-schema.ts): server-side
 * sessions, e-mail login codes, disabled accounts, account look-ups. The
 * policy — token hashing, timeouts, code HMAC, attempts — is runtime/identity's;
 * these functions only read and write what it decides (case-store.ts, "Identity").
 */
import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AuthSessionRecord, LoginCodeRecord, NewLoginCode } from './case-store.ts';
import { authSessions, calendarFeeds, disabledUsers, loginCodes } from './identity-schema.ts';
import type { Store } from './open.ts';
import { cases, participants, type UserRow, users } from './schema.ts';

export function userById(s: Store, id: string): UserRow | undefined {
  return s.db.select().from(users).where(eq(users.id, id)).get();
}

/** The oldest account with this (already normalized) e-mail address. */
export function userByEmail(s: Store, email: string): UserRow | undefined {
  return s.db.select().from(users).where(eq(users.email, email)).orderBy(asc(users.createdAt)).get();
}

export function listUsers(s: Store): { user: UserRow; disabled: boolean }[] {
  return s.db
    .select({ user: users, disabled: disabledUsers.userId })
    .from(users)
    .leftJoin(disabledUsers, eq(disabledUsers.userId, users.id))
    .orderBy(asc(users.createdAt))
    .all()
    .map((r) => ({ user: r.user, disabled: r.disabled !== null }));
}

export function isDisabled(s: Store, userId: string): boolean {
  return (
    s.db
      .select({ id: disabledUsers.userId })
      .from(disabledUsers)
      .where(eq(disabledUsers.userId, userId))
      .get() !== undefined
  );
}

/** Disables the account (and ends its sessions, in the same transaction) or enables it again. Returns the sessions ended. */
export function setDisabled(s: Store, userId: string, disabledAt: string | null): number {
  return s.tx(() => {
    if (disabledAt === null) {
      s.db.delete(disabledUsers).where(eq(disabledUsers.userId, userId)).run();
      return 0;
    }
    s.db.insert(disabledUsers).values({ userId, disabledAt }).onConflictDoNothing().run();
    return s.db.delete(authSessions).where(eq(authSessions.userId, userId)).run().changes;
  });
}

export function insertAuthSession(s: Store, r: AuthSessionRecord): void {
  s.db.insert(authSessions).values(r).run();
}

export function authSession(
  s: Store,
  id: string,
): { session: AuthSessionRecord; user: UserRow; disabled: boolean } | undefined {
  const row = s.db
    .select({ session: authSessions, user: users, disabled: disabledUsers.userId })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(disabledUsers, eq(disabledUsers.userId, authSessions.userId))
    .where(eq(authSessions.id, id))
    .get();
  return row && { session: row.session, user: row.user, disabled: row.disabled !== null };
}

export function touchAuthSession(s: Store, id: string, at: number): void {
  s.db.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, id)).run();
}

export function deleteAuthSession(s: Store, id: string): void {
  s.db.delete(authSessions).where(eq(authSessions.id, id)).run();
}

export function deleteAuthSessionsOf(s: Store, userId: string): number {
  return s.db.delete(authSessions).where(eq(authSessions.userId, userId)).run().changes;
}

export function purgeAuthSessions(s: Store, seenBefore: number, createdBefore: number): number {
  return s.db
    .delete(authSessions)
    .where(or(lt(authSessions.lastSeenAt, seenBefore), lt(authSessions.createdAt, createdBefore)))
    .run().changes;
}

/** Stores a new code for its address; the address's pending codes stop working, in the same transaction. */
export function newLoginCode(s: Store, c: NewLoginCode): void {
  s.tx(() => {
    s.db
      .update(loginCodes)
      .set({ usedAt: c.createdAt })
      .where(and(eq(loginCodes.email, c.email), isNull(loginCodes.usedAt)))
      .run();
    s.db.insert(loginCodes).values(c).run();
  });
}

export function pendingLoginCode(s: Store, email: string): LoginCodeRecord | undefined {
  return s.db
    .select()
    .from(loginCodes)
    .where(and(eq(loginCodes.email, email), isNull(loginCodes.usedAt)))
    .orderBy(desc(loginCodes.id))
    .get();
}

/** Counts one attempt at a pending code, unless it already had `max`: false then (or when used). */
export function countLoginAttempt(s: Store, id: number, max: number): boolean {
  return (
    s.db
      .update(loginCodes)
      .set({ attempts: sql`${loginCodes.attempts} + 1` })
      .where(and(eq(loginCodes.id, id), isNull(loginCodes.usedAt), lt(loginCodes.attempts, max)))
      .run().changes === 1
  );
}

/** Uses up a pending code; false when it was already used. */
export function spendLoginCode(s: Store, id: number, at: number): boolean {
  return (
    s.db
      .update(loginCodes)
      .set({ usedAt: at })
      .where(and(eq(loginCodes.id, id), isNull(loginCodes.usedAt)))
      .run().changes === 1
  );
}

/** How many cases of `procedureId` in one of `states` the user takes part in. */
export function openDrafts(s: Store, userId: string, procedureId: string, states: readonly string[]): number {
  if (states.length === 0) return 0;
  const row = s.db
    .select({ n: count() })
    .from(cases)
    .innerJoin(participants, and(eq(participants.caseId, cases.id), eq(participants.userId, userId)))
    .where(and(eq(cases.procedureId, procedureId), inArray(cases.state, [...states])))
    .get();
  return row?.n ?? 0;
}

export function putCalendarFeed(s: Store, userId: string, tokenHash: string, createdAt: number): void {
  s.db
    .insert(calendarFeeds)
    .values({ userId, tokenHash, createdAt })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash, createdAt } })
    .run();
}

export function calendarFeedUser(s: Store, tokenHash: string): string | undefined {
  return s.db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, tokenHash))
    .get()?.userId;
}

export function calendarFeedOf(s: Store, userId: string): number | undefined {
  return s.db
    .select({ at: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, userId))
    .get()?.at;
}

export function removeCalendarFeed(s: Store, userId: string): boolean {
  return s.db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).run().changes > 0;
}
