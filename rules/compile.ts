/**
 * Compiles a rule set of a loaded procedure once: fact validator, engines,
 * explanation templates, fact formatters. Cached per (procedure, rule set) in
 * a WeakMap on the frozen Procedure, so a reloaded spec gets a fresh compile.
 */
import type { Procedure, Rule, RuleSet } from '../spec/index.ts';
import {
  type CompiledCondition,
  compileCondition,
  listLabels,
  moneyFacts,
  RulesError,
  toTopLevel,
} from './conditions.ts';
import { EnginePool } from './engine-pool.ts';
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
  readonly pool: EnginePool;
  readonly formatters: ReadonlyMap<string, FactFormatter>;
  /** Text of the single reason given when no rule of an `any` set holds. */
  readonly unsatisfied: Template;
  readonly unsatisfiedBasis: string;
}

const cache = new WeakMap<Procedure, Map<string, CompiledRuleSet>>();

function compile(procedure: Procedure, ruleset: RuleSet): CompiledRuleSet {
  const declared = Object.keys(procedure.rules.facts);
  const factNames = new Set(declared);
  const where = (r: Rule) => `${r.loc.file}:${r.loc.line} (règle « ${r.id} »)`;
  // A fact is the same in every rule set (rules.yaml declares facts once): look at all of them.
  const conditions = Object.values(procedure.rules.rulesets).flatMap((rs) =>
    rs.rules.map((r) => compileCondition(r.conditions, procedure, where(r))),
  );
  const currencies = moneyFacts(conditions, procedure);
  const labels = listLabels(conditions, procedure);
  const template = (text: string) => compileTemplate(text, procedure, factNames, currencies);
  const rules = ruleset.rules.map(
    (rule): CompiledRule => ({
      rule,
      condition: compileCondition(rule.conditions, procedure, where(rule)),
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
    validate: compileFactValidator(procedure.rules, ruleset),
    pool: new EnginePool(
      rules.map((r) => ({
        name: r.rule.id,
        conditions: toTopLevel(r.condition),
        event: { type: r.rule.id },
      })),
    ),
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
