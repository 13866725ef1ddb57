/** rules: eligibility, referral and guard rule sets of a procedure, decided by the one evaluator (spec/conditions/) and explained in French. */
export { checkRuleSets } from './check.ts';
export type { RuleIssue } from './check.ts';
export { prepareRuleSets } from './compile.ts';
export { parameterValue, RulesError } from './conditions.ts';
export { decidingRuleSet, evaluateEligibility, evaluateReferral } from './decisions.ts';
export type { DecisionOptions, EligibilityOutput, InvalidFacts, ReferralOutput } from './decisions.ts';
export { evaluateRuleSet } from './evaluate.ts';
export type { ConditionTrace, EvaluateOptions, Reason, RuleSetResult, RuleTrace } from './evaluate.ts';
export { factsSchema } from './facts.ts';
export type { FactProblem } from './facts.ts';
export { CUSTOM_OPERATOR_IMPLEMENTATIONS, everyIn, OPERATOR_SPECS, someIn } from './operators.ts';
export type { CustomOperatorName, OperatorSpec } from './operators.ts';
export { runScenarios } from './scenarios.ts';
export type { CaseResult, ScenarioReport } from './scenarios.ts';
