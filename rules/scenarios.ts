/**
 * Runs the drafters' decision scenarios (tests/*.yaml `decisions:`): given
 * facts, the expected outcome, the rules that must motivate it, or the facts
 * that must be refused. Journeys (event sequences) belong to the runtime.
 */
import type { DecisionCase, Procedure } from '../spec/index.ts';
import { evaluateRuleSet, type RuleSetResult } from './evaluate.ts';

/** One scenario's result, located where the drafter wrote it. */
export interface CaseResult {
  readonly name: string;
  /** Spec file (relative to the directory the procedure was loaded from) and position of the case. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly passed: boolean;
  /** One-line French summaries, for the report. */
  readonly expected: string;
  readonly actual: string;
}

export interface ScenarioReport {
  readonly procedure: string;
  readonly version: string;
  readonly cases: readonly CaseResult[];
  readonly passed: number;
  readonly failed: number;
  /** Journeys found in the scenario files; `rules/` does not run them (the runtime does). */
  readonly journeys: number;
}

const list = (xs: readonly string[]) => `[${[...xs].sort().join(', ')}]`;
const sameSet = (a: readonly string[], b: readonly string[]) => list(a) === list(b);

function expectedOf(c: DecisionCase): string {
  if (c.expect.invalid) return `faits refusés ${list(c.expect.invalid)}`;
  const reasons = c.expect.reasons ? `, motifs ${list(c.expect.reasons)}` : '';
  return `issue ${String(c.expect.outcome)}${reasons}`;
}

/** Rules cited by a result, without the stand-in reason an `any` set gives when none holds. */
function citedRules(c: DecisionCase, r: Extract<RuleSetResult, { valid: true }>): string[] {
  return r.reasons.map((x) => x.rule).filter((id) => id !== c.ruleset);
}

function check(c: DecisionCase, r: RuleSetResult): { passed: boolean; actual: string } {
  if (!r.valid) {
    const fields = r.problems.map((p) => p.field);
    const detail = r.problems.map((p) => p.message).join(' | ');
    return {
      passed: c.expect.invalid !== undefined && sameSet(fields, c.expect.invalid),
      actual: `faits refusés ${list(fields)} — ${detail}`,
    };
  }
  const cited = citedRules(c, r);
  const actual = `issue ${String(r.outcome)}, motifs ${list(cited)}`;
  if (c.expect.invalid) return { passed: false, actual };
  const reasonsOk = c.expect.reasons === undefined || sameSet(cited, c.expect.reasons);
  return { passed: r.outcome === c.expect.outcome && reasonsOk, actual };
}

function runCase(procedure: Procedure, c: DecisionCase): CaseResult {
  const at = {
    name: c.name,
    file: c.loc.file,
    line: c.loc.line,
    column: c.loc.column,
    expected: expectedOf(c),
  };
  try {
    const r = evaluateRuleSet(procedure, c.ruleset, { ...c.facts });
    return { ...at, ...check(c, r) };
  } catch (err: unknown) {
    return { ...at, passed: false, actual: `erreur : ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Runs every decision scenario of `procedure`, in file order. */
export function runScenarios(procedure: Procedure): ScenarioReport {
  const cases: CaseResult[] = [];
  for (const file of procedure.tests) {
    for (const c of file.decisions) cases.push(runCase(procedure, c));
  }
  const passed = cases.filter((c) => c.passed).length;
  return {
    procedure: procedure.id,
    version: procedure.version,
    cases,
    passed,
    failed: cases.length - passed,
    journeys: procedure.tests.reduce((n, f) => n + f.journeys.length, 0),
  };
}
