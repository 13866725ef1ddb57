/**
 * The single gate to a case: every read and write of a case goes through
 * `caseAccess`, which answers 404 CASE_NOT_FOUND — never 403 — when the caller
 * holds no role in it, so a party cannot even learn that another's case exists.
 */
import type { Procedure } from '../../spec/index.ts';
import { procedureOf } from '../catalog.ts';
import { caseNotFound } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import type { CaseRow, ParticipantRow } from '../store/case-store.ts';
import { type Caller, rolesInCase } from './policy.ts';

export interface CaseAccess {
  readonly case: CaseRow;
  readonly procedure: Procedure;
  readonly participants: readonly ParticipantRow[];
  /** The caller's roles in the case, never empty. */
  readonly roles: readonly string[];
}

/** Reads a case for `caller` or throws CASE_NOT_FOUND. */
export async function caseAccess(rt: Runtime, caller: Caller, caseId: string): Promise<CaseAccess> {
  const found = await rt.store.caseWithParticipants(caseId);
  if (!found) throw caseNotFound(caseId);
  const { case: c, participants: parts } = found;
  const involved =
    parts.some((p) => p.userId === caller.id) || (caller.court != null && caller.court === c.court);
  if (!involved) throw caseNotFound(caseId);
  const procedure = procedureOf(rt.catalog, c);
  const roles = rolesInCase(procedure, caller, c, parts);
  if (roles.length === 0) throw caseNotFound(caseId);
  return { case: c, procedure, participants: parts, roles };
}
