/**
 * Turns a spec condition into json-rules-engine's shape: `{ param }` values
 * become the parameter's value (money → its amount, list → its ids, table →
 * the named column), `{ fact }` values stay fact references. A parallel tree
 * remembers where each value came from, for the decision trace.
 */
import type { NestedCondition, TopLevelCondition } from 'json-rules-engine';
import type { Parameter, Procedure, RuleCondition } from '../spec/index.ts';

/** A condition as compiled: the value resolved, its origin kept. */
export type CompiledCondition =
  | { readonly all: readonly CompiledCondition[] }
  | { readonly any: readonly CompiledCondition[] }
  | { readonly not: CompiledCondition }
  | {
      readonly fact: string;
      readonly operator: string;
      /** The value compared with, as the engine sees it (parameters resolved). */
      readonly value: unknown;
      /** Name of the parameter the value comes from, when written `{ param }`. */
      readonly param?: string;
      /** Name of the other fact compared with, when written `{ fact }`. */
      readonly valueFact?: string;
    };

/** A spec that cannot be compiled (the loader should have refused it). */
export class RulesError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RulesError';
  }
}

/** The value a `{ param, column? }` reference stands for in a comparison. */
export function parameterValue(p: Parameter, column?: string): unknown {
  switch (p.type) {
    case 'money':
      return p.value.amount;
    case 'list':
      return p.value.map((item) => item.id);
    case 'table':
      return p.value.map((row) => row[column ?? 'id']);
    default:
      return p.value;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function compileCondition(c: RuleCondition, procedure: Procedure, where: string): CompiledCondition {
  if ('all' in c) return { all: c.all.map((x) => compileCondition(x, procedure, where)) };
  if ('any' in c) return { any: c.any.map((x) => compileCondition(x, procedure, where)) };
  if ('not' in c) return { not: compileCondition(c.not, procedure, where) };
  const v = c.value;
  if (isRecord(v) && typeof v.param === 'string') {
    const p = procedure.parameters[v.param];
    if (!p) throw new RulesError('unknown-parameter', `${where} : le paramètre « ${v.param} » n’existe pas.`);
    const column = typeof v.column === 'string' ? v.column : undefined;
    return { fact: c.fact, operator: c.operator, value: parameterValue(p, column), param: v.param };
  }
  if (isRecord(v) && typeof v.fact === 'string') {
    return { fact: c.fact, operator: c.operator, value: { fact: v.fact }, valueFact: v.fact };
  }
  return { fact: c.fact, operator: c.operator, value: v };
}

/** The compiled condition in json-rules-engine's shape (only the keys it reads). */
export function toEngineCondition(c: CompiledCondition): NestedCondition {
  if ('all' in c) return { all: c.all.map(toEngineCondition) };
  if ('any' in c) return { any: c.any.map(toEngineCondition) };
  if ('not' in c) return { not: toEngineCondition(c.not) };
  return { fact: c.fact, operator: c.operator, value: c.value };
}

export function toTopLevel(c: CompiledCondition): TopLevelCondition {
  const n = toEngineCondition(c);
  // A rule's top condition is all/any/not by the spec schema; a bare fact test is wrapped.
  return 'all' in n || 'any' in n || 'not' in n ? (n as TopLevelCondition) : { all: [n] };
}

type Leaf = Extract<CompiledCondition, { fact: string }>;

/** The fact tests of a condition, in order. */
export function leaves(c: CompiledCondition): Leaf[] {
  if ('all' in c) return c.all.flatMap(leaves);
  if ('any' in c) return c.any.flatMap(leaves);
  if ('not' in c) return leaves(c.not);
  return [c];
}

/**
 * Facts that are amounts, with their currency: those compared with a money
 * parameter, then those compared with such a fact ("4 500 €" rather than "4 500").
 */
export function moneyFacts(
  conditions: readonly CompiledCondition[],
  procedure: Procedure,
): Map<string, string> {
  const out = new Map<string, string>();
  const all = conditions.flatMap(leaves);
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
export function listLabels(
  conditions: readonly CompiledCondition[],
  procedure: Procedure,
): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const c of conditions.flatMap(leaves)) {
    const p = c.param !== undefined ? procedure.parameters[c.param] : undefined;
    const labels = out.get(c.fact) ?? new Map<string, string>();
    if (p?.type === 'list') for (const item of p.value) if (item.label) labels.set(item.id, item.label);
    if (p?.type === 'table')
      for (const row of p.value) if (typeof row.label === 'string') labels.set(row.id, row.label);
    if (labels.size > 0) out.set(c.fact, labels);
  }
  return out;
}
