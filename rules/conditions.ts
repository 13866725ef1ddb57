/**
 * What rules/ reads from a rule set's fact tests (compiled by the one
 * evaluator, spec/conditions/): which facts are amounts and in what currency,
 * which values have labels — for the French explanations.
 */
import type { Leaf, Procedure } from '../spec/index.ts';

export { parameterValue } from '../spec/index.ts';

/** A rule set that cannot be compiled or does not exist (the loader should have refused it). */
export class RulesError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RulesError';
  }
}

/**
 * Facts that are amounts, with their currency: those compared with a money
 * parameter, then those compared with such a fact ("4 500 €" rather than "4 500").
 */
export function moneyFacts(leaves: readonly Leaf[], procedure: Procedure): Map<string, string> {
  const out = new Map<string, string>();
  const all = leaves;
  for (const c of all) {
    const p = c.param !== undefined ? procedure.parameters[c.param] : undefined;
    if (p?.type === 'money') out.set(c.fact, p.value.currency);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of all) {
      if (c.valueFact === undefined) continue;
      for (const [from, to] of [
        [c.fact, c.valueFact],
        [c.valueFact, c.fact],
      ] as const) {
        const currency = out.get(from);
        if (currency !== undefined && !out.has(to)) {
          out.set(to, currency);
          changed = true;
        }
      }
    }
  }
  return out;
}

/** Labels of the values a fact is compared with through list or table parameters (fact → id → label). */
export function listLabels(leaves: readonly Leaf[], procedure: Procedure): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const c of leaves) {
    const p = c.param !== undefined ? procedure.parameters[c.param] : undefined;
    const labels = out.get(c.fact) ?? new Map<string, string>();
    if (p?.type === 'list') for (const item of p.value) if (item.label) labels.set(item.id, item.label);
    if (p?.type === 'table')
      for (const row of p.value) if (typeof row.label === 'string') labels.set(row.id, row.label);
    if (labels.size > 0) out.set(c.fact, labels);
  }
  return out;
}
