/**
 * People's accounts: a citizen's is made at their first e-mail login; court
 * staff accounts are made by an operator (`greffe users add`) with a role and
 * a court, and log in with the same e-mail code (or OpenID Connect).
 */
import { createHash } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { Store } from '../store/open.ts';
import { type UserRow, users } from '../store/schema.ts';
import { upsertUser } from '../store/users.ts';
import { normalizeEmail } from './login-codes.ts';

/** Staff roles an operator may give, by the short name the command takes. */
export const STAFF_ROLES: Readonly<Record<string, string>> = {
  juge: 'juge',
  greffe: 'greffe',
  conciliateur: 'conciliateur',
  commissaire: 'commissaire_de_justice',
};

const idOf = (prefix: string, email: string) =>
  `${prefix}-${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;

export function userByEmail(store: Store, rawEmail: string): UserRow | undefined {
  return store.db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(rawEmail)))
    .orderBy(asc(users.createdAt))
    .get();
}

/** The account of `email`, made as a citizen's (no court role) at the first login. */
export function accountForLogin(store: Store, rawEmail: string, now = new Date()): UserRow {
  const email = normalizeEmail(rawEmail);
  const known = userByEmail(store, email);
  if (known) return known;
  upsertUser(store.db, { id: idOf('c', email), name: email, roles: [], email, source: 'courriel' }, now);
  return userByEmail(store, email) as UserRow;
}

/** Creates (or updates) a staff account; returns its id. */
export function addStaff(
  store: Store,
  s: { email: string; name?: string; role: string; court: string },
  now = new Date(),
): string {
  const email = normalizeEmail(s.email);
  const known = userByEmail(store, email);
  const id = known?.id ?? idOf('agent', email);
  upsertUser(
    store.db,
    { id, name: s.name ?? known?.name ?? email, roles: [s.role], court: s.court, email, source: 'operateur' },
    now,
  );
  return id;
}

/**
 * The account of a person an OpenID provider identified: for citizens, one
 * per provider and subject (FranceConnect's `sub` is pairwise and never
 * shown); for staff, the account an operator made for the e-mail the provider
 * vouches for, or none.
 */
export function accountForOidc(
  store: Store,
  provider: { id: string; audience: 'citoyen' | 'agent' },
  who: { sub: string; claims: Readonly<Record<string, unknown>> },
  now = new Date(),
): UserRow | undefined {
  const email = typeof who.claims.email === 'string' ? normalizeEmail(who.claims.email) : undefined;
  if (provider.audience === 'agent') {
    const staff = email ? userByEmail(store, email) : undefined;
    return staff && JSON.parse(staff.roles).length > 0 ? staff : undefined;
  }
  const id = idOf(`oidc-${provider.id}`, who.sub);
  const name = [who.claims.given_name, who.claims.family_name].filter((x) => typeof x === 'string').join(' ');
  upsertUser(
    store.db,
    {
      id,
      name: name || email || 'Personne identifiée',
      roles: [],
      email: email ?? null,
      source: `oidc:${provider.id}`,
    },
    now,
  );
  return store.db.select().from(users).where(eq(users.id, id)).get();
}
