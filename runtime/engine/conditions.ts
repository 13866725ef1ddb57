/**
 * A transition's `when:` condition, on the form data, the case's recorded
 * facts and the context facts: decided by the one evaluator
 * (spec/conditions/). A fact the case does not hold reads `undefined`
 * (`equal` fails, `notEqual` holds, as json-rules-engine with undefined facts
 * allowed); a fact of the wrong type is never compared, and the condition
 * does not hold.
 */
import { type Condition, compileCondition, type Procedure } from '../../spec/index.ts';

/** True when `condition` holds on `facts`. Throws on an operator or parameter the spec lacks (the loader refuses them). */
export function conditionHolds(
  condition: Condition,
  facts: Readonly<Record<string, unknown>>,
  procedure: Procedure,
): boolean {
  return (
    compileCondition(procedure, condition, { absent: 'undefined', where: 'condition when:' }).decide(
      facts,
    ) === true
  );
}
