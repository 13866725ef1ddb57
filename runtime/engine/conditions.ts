/**
 * A transition's `when:` condition, on the form data, the case's recorded
 * facts and the context facts: decided by the one evaluator
 * (spec/conditions/). A fact the case does not hold reads `undefined`
 * (`equal` fails, `notEqual` holds, as json-rules-engine with undefined facts
 * allowed); a fact of the wrong type is never compared, and the condition
 * does not hold.
 */
import { type Condition, compileCondition, type Procedure, UNKNOWN_FACT } from '../../spec/index.ts';

/** True when `condition` holds on `facts`. Throws on an operator or parameter the spec lacks (the loader refuses them). */
export function conditionHolds(
  condition: Condition,
  facts: Readonly<Record<string, unknown>>,
  procedure: Procedure,
): boolean {
  return compiled(procedure, condition).decide(facts) === true;
}

const compiled = (procedure: Procedure, condition: Condition) =>
  compileCondition(procedure, condition, { absent: 'undefined', where: 'condition when:' });

/**
 * `condition` before the facts of `unknown` are given (the fields of a form
 * still to be filled): null when only they could settle it, else what
 * `conditionHolds` answers. The evaluator's three-valued logic decides: `all`
 * is false as soon as one part is false, `any` true as soon as one is true.
 */
export function conditionOutcome(
  condition: Condition,
  facts: Readonly<Record<string, unknown>>,
  unknown: ReadonlySet<string>,
  procedure: Procedure,
): boolean | null {
  if (unknown.size === 0) return conditionHolds(condition, facts, procedure);
  const given: Record<string, unknown> = { ...facts };
  for (const k of unknown) given[k] = UNKNOWN_FACT;
  const e = compiled(procedure, condition).evaluate(given);
  // Not settled only for want of an unknown fact; a known fact of the wrong type refuses, as conditionHolds does.
  return e.value === null && e.invalid.length > 0 ? false : e.value;
}
