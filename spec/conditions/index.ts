/** The one condition evaluator: rule sets (rules/), `when:` conditions and guards (runtime/), legal text (renderer/). */
export { compileCondition, declaredTypes } from './compile.ts';
export {
  everyIn,
  jsonType,
  OPERATORS_TABLE,
  operator,
  someIn,
} from './operators.ts';
export type {
  BuiltinOperatorName,
  CustomOperatorName,
  JsonType,
  OperatorName,
  OperatorSpec,
} from './operators.ts';
export type {
  AnyCondition,
  CompileOptions,
  CompiledCondition,
  Evaluation,
  Explanation,
  Facts,
  InvalidFact,
  Leaf,
  LeafExplanation,
} from './types.ts';
export { UNKNOWN_FACT } from './types.ts';
export { ConditionError, enumValues, parameterValue, schemaTypes } from './values.ts';
