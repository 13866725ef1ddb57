/**
 * Evaluates a rule set of a loaded procedure: validate the facts, decide each
 * rule with the one evaluator (spec/conditions/), combine them (`all` /
 * `any`), explain the decision with every rule that decided it, its French
 * text and legal basis. Synchronous. The runtime's guards call the same function.
 */
import type { Explanation, Facts, Procedure } from '../spec/index.ts';
import { type CompiledRule, type CompiledRuleSet, compiledRuleSet } from './compile.ts';
import { renderWithFacts } from './explain.ts';
import type { FactProblem } from './facts.ts';

/** Why a decision was taken: a rule (or, when no rule of an `any` set holds, the set itself). */
export interface Reason {
  readonly rule: string;
  /** French, parameters and facts filled in ("…strictement inférieure à 4 000 €"). */
  readonly text: string;
  /** Legal basis, as the spec states it. */
  readonly basis: string;
}

/** One condition of the decision trace: the evaluator's explanation node. */
export type ConditionTrace = Explanation;

export interface RuleTrace {
  readonly rule: string;
  readonly held: boolean;
  readonly conditions: ConditionTrace;
}

export type RuleSetResult =
  | {
      readonly valid: false;
      readonly problems: readonly FactProblem[];
      /** Facts not given that the decision needs (`partial` evaluations; empty otherwise). */
      readonly missing: readonly string[];
    }
  | {
      readonly valid: true;
      readonly satisfied: boolean;
      /** The spec's name for the outcome (`outcomes.satisfied` / `outcomes.unsatisfied`). */
      readonly outcome: string | boolean;
      readonly reasons: readonly Reason[];
      /** Each rule's conditions with the values compared and their results (audit, case journal); empty with `trace: false`. */
      readonly trace: readonly RuleTrace[];
      /** Always empty: a settled decision needs no other fact. */
      readonly missing: readonly string[];
    };

export interface EvaluateOptions {
  /** Build the decision trace (default true); the public decisions, which do not return it, skip it. */
  readonly trace?: boolean;
  /**
   * Facts may be absent (default false: every fact the set reads is required).
   * The decision is given when the facts present settle it; otherwise the
   * result is invalid and `missing` names exactly the facts still needed.
   */
  readonly partial?: boolean;
}

const NO_MISSING: readonly string[] = Object.freeze([]);

function explainDecision(
  c: CompiledRuleSet,
  facts: Facts,
  held: readonly (boolean | null)[],
  satisfied: boolean,
  trace: readonly RuleTrace[],
): RuleSetResult {
  const all = c.ruleset.combine === 'all';
  const cache = new Map<string, string>();
  const reasons: Reason[] = [];
  for (let i = 0; i < c.rules.length; i++) {
    const r = c.rules[i] as CompiledRule;
    // all: satisfied → every rule; not satisfied → one reason per failed rule (procedure.md §1).
    // any: the rules that hold. A rule left unsettled (partial facts) is not cited.
    const cited = all ? satisfied || held[i] === false : held[i] === true;
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
  return {
    valid: true,
    satisfied,
    outcome: satisfied ? c.ruleset.outcomes.satisfied : c.ruleset.outcomes.unsatisfied,
    reasons,
    trace,
    missing: NO_MISSING,
  };
}

/** The set's value from its rules' (three-valued) results. */
function combine(all: boolean, results: readonly (boolean | null)[]): boolean | null {
  let unknown = false;
  for (const r of results) {
    if (r === !all) return !all;
    if (r === null) unknown = true;
  }
  return unknown ? null : all;
}

/** Not settled: the facts still needed (or given with a type no operator admits), as problems. */
function unsettled(c: CompiledRuleSet, facts: Facts, results: readonly (boolean | null)[]): RuleSetResult {
  const missing = new Set<string>();
  const problems: FactProblem[] = [];
  for (let i = 0; i < c.rules.length; i++) {
    if (results[i] !== null) continue;
    const e = (c.rules[i] as CompiledRule).condition.evaluate(facts);
    for (const m of e.missing) missing.add(m);
    for (const x of e.invalid)
      if (!problems.some((p) => p.field === x.fact)) problems.push({ field: x.fact, message: x.message });
  }
  for (const m of missing) problems.push({ field: m, message: `${m} : ce fait est obligatoire et manque` });
  return { valid: false, problems, missing: [...missing] };
}

/**
 * Evaluates the rule set `rulesetId` of `procedure` on `facts`.
 * Compiles once per (procedure, rule set) and caches. Throws a RulesError
 * only when the rule set does not exist; bad facts are returned as problems.
 * @example evaluateRuleSet(p, 'eligibilite', { montant: 800, objets: ['paiement'], matiere: 'consommation' })
 */
export function evaluateRuleSet(
  procedure: Procedure,
  rulesetId: string,
  facts: Record<string, unknown>,
  options: EvaluateOptions = {},
): RuleSetResult {
  const c = compiledRuleSet(procedure, rulesetId);
  const problems = (options.partial ? c.validatePartial : c.validate)(facts);
  if (problems.length > 0) return { valid: false, problems, missing: NO_MISSING };
  const n = c.rules.length;
  const results: (boolean | null)[] = [];
  const trace: RuleTrace[] = [];
  if (options.trace === false) {
    for (let i = 0; i < n; i++) results.push((c.rules[i] as CompiledRule).condition.decide(facts));
  } else {
    for (let i = 0; i < n; i++) {
      const r = c.rules[i] as CompiledRule;
      const e = r.condition.evaluate(facts);
      results.push(e.value);
      trace.push({ rule: r.rule.id, held: e.value === true, conditions: e.explanation });
    }
  }
  const satisfied = combine(c.ruleset.combine === 'all', results);
  if (satisfied === null) return unsettled(c, facts, results);
  return explainDecision(c, facts, results, satisfied, trace);
}
