/**
 * The checks of the reducer that read the spec and the case, shared by
 * `transition` (the form data known) and `availableActions` (the form still to
 * be filled): who may fire a transition, the facts a condition reads, its
 * `when:` and its guard rule sets, with three-valued answers — true, false, or
 * null when the answer depends on a field of the transition's own form.
 */
import { CONTEXT_FACTS, type Condition, type Procedure, type Transition } from '../../spec/index.ts';
import { conditionHolds } from './conditions.ts';
import type { Actor, CaseSnapshot, EngineError, GuardEvaluator } from './types.ts';

/** The role `actor` fires `t` with: the first of its roles `t` allows; null for the system; undefined: not allowed. */
export function roleFor(t: Transition, actor: Actor): string | null | undefined {
  if (actor.kind === 'system') return t.automatic ? null : undefined;
  if (t.automatic) return undefined;
  return actor.roles.find((r) => t.roles.includes(r));
}

/** Values of the recorded facts, the form data over them, the context facts over both (they cannot be forged). */
export function factsFor(
  snapshot: Pick<CaseSnapshot, 'facts'>,
  data: Readonly<Record<string, unknown>>,
  actorRole: string | null,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(snapshot.facts)) facts[k] = f.value;
  Object.assign(facts, data);
  const context: Record<(typeof CONTEXT_FACTS)[number], unknown> = { requerant: actorRole ?? undefined };
  return Object.assign(facts, context);
}

const NO_FIELDS: ReadonlySet<string> = new Set();
const fieldsByTransition = new WeakMap<Transition, ReadonlySet<string>>();

/**
 * The facts the transition's form supplies (its top-level fields, context
 * facts excepted): before the form is filled, a condition that reads one of
 * them "depends on the answers".
 */
export function formFields(p: Procedure, t: Transition): ReadonlySet<string> {
  let fields = fieldsByTransition.get(t);
  if (!fields) {
    const schema = t.form ? p.forms[t.form]?.schema : undefined;
    const props = (schema?.properties ?? {}) as Record<string, unknown>;
    const context: readonly string[] = CONTEXT_FACTS;
    fields = new Set(Object.keys(props).filter((k) => !context.includes(k)));
    fieldsByTransition.set(t, fields);
  }
  return fields;
}

const readsUnknown = (leaf: { fact: string; value: unknown }, unknown: ReadonlySet<string>): boolean => {
  if (unknown.has(leaf.fact)) return true;
  const v = leaf.value as { fact?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.fact === 'string' && unknown.has(v.fact);
};

/**
 * `condition` on `facts` in three-valued (Kleene) logic: a test of a fact in
 * `unknown` is null; `all` is false as soon as one part is false, `any` true
 * as soon as one part is true, `not` keeps null. With no unknown fact it is
 * exactly `conditionHolds`.
 */
export function conditionOutcome(
  condition: Condition,
  facts: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
  p: Procedure,
): boolean | null {
  if ('all' in condition) {
    let open = false;
    for (const c of condition.all) {
      const r = conditionOutcome(c, facts, unknown, p);
      if (r === false) return false;
      if (r === null) open = true;
    }
    return open ? null : true;
  }
  if ('any' in condition) {
    let open = false;
    for (const c of condition.any) {
      const r = conditionOutcome(c, facts, unknown, p);
      if (r === true) return true;
      if (r === null) open = true;
    }
    return open ? null : false;
  }
  if ('not' in condition) {
    const r = conditionOutcome(condition.not, facts, unknown, p);
    return r === null ? null : !r;
  }
  if (unknown.size > 0 && readsUnknown(condition, unknown)) return null;
  return conditionHolds(condition, facts, p);
}

/** The facts rule set `id` declares, taken from `facts` when known (a guard is given nothing else). */
function guardInput(p: Procedure, id: string, facts: Readonly<Record<string, unknown>>) {
  const declared = p.rules.rulesets[id]?.facts ?? [];
  return Object.fromEntries(declared.filter((f) => facts[f] !== undefined).map((f) => [f, facts[f]]));
}

/** Rule set `id` in three-valued logic (its rules' conditions combined by `combine`). */
function ruleSetOutcome(
  p: Procedure,
  id: string,
  facts: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
): boolean | null {
  const rs = p.rules.rulesets[id];
  if (!rs) return false;
  const all = rs.combine === 'all';
  let open = false;
  for (const rule of rs.rules) {
    const r = conditionOutcome(rule.conditions, facts, unknown, p);
    if (r === null) open = true;
    else if (r !== all) return r;
  }
  return open ? null : all;
}

export type GuardVerdict = { readonly ok: true | null } | { readonly ok: false; readonly error: EngineError };

/**
 * The guard rule sets of `t`, in order, on `facts` (the facts of `unknown`
 * not yet given). A rule set that reads no unknown fact runs in the guard
 * evaluator exactly as when the event is fired; one that reads an unknown
 * fact is refused when its known facts are invalid or its rules cannot hold
 * whatever the answers, and is otherwise open (null).
 */
export async function guardVerdict(
  p: Procedure,
  t: Transition,
  facts: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
  evaluateGuard: GuardEvaluator,
): Promise<GuardVerdict> {
  let open = false;
  for (const rulesetId of t.guard) {
    const declared = p.rules.rulesets[rulesetId]?.facts ?? [];
    const pending = unknown.size > 0 && declared.some((f) => unknown.has(f));
    const known = pending
      ? Object.fromEntries(Object.entries(facts).filter(([k]) => !unknown.has(k)))
      : facts;
    const r = await evaluateGuard(rulesetId, guardInput(p, rulesetId, known));
    if (pending) {
      const broken = !r.valid && r.problems.some((x) => !unknown.has(x.field));
      if (!broken && ruleSetOutcome(p, rulesetId, known, unknown) !== false) {
        open = true;
        continue;
      }
    } else if (r.valid && r.satisfied) continue;
    const label = p.rules.rulesets[rulesetId]?.label ?? rulesetId;
    return {
      ok: false,
      error: r.valid
        ? {
            status: 422,
            code: 'GUARD_REFUSED',
            message: `Action refusée : ${label}.`,
            details: { ruleset: rulesetId, outcome: r.outcome, reasons: r.reasons },
          }
        : {
            status: 422,
            code: 'GUARD_REFUSED',
            message: `Action refusée : les informations nécessaires pour vérifier « ${label} » sont incomplètes.`,
            details: { ruleset: rulesetId, reasons: [], problems: r.problems },
          },
    };
  }
  return { ok: open ? null : true };
}

export { NO_FIELDS };
