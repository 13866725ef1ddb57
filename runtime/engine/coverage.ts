/**
 * What the drafters' scenarios exercise (`greffe test --coverage`): each event
 * of the procedure fired by a journey (an act, or a deadline's expiry), each
 * transition of the spec that carried one (an event with several transitions —
 * the first or the second signature, a refusal leading elsewhere — has each
 * branch counted), and
 * each branch of each rule as the one evaluator explains it — the rule held,
 * the rule did not hold — in a decision scenario or a guard a journey met.
 */
import { evaluateRuleSet, type RuleSetResult } from '../../rules/index.ts';
import type { Procedure } from '../../spec/index.ts';
import { runJourney } from './journeys.ts';
import type { GuardEvaluator } from './types.ts';

/** A rule's two branches, as the coverage report names them. */
export type Branch = `${string}.${string}:${'retenue' | 'écartée'}`;

export interface ScenarioCoverage {
  /** Every event of the procedure, in the spec's order. */
  readonly events: readonly string[];
  readonly firedEvents: ReadonlySet<string>;
  /** Every transition of the procedure, by its index in the spec (`Transition.index`). */
  readonly transitions: readonly number[];
  readonly firedTransitions: ReadonlySet<number>;
  /** Every rule branch: `ruleset.rule:retenue` and `ruleset.rule:écartée`. */
  readonly branches: readonly Branch[];
  readonly coveredBranches: ReadonlySet<Branch>;
}

const branchesOf = (rulesetId: string, r: RuleSetResult): Branch[] =>
  r.valid ? r.trace.map((t): Branch => `${rulesetId}.${t.rule}:${t.held ? 'retenue' : 'écartée'}`) : [];

/** Runs every decision scenario and journey of `p`, recording what they exercise. */
export function scenarioCoverage(p: Procedure): ScenarioCoverage {
  const events = [...new Set(p.transitions.map((t) => t.event))];
  const branches = Object.values(p.rules.rulesets).flatMap((rs) =>
    rs.rules.flatMap((r): Branch[] => [`${rs.id}.${r.id}:retenue`, `${rs.id}.${r.id}:écartée`]),
  );
  const firedEvents = new Set<string>();
  const firedTransitions = new Set<number>();
  const coveredBranches = new Set<Branch>();
  const record = (id: string, r: RuleSetResult) => {
    for (const b of branchesOf(id, r)) coveredBranches.add(b);
  };
  for (const f of p.tests) {
    // The loader checked each scenario's rule set exists; facts the evaluator refuses cover nothing.
    for (const c of f.decisions)
      record(c.ruleset, evaluateRuleSet(p, c.ruleset, { ...c.facts }, { trace: true }));
  }
  const guards: GuardEvaluator = (id, facts, options) => {
    const r = evaluateRuleSet(p, id, facts, { ...options, trace: true });
    record(id, r);
    return r;
  };
  for (const f of p.tests)
    for (const j of f.journeys)
      runJourney(p, j, undefined, {
        guards,
        fired: (e, t) => {
          firedEvents.add(e);
          firedTransitions.add(t.index);
        },
      });
  const transitions = p.transitions.map((t) => t.index);
  return { events, firedEvents, transitions, firedTransitions, branches, coveredBranches };
}

/** The events, transitions (indexes) and branches no scenario exercises, in the spec's order. */
export function uncovered(c: ScenarioCoverage): {
  events: string[];
  transitions: number[];
  branches: Branch[];
} {
  return {
    events: c.events.filter((e) => !c.firedEvents.has(e)),
    transitions: c.transitions.filter((t) => !c.firedTransitions.has(t)),
    branches: c.branches.filter((b) => !c.coveredBranches.has(b)),
  };
}
