/**
 * Eligibility decisions per second on the real annex, measured in one run on
 * the same rules and facts: the one evaluator (spec/conditions/) with its full
 * explanation tree — alone, and through rules/ (facts validated, reasons
 * rendered, trace kept) — against bare json-rules-engine; and the evaluator's
 * decision alone against a hand-written JS predicate (the limit).
 */
import { Engine, type NestedCondition, Operator, type TopLevelCondition } from 'json-rules-engine';
import {
  CUSTOM_OPERATOR_IMPLEMENTATIONS,
  decidingRuleSet,
  evaluateEligibility,
  evaluateRuleSet,
  parameterValue,
} from '../rules/index.ts';
import {
  compileCondition,
  type Facts,
  loadProcedure,
  type Procedure,
  type RuleCondition,
} from '../spec/index.ts';
import type { BenchModule, Log } from './run.ts';
import { fmt, opsPerSecond } from './stats.ts';

const FACTS: readonly Record<string, unknown>[] = [
  { montant: 800, objets: ['paiement'], matiere: 'consommation' },
  { montant: 4000, objets: ['paiement'], matiere: 'civile' },
  { montant: 3999.99, objets: ['bien', 'service'], matiere: 'commerciale' },
  { montant: 1800, objets: ['expulsion', 'paiement'], matiere: 'bail_habitation' },
  { montant: 5000, objets: ['licenciement'], matiere: 'travail' },
  { montant: 2600, objets: ['paiement'], matiere: 'travail' },
];

/** Spec condition → json-rules-engine condition, `{ param }` resolved: what a bare integration would write. */
function bare(c: RuleCondition, p: Procedure): NestedCondition {
  if ('all' in c) return { all: c.all.map((x) => bare(x, p)) };
  if ('any' in c) return { any: c.any.map((x) => bare(x, p)) };
  if ('not' in c) return { not: bare(c.not, p) };
  const v = c.value as Record<string, unknown> | undefined;
  const param = typeof v?.param === 'string' ? p.parameters[v.param] : undefined;
  const value = param ? parameterValue(param, typeof v?.column === 'string' ? v.column : undefined) : c.value;
  return { fact: c.fact, operator: c.operator, value };
}

type Predicate = (facts: Facts) => boolean;

/** Operations per second over ~250 ms; `batch` sync calls per measured call for the fast variants. */
async function rate(fn: () => unknown, batch = 1): Promise<number> {
  if (batch === 1) return opsPerSecond(fn, 250);
  const n = await opsPerSecond(() => {
    for (let i = 0; i < batch; i++) fn();
  }, 250);
  return n * batch;
}

export const bench: BenchModule = {
  title: 'Règles : évaluations d’éligibilité par seconde',
  async run(log: Log) {
    const { procedure } = loadProcedure('spec/procedures/petits-litiges/1.0.0');
    if (!procedure) throw new Error('annexe petits-litiges illisible');
    const ELIGIBILITY_RULESET = decidingRuleSet(procedure, 'eligibility');
    const rs = procedure.rules.rulesets[ELIGIBILITY_RULESET];
    const seuil = procedure.parameters.seuil;
    const admis = procedure.parameters.objets_admis;
    if (!rs || seuil?.type !== 'money' || admis?.type !== 'list')
      throw new Error('éligibilité : jeu ou paramètres absents');

    const engine = new Engine([], { allowUndefinedFacts: false });
    for (const [name, fn] of Object.entries(CUSTOM_OPERATOR_IMPLEMENTATIONS))
      engine.addOperator(new Operator(name, fn, Array.isArray));
    for (const r of rs.rules)
      engine.addRule({
        name: r.id,
        conditions: bare(r.conditions, procedure) as TopLevelCondition,
        event: { type: r.id },
      });

    const limit = seuil.value.amount;
    const allowed = new Set(admis.value.map((i) => i.id));
    const byHand: Predicate = (f) =>
      (f.montant as number) < limit && (f.objets as string[]).every((o) => allowed.has(o));
    const compiled = rs.rules.map((r) => compileCondition(procedure, r.conditions));
    const deciders = compiled.map((c) => c.decide);
    /** The decision alone: each rule's closures, types checked, no tree. */
    const decision: Predicate = (f) => {
      for (const d of deciders) if (d(f) !== true) return false;
      return true;
    };
    /** The evaluator with its full explanation tree (and missing and invalid facts), every rule. */
    const explained = (f: Facts) => {
      let all = true;
      const trees = [];
      for (const c of compiled) {
        const e = c.evaluate(f);
        trees.push(e);
        if (e.value !== true) all = false;
      }
      return { all, trees };
    };

    // Every variant must decide as rules/ does, or the comparison means nothing.
    for (const f of FACTS) {
      const ref = evaluateEligibility(procedure, f);
      if (!('eligible' in ref)) throw new Error('faits du banc refusés');
      const run = await engine.run(f);
      const decisions = [run.failureResults.length === 0, byHand(f), decision(f), explained(f).all];
      if (decisions.some((d) => d !== ref.eligible)) throw new Error(`désaccord sur ${JSON.stringify(f)}`);
    }

    let i = 0;
    const next = () => FACTS[i++ % FACTS.length] as Record<string, unknown>;
    const variants: Record<string, () => Promise<number>> = {
      engine: () => rate(() => engine.run(next())),
      rules: () => rate(() => evaluateRuleSet(procedure, ELIGIBILITY_RULESET, next()), 100),
      explained: () => rate(() => explained(next()), 1_000),
      decision: () => rate(() => decision(next()), 10_000),
      hand: () => rate(() => byHand(next()), 10_000),
    };
    // The machine is shared and noisy: interleave the variants over several rounds and keep
    // medians, and each ratio is the median of the ratios measured within the same round.
    const ROUNDS = 7;
    const runs: Record<string, number>[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const round: Record<string, number> = {};
      for (const [name, measure] of Object.entries(variants)) round[name] = await measure();
      runs.push(round);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const ops = (name: string) => median(runs.map((r) => r[name] as number));
    const ratio = (a: string, b: string) => median(runs.map((r) => (r[a] as number) / (r[b] as number)));

    const line = (label: string, name: string, note: string) =>
      log(`${label.padEnd(52)} ${fmt(ops(name)).padStart(12)} /s  ${note}`);
    line('json-rules-engine seul, mêmes règles', 'engine', '1.00× (référence)');
    line(
      'évaluateur + arbre d’explication complet',
      'explained',
      `${ratio('explained', 'engine').toFixed(1)}× json-rules-engine seul`,
    );
    line(
      'rules/ evaluateRuleSet (faits validés, motifs, trace)',
      'rules',
      `${ratio('rules', 'engine').toFixed(1)}× json-rules-engine seul (dont textes français)`,
    );
    line('limite : prédicat JS écrit à la main', 'hand', '1.00× (référence)');
    line(
      'évaluateur, décision seule',
      'decision',
      `${ratio('decision', 'hand').toFixed(2)}× prédicat à la main`,
    );
    const goal = (ok: boolean, text: string) => log(`${ok ? 'objectif tenu' : 'OBJECTIF MANQUÉ'} : ${text}`);
    const tree = ratio('explained', 'engine');
    goal(tree >= 20, `évaluateur avec arbre ${tree.toFixed(1)}× json-rules-engine seul (objectif ≥ 20×)`);
    const withinLimit = ratio('decision', 'hand');
    goal(
      withinLimit >= 0.1,
      `décision seule ${withinLimit.toFixed(2)}× le prédicat à la main (objectif ≥ 0,10, à moins de 10×)`,
    );
  },
};
