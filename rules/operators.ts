/**
 * The operators of the spec language, as rules/ names them. The table itself
 * (predicate, accepted types, French description and phrase) lives in the one
 * evaluator (spec/conditions/operators.ts). json-rules-engine is no longer
 * loaded at run time: it is the evaluator's oracle in tests and the baseline
 * of bench/rules.bench.ts, which give it the custom operators from here.
 */
import {
  CUSTOM_OPERATORS,
  type CustomOperatorName,
  OPERATORS_TABLE,
  type OperatorName,
  type OperatorSpec,
} from '../spec/index.ts';

export type { CustomOperatorName, JsonType, OperatorSpec } from '../spec/index.ts';
export { everyIn, someIn } from '../spec/index.ts';

/** What every operator a drafter may write expects; the checks in check.ts read this table. */
export const OPERATOR_SPECS: Readonly<Record<OperatorName, OperatorSpec>> = OPERATORS_TABLE;

/** Implementations of the custom operators, keyed by their spec name. */
export const CUSTOM_OPERATOR_IMPLEMENTATIONS: Readonly<
  Record<CustomOperatorName, (fact: unknown, value: unknown) => boolean>
> = Object.fromEntries(CUSTOM_OPERATORS.map((name) => [name, OPERATORS_TABLE[name].test])) as Record<
  CustomOperatorName,
  (fact: unknown, value: unknown) => boolean
>;
