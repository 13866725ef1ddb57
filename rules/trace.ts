/**
 * The decision trace: for each rule, each condition with the fact's value,
 * the value it was compared with (and the parameter it came from) and the
 * result — what json-rules-engine records after a run, in plain data, for the
 * case journal and for audit.
 */
import type { RuleResult } from 'json-rules-engine';
import type { CompiledCondition } from './conditions.ts';

export type ConditionTrace =
  | { readonly all: readonly ConditionTrace[]; readonly result: boolean | null }
  | { readonly any: readonly ConditionTrace[]; readonly result: boolean | null }
  | { readonly not: ConditionTrace; readonly result: boolean | null }
  | {
      readonly fact: string;
      readonly operator: string;
      readonly value: unknown;
      readonly param?: string;
      readonly factValue: unknown;
      /** null when the engine did not need to evaluate the condition. */
      readonly result: boolean | null;
    };

export interface RuleTrace {
  readonly rule: string;
  readonly held: boolean;
  readonly conditions: ConditionTrace;
}

type Node = Record<string, unknown>;

const outcome = (n: Node | undefined): boolean | null => (typeof n?.result === 'boolean' ? n.result : null);

/** json-rules-engine leaves `result` unset on some boolean nodes (the top one); derive it from the children. */
function combined(
  kind: 'all' | 'any',
  items: readonly ConditionTrace[],
  r: Node | undefined,
): boolean | null {
  const own = outcome(r);
  if (own !== null) return own;
  let unknown = false;
  for (const x of items) {
    if (x.result === null) unknown = true;
    else if (x.result === (kind === 'any')) return kind === 'any';
  }
  return unknown ? null : kind === 'all';
}

function walkList(
  items: readonly CompiledCondition[],
  r: Node | undefined,
  key: 'all' | 'any',
): ConditionTrace[] {
  const results = r?.[key] as Node[] | undefined;
  const out: ConditionTrace[] = [];
  for (let i = 0; i < items.length; i++) out.push(walk(items[i] as CompiledCondition, results?.[i]));
  return out;
}

function walk(c: CompiledCondition, r: Node | undefined): ConditionTrace {
  if ('all' in c) {
    const all = walkList(c.all, r, 'all');
    return { all, result: combined('all', all, r) };
  }
  if ('any' in c) {
    const any = walkList(c.any, r, 'any');
    return { any, result: combined('any', any, r) };
  }
  if ('not' in c) {
    const not = walk(c.not, r?.not as Node | undefined);
    return { not, result: outcome(r) ?? (not.result === null ? null : !not.result) };
  }
  return {
    fact: c.fact,
    operator: c.operator,
    value: c.valueFact !== undefined ? r?.valueResult : c.value,
    ...(c.param !== undefined && { param: c.param }),
    factValue: r?.factResult,
    result: outcome(r),
  };
}

/** The trace of one rule: our compiled tree walked alongside the engine's result tree (same shape, same order). */
export function traceRule(id: string, condition: CompiledCondition, result: RuleResult): RuleTrace {
  const top = result.conditions as unknown as Node;
  // toTopLevel wraps a bare fact test in `all`; unwrap to keep the trace the spec's shape.
  const node = 'fact' in condition && Array.isArray(top.all) ? (top.all[0] as Node) : top;
  return { rule: id, held: result.result === true, conditions: walk(condition, node) };
}
