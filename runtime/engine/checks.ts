/**
 * The checks of the reducer that read the spec and the case, shared by
 * `transition` (the form data known) and `availableActions` (the form still to
 * be filled): who may fire a transition, the facts a condition reads, its
 * `when:` and its guard rule sets, with three-valued answers — true, false, or
 * null when the answer depends on a field of the transition's own form.
 */
import { CONTEXT_FACTS, type Procedure, type Transition } from '../../spec/index.ts';
import type { Actor, CaseSnapshot, EngineError, GuardEvaluator } from './types.ts';

/** The role `actor` fires `t` with: the first of its roles `t` allows; null for the system; undefined: not allowed. */
export function roleFor(t: Transition, actor: Actor): string | null | undefined {
  if (actor.kind === 'system') return t.automatic ? null : undefined;
  if (t.automatic) return undefined;
  return actor.roles.find((r) => t.roles.includes(r));
}

/**
 * Values of the recorded facts, the form data over them, the context facts over both (they cannot
 * be forged). With `fields` (the transition's form fields), only those answers count: a key the
 * form does not ask (a party adding `matiere` to his referral request) never replaces a recorded fact.
 */
export function factsFor(
  snapshot: Pick<CaseSnapshot, 'facts'>,
  data: Readonly<Record<string, unknown>>,
  actorRole: string | null,
  fields?: ReadonlySet<string>,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(snapshot.facts)) facts[k] = f.value;
  if (fields) {
    for (const [k, v] of Object.entries(data)) if (fields.has(k)) facts[k] = v;
  } else Object.assign(facts, data);
  const context: Record<(typeof CONTEXT_FACTS)[number], unknown> = { requerant: actorRole ?? undefined };
  return Object.assign(facts, context);
}

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

/** The facts rule set `id` declares, taken from `facts` when known (a guard is given nothing else). */
function guardInput(p: Procedure, id: string, facts: Readonly<Record<string, unknown>>) {
  const declared = p.rules.rulesets[id]?.facts ?? [];
  return Object.fromEntries(declared.filter((f) => facts[f] !== undefined).map((f) => [f, facts[f]]));
}

export type GuardVerdict = { readonly ok: true | null } | { readonly ok: false; readonly error: EngineError };

type GuardResult = ReturnType<GuardEvaluator>;

function guardRefusal(p: Procedure, rulesetId: string, r: GuardResult): EngineError {
  const label = p.rules.rulesets[rulesetId]?.label ?? rulesetId;
  return r.valid
    ? {
        status: 422,
        code: 'GUARD_REFUSED',
        // The rules' own French failure texts say why (and how to put it right).
        message: [`Action refusée : ${label}.`, ...r.reasons.map((x) => x.text)].join(' '),
        details: { ruleset: rulesetId, outcome: r.outcome, reasons: r.reasons },
      }
    : {
        status: 422,
        code: 'GUARD_REFUSED',
        message: `Action refusée : les informations nécessaires pour vérifier « ${label} » sont incomplètes.`,
        details: { ruleset: rulesetId, reasons: [], problems: r.problems },
      };
}

/**
 * The guard rule sets of `t`, in order, on `facts` (the facts of `unknown`
 * not yet given). A rule set that reads no unknown fact runs exactly as when
 * the event is fired: partially, so that a fact the others make irrelevant
 * may be absent, and refused when a fact it needs is missing. One that reads an unknown fact needs every other fact
 * it declares, and is evaluated partially: refused when the facts known
 * settle it unsatisfied or one of them is invalid, open (null) when only
 * unknown facts are missing to settle it.
 */
export function guardVerdict(
  p: Procedure,
  t: Transition,
  facts: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
  evaluateGuard: GuardEvaluator,
): GuardVerdict {
  let open = false;
  for (const rulesetId of t.guard) {
    const declared = p.rules.rulesets[rulesetId]?.facts ?? [];
    if (unknown.size === 0 || !declared.some((f) => unknown.has(f))) {
      // Partial: a fact the facts given make irrelevant may be absent (no counterclaim → no counterclaim value).
      const r = evaluateGuard(rulesetId, guardInput(p, rulesetId, facts), { partial: true });
      if (r.valid && r.satisfied) continue;
      return { ok: false, error: guardRefusal(p, rulesetId, r) };
    }
    const known = Object.fromEntries(Object.entries(facts).filter(([k]) => !unknown.has(k)));
    const input = guardInput(p, rulesetId, known);
    const r = evaluateGuard(rulesetId, input, { partial: true });
    const lacking = declared.some((f) => !unknown.has(f) && input[f] === undefined);
    if (!lacking && r.valid && r.satisfied) continue;
    if (!lacking && !r.valid && r.problems.every((x) => unknown.has(x.field))) {
      open = true;
      continue;
    }
    return { ok: false, error: guardRefusal(p, rulesetId, r) };
  }
  // guard_unless: a rule set that, satisfied, forbids the transition (a referral of right cannot be refused).
  for (const rulesetId of t.guardUnless) {
    const declared = p.rules.rulesets[rulesetId]?.facts ?? [];
    if (unknown.size > 0 && declared.some((f) => unknown.has(f))) {
      open = true;
      continue;
    }
    const r = evaluateGuard(rulesetId, guardInput(p, rulesetId, facts), { partial: true });
    if (r.valid && !r.satisfied) continue;
    return { ok: false, error: unlessRefusal(p, rulesetId, r) };
  }
  return { ok: open ? null : true };
}

function unlessRefusal(p: Procedure, rulesetId: string, r: GuardResult): EngineError {
  const label = p.rules.rulesets[rulesetId]?.label ?? rulesetId;
  if (!r.valid) return guardRefusal(p, rulesetId, r);
  const why = r.reasons.map((x) => x.text).join(' ');
  return {
    status: 422,
    code: 'GUARD_REFUSED',
    message: `Action refusée : ${label} (issue « ${String(r.outcome)} »). ${why}`.trim(),
    details: { ruleset: rulesetId, outcome: r.outcome, reasons: r.reasons, unless: true },
  };
}
