/**
 * A transition's `when:` condition, evaluated synchronously on the form data,
 * the case's recorded facts and the context facts. Same operators and the
 * same meaning as json-rules-engine (rules/): `{ param }` values read the
 * parameter as rules/ does, `{ fact }` values another fact. A fact the case
 * does not hold is `undefined`: `equal` fails, `notEqual` holds, exactly as
 * json-rules-engine with undefined facts allowed; `explainCondition` says so.
 */
import type { Condition, Procedure } from '../../spec/index.ts';
import { CUSTOM_OPERATOR_IMPLEMENTATIONS, parameterValue } from '../../rules/index.ts';

type Predicate = (fact: unknown, value: unknown) => boolean;

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** json-rules-engine's built-in operators (node_modules/json-rules-engine/dist/engine-default-operators.js). */
const BUILTIN: Readonly<Record<string, Predicate>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  lessThan: (a, b) => num(a) && num(b) && a < b,
  lessThanInclusive: (a, b) => num(a) && num(b) && a <= b,
  greaterThan: (a, b) => num(a) && num(b) && a > b,
  greaterThanInclusive: (a, b) => num(a) && num(b) && a >= b,
  in: (a, b) => list(b).includes(a),
  notIn: (a, b) => !list(b).includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
};

const OPERATORS: Readonly<Record<string, Predicate>> = { ...BUILTIN, ...CUSTOM_OPERATOR_IMPLEMENTATIONS };

/** Reads `$.a.b` (json-rules-engine's `path`) inside a fact value. */
function at(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let v: unknown = value;
  for (const key of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)) {
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

function resolveValue(
  value: unknown,
  facts: Readonly<Record<string, unknown>>,
  procedure: Procedure,
): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ref = value as Record<string, unknown>;
    if (typeof ref.param === 'string') {
      const p = procedure.parameters[ref.param];
      if (!p) throw new Error(`Paramètre « ${ref.param} » inconnu dans une condition when:.`);
      return parameterValue(p, typeof ref.column === 'string' ? ref.column : undefined);
    }
    if (typeof ref.fact === 'string') return facts[ref.fact];
  }
  return value;
}

/** True when `condition` holds on `facts`. Throws on an operator the vocabulary lacks (the loader refuses it). */
export function conditionHolds(
  condition: Condition,
  facts: Readonly<Record<string, unknown>>,
  procedure: Procedure,
): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, facts, procedure));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, facts, procedure));
  if ('not' in condition) return !conditionHolds(condition.not, facts, procedure);
  const op = OPERATORS[condition.operator];
  if (!op) throw new Error(`Opérateur « ${condition.operator} » inconnu dans une condition when:.`);
  return op(at(facts[condition.fact], condition.path), resolveValue(condition.value, facts, procedure));
}
