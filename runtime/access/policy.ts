/**
 * Who may see and do what — the one place the runtime decides it, from the
 * spec's role kinds and `visible_to` lists (no role name of any procedure in
 * code). Parties and representatives hold roles in their own cases only
 * (participants); court actors (kinds juridiction and auxiliaire) hold their
 * roles in every case of their court. Within a case, an item restricted by
 * `visible_to` is shown only to those roles.
 */
import type { Procedure } from '../../spec/index.ts';
import { isCourtRole } from '../engine/actions.ts';
import type { FactRecord } from '../engine/types.ts';

/** An authenticated person. `roles` are the court roles they hold; `court` the court they belong to. */
export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly court?: string | null;
}

export interface ParticipantLike {
  readonly role: string;
  readonly userId: string | null;
  readonly onBehalfOf: string | null;
}

/**
 * The caller's roles in a case, participant roles first (and, for a
 * representative, the role of the party represented), then court roles.
 * Empty: the caller may not see the case at all.
 */
export function rolesInCase(
  procedure: Procedure,
  caller: Caller,
  c: { readonly court: string },
  participants: readonly ParticipantLike[],
): string[] {
  const roles: string[] = [];
  for (const p of participants) {
    if (p.userId !== caller.id || !procedure.roles[p.role]) continue;
    roles.push(p.role);
    const rep = procedure.roles[p.role];
    if (rep?.kind === 'representant' && p.onBehalfOf && rep.represents.includes(p.onBehalfOf))
      roles.push(p.onBehalfOf);
  }
  if (caller.court && caller.court === c.court) {
    for (const r of caller.roles) if (isCourtRole(procedure.roles[r])) roles.push(r);
  }
  return [...new Set(roles)];
}

/** True when an item restricted to `visibleTo` (empty: every role of the case) may be shown to `roles`. */
export function canSee(visibleTo: readonly string[], roles: readonly string[]): boolean {
  return roles.length > 0 && (visibleTo.length === 0 || visibleTo.some((r) => roles.includes(r)));
}

/** A document of `kind` is shown to the roles its kind lists, and always to whoever deposited it. */
export function canSeeDocument(
  procedure: Procedure,
  kind: string,
  roles: readonly string[],
  depositedBy: { userId: string; callerId: string },
): boolean {
  if (roles.length === 0) return false;
  if (depositedBy.userId === depositedBy.callerId) return true;
  return canSee(procedure.documents[kind]?.visibleTo ?? [], roles);
}

/** Facts visible to `roles`, as plain values. */
export function visibleFacts(
  facts: Readonly<Record<string, FactRecord>>,
  roles: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(facts)) if (canSee(f.visibleTo, roles)) out[k] = f.value;
  return out;
}

/** Document kinds `roles` may deposit in a case: kinds with `upload:` that the roles may see. */
export function canUpload(procedure: Procedure, kind: string, roles: readonly string[]): boolean {
  const doc = procedure.documents[kind];
  return doc?.upload !== undefined && canSee(doc.visibleTo, roles);
}
