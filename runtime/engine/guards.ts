/** Guard rule sets are evaluated by rules/ — the one implementation of rule sets (pure, no I/O). */
import { evaluateRuleSet } from '../../rules/index.ts';
import type { Procedure } from '../../spec/index.ts';
import type { GuardEvaluator } from './types.ts';

export const rulesGuards =
  (procedure: Procedure): GuardEvaluator =>
  (id, facts, options) =>
    evaluateRuleSet(procedure, id, facts, options);
