/**
 * Evaluates a rule set of a loaded procedure: validate the facts, run the
 * rules (json-rules-engine), combine them (`all` / `any`), explain the
 * decision with every rule that decided it, its French text and legal basis.
 * The runtime's guards call the same function: one implementation only.
 */
import type { RuleResult } from 'json-rules-engine';
import type { Procedure } from '../spec/index.ts';
import { type CompiledRule, type CompiledRuleSet, compiledRuleSet } from './compile.ts';
import { renderWithFacts } from './explain.ts';
import type { FactProblem } from './facts.ts';
import { type RuleTrace, traceRule } from './trace.ts';

/** Why a decision was taken: a rule (or, when no rule of an `any` set holds, the set itself). */
export interface Reason {
  readonly rule: string;
  /** French, parameters and facts filled in ("…strictement inférieure à 4 000 €"). */
  readonly text: string;
  /** Legal basis, as the spec states it. */
  readonly basis: string;
}

export type RuleSetResult =
  | { readonly valid: false; readonly problems: readonly FactProblem[] }
  | {
      readonly valid: true;
      readonly satisfied: boolean;
      /** The spec's name for the outcome (`outcomes.satisfied` / `outcomes.unsatisfied`). */
      readonly outcome: string | boolean;
      readonly reasons: readonly Reason[];
      /** Each rule's conditions with the values compared and their results (audit, case journal); empty with `trace: false`. */
      readonly trace: readonly RuleTrace[];
    };

export interface EvaluateOptions {
  /** Build the decision trace (default true); the public decisions, which do not return it, skip it. */
  readonly trace?: boolean;
}

// Hot path: plain loops rather than callbacks (tsx wraps every function it creates at run time).
function decide(
  c: CompiledRuleSet,
  facts: Record<string, unknown>,
  results: Map<string, RuleResult>,
  withTrace: boolean,
): RuleSetResult {
  const all = c.ruleset.combine === 'all';
  const held: boolean[] = [];
  let holding = 0;
  for (const r of c.rules) {
    const h = results.get(r.rule.id)?.result === true;
    held.push(h);
    if (h) holding++;
  }
  const satisfied = all ? holding === c.rules.length : holding > 0;
  const cache = new Map<string, string>();
  const reasons: Reason[] = [];
  for (let i = 0; i < c.rules.length; i++) {
    const r = c.rules[i] as CompiledRule;
    // all: satisfied → every rule; not satisfied → one reason per failed rule (procedure.md §1).
    // any: the rules that hold.
    const cited = all ? satisfied || !held[i] : held[i];
    if (!cited) continue;
    const template = all && !satisfied ? r.failure : r.explanation;
    reasons.push({
      rule: r.rule.id,
      text: renderWithFacts(template, facts, c.formatters, cache),
      basis: r.rule.basis,
    });
  }
  if (!all && !satisfied) {
    // No rule holds: the citizen still gets a sentence saying why.
    reasons.push({
      rule: c.ruleset.id,
      text: renderWithFacts(c.unsatisfied, facts, c.formatters, cache),
      basis: c.unsatisfiedBasis,
    });
  }
  const trace: RuleTrace[] = [];
  if (withTrace)
    for (const r of c.rules)
      trace.push(traceRule(r.rule.id, r.condition, results.get(r.rule.id) as RuleResult));
  return {
    valid: true,
    satisfied,
    outcome: satisfied ? c.ruleset.outcomes.satisfied : c.ruleset.outcomes.unsatisfied,
    reasons,
    trace,
  };
}

/**
 * Evaluates the rule set `rulesetId` of `procedure` on `facts`.
 * Compiles once per (procedure, rule set) and caches. Throws a RulesError
 * only when the rule set does not exist; bad facts are returned as problems.
 * @example await evaluateRuleSet(p, 'eligibilite', { montant: 800, objets: ['paiement'], matiere: 'consommation' })
 */
export async function evaluateRuleSet(
  procedure: Procedure,
  rulesetId: string,
  facts: Record<string, unknown>,
  options: EvaluateOptions = {},
): Promise<RuleSetResult> {
  const c = compiledRuleSet(procedure, rulesetId);
  const problems = c.validate(facts);
  if (problems.length > 0) return { valid: false, problems };
  const run = await c.pool.run(facts);
  const results = new Map<string, RuleResult>();
  for (const r of run.results) results.set(r.name, r);
  for (const r of run.failureResults) results.set(r.name, r);
  return decide(c, facts, results, options.trace !== false);
}
