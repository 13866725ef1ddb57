/** What a caller may do now on a case, and who may open one: read from the spec, never hard-coded. */
import type { Procedure, Role, Transition } from '../../spec/index.ts';
import { conditionOutcome } from './conditions.ts';
import { factsFor, formFields, guardVerdict, roleFor } from './checks.ts';
import { rulesGuards } from './guards.ts';
import { remedyRefusal } from './remedies.ts';
import { candidates } from './transition.ts';
import type { Actor, CaseSnapshot, GuardEvaluator } from './types.ts';

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

/** What of the case the available actions read. */
export type ActionSnapshot = Pick<CaseSnapshot, 'state' | 'facts' | 'documents'> & {
  /** The deadlines running (by spec id): an action may wait for one to run out (`after:`). */
  readonly runningDeadlines: readonly { readonly deadline: string }[];
};

/** False when `t` acts on a document (`call`) that the case lacks and `t` does not produce: DOCUMENT_MISSING. */
function documentsAt(t: Transition, snapshot: ActionSnapshot): boolean {
  for (const e of t.effects) {
    if (e.kind !== 'call' || e.document === undefined) continue;
    const kind = e.document;
    if (t.effects.some((x) => x.kind === 'produce' && x.document === kind)) continue;
    if (!snapshot.documents.some((d) => d.kind === kind)) return false;
  }
  return true;
}

/** True when the reducer may accept `t` for `actor` once its form is filled (see `availableActions`). */
function open(
  p: Procedure,
  t: Transition,
  snapshot: ActionSnapshot,
  actor: Actor,
  guards: GuardEvaluator,
): boolean {
  if (!documentsAt(t, snapshot)) return false;
  if (remedyRefusal(p, snapshot, t)) return false; // waits for an answer time, or a remedy closed
  const unknown = formFields(p, t);
  const facts = factsFor(snapshot, {}, roleFor(t, actor) ?? null);
  if (t.when && conditionOutcome(t.when, facts, unknown, p) === false) return false;
  return guardVerdict(p, t, facts, unknown, guards).ok !== false;
}

/**
 * The events the holder of `roles` may fire now, once per event, in spec
 * order: exactly those the reducer (`transition`) accepts from this actor on
 * this snapshot at its current version, for some valid data of the form still
 * to be filled. That is, some transition of the event that the actor's roles
 * allow (automatic ones are the system's) from the case's state, whose
 * connectors act on documents the case has or the event produces, and whose
 * `when:` and guard rule sets, evaluated on the recorded and context facts,
 * hold or depend on the form's own fields ("depends on your answers": a
 * condition that no answer can satisfy is not offered).
 */
export function availableActions(
  procedure: Procedure,
  snapshot: ActionSnapshot,
  roles: readonly string[],
  guards: GuardEvaluator = rulesGuards(procedure),
): AvailableAction[] {
  const actor: Actor = { kind: 'user', id: '', roles };
  const out: AvailableAction[] = [];
  const seen = new Set<string>();
  for (const t of procedure.transitions) {
    if (t.automatic || seen.has(t.event) || !t.from.includes(snapshot.state)) continue;
    if (!t.roles.some((r) => roles.includes(r))) continue;
    seen.add(t.event);
    const here = candidates(procedure, snapshot, { event: t.event, actor });
    if (!Array.isArray(here)) continue;
    const offered: Transition[] = [];
    for (const c of here) if (open(procedure, c, snapshot, actor, guards)) offered.push(c);
    const first = offered[0];
    if (!first) continue;
    const allowing = new Set(offered.flatMap((c) => c.roles.filter((r) => roles.includes(r))));
    // Several outcomes still open, the answers to choose between them: no one transition's label (the button
    // would promise what the answers may not do) but the form's title; the review names the one taken.
    const label =
      new Set(offered.map((c) => c.label)).size > 1
        ? ((first.form !== undefined ? procedure.forms[first.form]?.title : undefined) ?? first.label)
        : first.label;
    out.push({
      event: first.event,
      label,
      ...(first.form !== undefined && { form: first.form }),
      roles: [...allowing],
    });
  }
  return out;
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
