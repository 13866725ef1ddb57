/** Users. Their sessions are identity-schema.ts's (sqlite-identity.ts). */
import type { Caller } from '../access/policy.ts';
import { canonicalJson } from '../engine/hash.ts';
import type { Exec } from './journal.ts';
import { type UserRow, users } from './schema.ts';

export interface NewUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly court?: string | null;
  readonly email?: string | null;
  readonly source: string;
}

/** The row of a new user (both stores). */
export function userValues(u: NewUser, at: Date): UserRow {
  return {
    id: u.id,
    name: u.name,
    roles: canonicalJson(u.roles),
    court: u.court ?? null,
    email: u.email ?? null,
    source: u.source,
    createdAt: at.toISOString(),
  };
}

/** Creates the user or refreshes its name, roles and court. */
export function upsertUser(db: Exec, u: NewUser, at: Date): void {
  const row = userValues(u, at);
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
