/** What a caller may do now on a case, and who may open one: read from the spec, never hard-coded. */
import type { Procedure, Role, Transition } from '../../spec/index.ts';

export interface AvailableAction {
  readonly event: string;
  readonly label: string;
  readonly form?: string;
  /** The caller's roles that allow it. */
  readonly roles: readonly string[];
}

/** Court actors (juridiction, auxiliaire) act on the cases of their court; parties and representatives on their own. */
export const isCourtRole = (role: Role | undefined): boolean =>
  role?.kind === 'juridiction' || role?.kind === 'auxiliaire';

/** Events the holder of `roles` may fire in `state` (automatic transitions excluded), once per event, in spec order. */
export function availableActions(
  procedure: Procedure,
  state: string,
  roles: readonly string[],
): AvailableAction[] {
  const byEvent = new Map<string, { t: Transition; roles: Set<string> }>();
  for (const t of procedure.transitions) {
    if (t.automatic || !t.from.includes(state)) continue;
    const mine = t.roles.filter((r) => roles.includes(r));
    if (mine.length === 0) continue;
    const seen = byEvent.get(t.event);
    if (seen) for (const r of mine) seen.roles.add(r);
    else byEvent.set(t.event, { t, roles: new Set(mine) });
  }
  return [...byEvent.values()].map(({ t, roles: r }) => ({
    event: t.event,
    label: t.label,
    ...(t.form !== undefined && { form: t.form }),
    roles: [...r],
  }));
}

/** Initial states of the procedure, in spec order. */
export function initialStates(procedure: Procedure): string[] {
  return Object.values(procedure.states)
    .filter((s) => s.initial)
    .map((s) => s.id);
}

/**
 * The party role a citizen files a new case with: the first party role allowed
 * on the first transition out of the initial state (e.g. the claimant).
 * Undefined when only court actors may open a case of this procedure.
 */
export function filingRole(procedure: Procedure, initial: string): string | undefined {
  for (const t of procedure.transitions) {
    if (t.automatic || !t.from.includes(initial)) continue;
    const party = t.roles.find((r) => procedure.roles[r]?.kind === 'partie');
    if (party) return party;
  }
  return undefined;
}

/** Court roles that may act from the initial state (they may open a case of this procedure in their court). */
export function openingCourtRoles(procedure: Procedure, initial: string): string[] {
  const out = new Set<string>();
  for (const t of procedure.transitions) {
    if (t.automatic || !t.from.includes(initial)) continue;
    for (const r of t.roles) if (isCourtRole(procedure.roles[r])) out.add(r);
  }
  return [...out];
}
