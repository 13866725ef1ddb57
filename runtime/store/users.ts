/** Users and their sessions. A session token is random; only its SHA-256 is stored. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Caller } from '../access/policy.ts';
import { canonicalJson, sha256Hex } from '../engine/hash.ts';
import type { Exec } from './journal.ts';
import type { Queries } from './queries.ts';
import { sessions, type UserRow, users } from './schema.ts';

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly court?: string | null;
  readonly email?: string | null;
  readonly source: string;
}

/** Creates the user or refreshes its name, roles and court. */
export function upsertUser(db: Exec, u: NewUser, at: Date): void {
  const row = {
    id: u.id,
    name: u.name,
    roles: canonicalJson(u.roles),
    court: u.court ?? null,
    email: u.email ?? null,
    source: u.source,
    createdAt: at.toISOString(),
  };
  db.insert(users)
    .values(row)
    .onConflictDoUpdate({
      target: users.id,
      set: { name: row.name, roles: row.roles, court: row.court, email: row.email },
    })
    .run();
}

export function toCaller(u: UserRow): Caller {
  return { id: u.id, name: u.name, roles: JSON.parse(u.roles) as string[], court: u.court };
}

export const SESSION_DAYS = 7;

/** Opens a session for `userId`; returns the bearer token (shown once, never stored). */
export function createSession(db: Exec, userId: string, now: Date): string {
  const token = randomBytes(32).toString('base64url');
  db.insert(sessions)
    .values({
      id: sha256Hex(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    })
    .run();
  return token;
}

/** The user of a valid session token, if any. */
export function userOfToken(q: Queries, token: string, now: Date): UserRow | undefined {
  return q.userOfSession.get({ id: sha256Hex(token), now: now.toISOString() })?.user;
}

export function deleteSession(db: Exec, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.id, sha256Hex(token)))
    .run();
}
