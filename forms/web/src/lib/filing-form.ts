/**
 * Which form a citizen files with, read from the procedure view. No import
 * besides types: boot.ts uses it too, and must stay tiny.
 */
import type { ProcedureView } from './api-schema.gen.ts';

type View = Pick<ProcedureView, 'states' | 'roles' | 'transitions'>;

/** The form of the first transition out of an initial state open to a party (else of any party transition). */
export function filingForm(p: View): string | undefined {
  const initial = new Set(p.states.filter((s) => s.initial).map((s) => s.id));
  const party = new Set(
    p.roles.filter((r) => r.kind === 'partie' || r.kind === 'representant').map((r) => r.id),
  );
  const candidates = p.transitions.filter((t) => t.form && t.roles.some((r) => party.has(r)));
  const fromInitial = candidates.find((t) => t.from.some((s) => initial.has(s)));
  return (fromInitial ?? candidates[0])?.form ?? undefined;
}
