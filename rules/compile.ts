/**
 * Compiles a rule set of a loaded procedure once: fact validators, each
 * rule's conditions (the one evaluator, spec/conditions/), explanation
 * templates, fact formatters. Cached per (procedure, rule set) in
 * a WeakMap on the frozen Procedure, so a reloaded spec gets a fresh compile.
 */
import {
  type CompiledCondition,
  ConditionError,
  compileCondition,
  type Procedure,
  type Rule,
  type RuleSet,
} from '../spec/index.ts';
import { listLabels, moneyFacts, RulesError } from './conditions.ts';
import { compileTemplate, type FactFormatter, factFormatter, type Template } from './explain.ts';
import { compileFactValidator, type FactValidator } from './facts.ts';

export interface CompiledRule {
  readonly rule: Rule;
  readonly condition: CompiledCondition;
  readonly explanation: Template;
  /** Why the rule does not hold; a generic sentence built on the explanation when the spec gives none. */
  readonly failure: Template;
}

export interface CompiledRuleSet {
  readonly procedure: Procedure;
  readonly ruleset: RuleSet;
  readonly rules: readonly CompiledRule[];
  readonly validate: FactValidator;
  /** The same checks, every fact optional: for questions asked one at a time. */
  readonly validatePartial: FactValidator;
  readonly formatters: ReadonlyMap<string, FactFormatter>;
  /** Text of the single reason given when no rule of an `any` set holds. */
  readonly unsatisfied: Template;
  readonly unsatisfiedBasis: string;
}

const cache = new WeakMap<Procedure, Map<string, CompiledRuleSet>>();

/** A rule's conditions compiled by the evaluator; a spec error becomes a RulesError. */
export function conditionOf(
  procedure: Procedure,
  rule: Rule,
  where = `${rule.loc.file}:${rule.loc.line} (règle « ${rule.id} »)`,
): CompiledCondition {
  try {
    return compileCondition(procedure, rule.conditions, { where });
  } catch (err: unknown) {
    if (err instanceof ConditionError) throw new RulesError(err.code, err.message);
    throw err;
  }
}

function compile(procedure: Procedure, ruleset: RuleSet): CompiledRuleSet {
  const declared = Object.keys(procedure.rules.facts);
  const factNames = new Set(declared);
  // A fact is the same in every rule set (rules.yaml declares facts once): look at all of them.
  const leaves = Object.values(procedure.rules.rulesets).flatMap((rs) =>
    rs.rules.flatMap((r) => conditionOf(procedure, r).leaves),
  );
  const currencies = moneyFacts(leaves, procedure);
  const labels = listLabels(leaves, procedure);
  const template = (text: string) => compileTemplate(text, procedure, factNames, currencies);
  const rules = ruleset.rules.map(
    (rule): CompiledRule => ({
      rule,
      condition: conditionOf(procedure, rule),
      explanation: template(rule.explanation),
      failure: template(rule.failure ?? `Condition non remplie : ${rule.explanation}`),
    }),
  );
  const formatters = new Map(
    declared.map(
      (f) => [f, factFormatter(procedure.rules.facts[f], currencies.get(f), labels.get(f))] as const,
    ),
  );
  const bases = [...new Set(ruleset.rules.map((r) => r.basis))];
  return {
    procedure,
    ruleset,
    rules,
    validate: compileFactValidator(procedure.rules, ruleset, { amounts: [...currencies.keys()] }),
    validatePartial: compileFactValidator(procedure.rules, ruleset, {
      partial: true,
      amounts: [...currencies.keys()],
    }),
    formatters,
    unsatisfied: template(
      ruleset.outcomes.unsatisfiedText ?? `Aucune des conditions de « ${ruleset.label} » n’est remplie.`,
    ),
    unsatisfiedBasis: ruleset.basis ?? bases.join(' ; '),
  };
}

/** The compiled rule set `id` of `procedure`; throws a RulesError when it has none by that name. */
export function compiledRuleSet(procedure: Procedure, id: string): CompiledRuleSet {
  let perProcedure = cache.get(procedure);
  if (!perProcedure) {
    perProcedure = new Map();
    cache.set(procedure, perProcedure);
  }
  const hit = perProcedure.get(id);
  if (hit) return hit;
  const ruleset = Object.hasOwn(procedure.rules.rulesets, id) ? procedure.rules.rulesets[id] : undefined;
  if (!ruleset) {
    const known = Object.keys(procedure.rules.rulesets).join(', ') || 'aucun';
    throw new RulesError(
      'unknown-ruleset',
      `La procédure ${procedure.id} ${procedure.version} n’a pas de jeu de règles « ${id} » (jeux déclarés : ${known}).`,
    );
  }
  const compiled = compile(procedure, ruleset);
  perProcedure.set(id, compiled);
  return compiled;
}

/** Compiles every rule set of `procedure` now (e.g. when a server starts), so a broken one fails at once. */
export function prepareRuleSets(procedure: Procedure): void {
  for (const id of Object.keys(procedure.rules.rulesets)) compiledRuleSet(procedure, id);
}
