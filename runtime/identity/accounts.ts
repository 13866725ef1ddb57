/**
 * People's accounts: a citizen's is made at their first e-mail login; court
 * staff accounts are made by an operator (`greffe users add`) with a role and
 * a court, and log in with the same e-mail code (or OpenID Connect).
 */
import { createHash } from 'node:crypto';
import type { Procedure } from '../../spec/index.ts';
import { isCourtRole } from '../engine/actions.ts';
import type { CaseStore, UserRow } from '../store/case-store.ts';
import { normalizeEmail } from './login-codes.ts';

/**
 * Staff roles an operator may give: the court roles of the loaded procedures
 * (never a list written here: each procedure names its own), by id or by the
 * id's first word when no other role shares it.
 */
export function staffRoles(procedures: readonly Procedure[]): ReadonlyMap<string, string> {
  const ids = new Set<string>();
  for (const p of procedures) for (const r of Object.values(p.roles)) if (isCourtRole(r)) ids.add(r.id);
  const out = new Map<string, string>([...ids].map((id) => [id, id]));
  const first = (id: string) => id.split('_')[0] ?? id;
  for (const id of ids) {
    const short = first(id);
    if (short !== id && !ids.has(short) && [...ids].filter((x) => first(x) === short).length === 1)
      out.set(short, id);
  }
  return out;
}

const idOf = (prefix: string, email: string) =>
  `${prefix}-${createHash('sha256').update(email).digest('hex').slice(0, 16)}`;

export function userByEmail(store: CaseStore, rawEmail: string): Promise<UserRow | undefined> {
  return store.userByEmail(normalizeEmail(rawEmail));
}

/** The account of `email`, made as a citizen's (no court role) at the first login. */
export async function accountForLogin(
  store: CaseStore,
  rawEmail: string,
  now = new Date(),
): Promise<UserRow> {
  const email = normalizeEmail(rawEmail);
  const known = await store.userByEmail(email);
  if (known) return known;
  await store.upsertUser({ id: idOf('c', email), name: email, roles: [], email, source: 'courriel' }, now);
  return (await store.userByEmail(email)) as UserRow;
}

/** Creates (or updates) a staff account; returns its id. */
export async function addStaff(
  store: CaseStore,
  s: { email: string; name?: string; role: string; court: string },
  now = new Date(),
): Promise<string> {
  const email = normalizeEmail(s.email);
  const known = await store.userByEmail(email);
  const id = known?.id ?? idOf('agent', email);
  await store.upsertUser(
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
export async function accountForOidc(
  store: CaseStore,
  provider: { id: string; audience: 'citoyen' | 'agent' },
  who: { sub: string; claims: Readonly<Record<string, unknown>> },
  now = new Date(),
): Promise<UserRow | undefined> {
  const email = typeof who.claims.email === 'string' ? normalizeEmail(who.claims.email) : undefined;
  if (provider.audience === 'agent') {
    const staff = email ? await store.userByEmail(email) : undefined;
    return staff && JSON.parse(staff.roles).length > 0 ? staff : undefined;
  }
  const id = idOf(`oidc-${provider.id}`, who.sub);
  const name = [who.claims.given_name, who.claims.family_name].filter((x) => typeof x === 'string').join(' ');
  await store.upsertUser(
    {
      id,
      name: name || email || 'Personne identifiée',
      roles: [],
      email: email ?? null,
      source: `oidc:${provider.id}`,
    },
    now,
  );
  return store.userById(id);
}
