/**
 * One fact test compiled into two closures: the decision alone, and the
 * decision with its explanation. Types are strict: a fact whose type its
 * schema (rules.yaml `facts:`) or the operator does not admit is invalid
 * input and is never compared (json-rules-engine would compare `"3999"` with
 * `4000` and answer true).
 */
import type { Procedure } from '../model.ts';
import { type JsonType, type OperatorSpec, operator } from './operators.ts';
import { type Explanation, type Facts, type InvalidFact, type Leaf, UNKNOWN_FACT } from './types.ts';
import { ConditionError, parameterValue, pathKeys, readPath, typeMessage } from './values.ts';

/** What a compiled node adds to while it explains. */
export interface Acc {
  readonly missing: string[];
  readonly invalid: InvalidFact[];
}

export interface Node {
  readonly decide: (facts: Facts) => boolean | null;
  readonly explain: (facts: Facts, acc: Acc) => Explanation;
}

export interface LeafContext {
  readonly procedure: Procedure;
  /** Declared JSON types of the procedure's facts (rules.yaml). */
  readonly types: ReadonlyMap<string, readonly JsonType[]>;
  readonly lenient: boolean;
  readonly where: string;
}

type Check = (v: unknown) => boolean;
/** A type test specialised for the common single types (it runs on every fact test). */
const typeCheck = (types: readonly JsonType[]): Check => {
  const only = new Set(types);
  if (only.size === 1 && only.has('number')) return (v) => typeof v === 'number';
  if (only.size === 1 && only.has('string')) return (v) => typeof v === 'string';
  if (only.size === 1 && only.has('array')) return Array.isArray;
  const [num, str, bool, nul, arr, obj] = (
    ['number', 'string', 'boolean', 'null', 'array', 'object'] as const
  ).map((t) => only.has(t));
  return (v) => {
    switch (typeof v) {
      case 'number':
        return num === true;
      case 'string':
        return str === true;
      case 'boolean':
        return bool === true;
      case 'object':
        return v === null ? nul === true : Array.isArray(v) ? arr === true : obj === true;
      default:
        return false;
    }
  };
};
const both = (a: Check | undefined, b: Check): Check => (a ? (v) => a(v) && b(v) : b);
/** A fact's own value: `constructor` is not a fact of `{}`. */
const reader = (k: string): ((f: Facts) => unknown) =>
  k in Object.prototype ? (f) => (Object.hasOwn(f, k) ? f[k] : undefined) : (f) => f[k];
const own = (f: Facts, k: string): unknown => (Object.hasOwn(f, k) ? f[k] : undefined);
const MISSING = Symbol('missing');
const INVALID = Symbol('invalid');
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * json-rules-engine's answer on an undefined fact (a `path` that leads nowhere,
 * or an absent fact read leniently): list and number operators refuse it (false),
 * the others compare it.
 */
const onUndefined = (op: OperatorSpec, value: unknown): boolean =>
  op.factTypes.includes('array') || op.factTypes.every((t) => t === 'number')
    ? false
    : op.test(undefined, value);

/** The static description of a fact test, its `{ param }` resolved. */
export function describeLeaf(c: Leaf & { readonly value: unknown }, ctx: LeafContext): Leaf {
  const v = c.value;
  const base = { fact: c.fact, operator: c.operator, ...(c.path !== undefined && { path: c.path }) };
  if (isRecord(v) && typeof v.param === 'string') {
    const p = Object.hasOwn(ctx.procedure.parameters, v.param)
      ? ctx.procedure.parameters[v.param]
      : undefined;
    if (!p)
      throw new ConditionError(
        'unknown-parameter',
        `${ctx.where} : le paramètre « ${v.param} » n’existe pas.`,
      );
    const column = typeof v.column === 'string' ? v.column : undefined;
    return { ...base, value: parameterValue(p, column), param: v.param, ...(column && { column }) };
  }
  if (isRecord(v) && typeof v.fact === 'string')
    return { ...base, value: { fact: v.fact }, valueFact: v.fact };
  return { ...base, value: v };
}

export function compileLeaf(leaf: Leaf, ctx: LeafContext): Node {
  const op = operator(leaf.operator);
  if (!op)
    throw new ConditionError(
      'unknown-operator',
      `${ctx.where} : l’opérateur « ${leaf.operator} » n’existe pas.`,
    );
  const { fact, valueFact } = leaf;
  const lenient = ctx.lenient;
  const keys = leaf.path !== undefined ? pathKeys(leaf.path) : undefined;
  const declared = ctx.types.get(fact);
  const declaredOk = declared ? typeCheck(declared) : undefined;
  const factOk = typeCheck(op.factTypes);
  const refDeclared = valueFact !== undefined ? ctx.types.get(valueFact) : undefined;
  const valueOk = both(refDeclared ? typeCheck(refDeclared) : undefined, typeCheck(op.valueTypes));
  const constant = valueFact === undefined ? leaf.value : undefined;
  const constantOk = valueFact !== undefined || valueOk(constant);
  const test = op.test;

  /** The fact's value to compare, or a reason not to: MISSING, or INVALID (ill-typed). */
  const read = (f: Facts): unknown => {
    let v = own(f, fact);
    if (v === UNKNOWN_FACT) return MISSING;
    if (v === undefined) return lenient ? undefined : MISSING;
    if (declaredOk && !declaredOk(v)) return INVALID;
    if (keys) v = readPath(v, keys);
    return v === undefined || factOk(v) ? v : INVALID;
  };
  const readValue = (f: Facts): unknown => {
    if (valueFact === undefined) return constantOk ? constant : INVALID;
    const w = own(f, valueFact);
    if (w === UNKNOWN_FACT) return MISSING;
    if (w === undefined) return lenient ? undefined : MISSING;
    return valueOk(w) ? w : INVALID;
  };
  // An undefined value (a `{ fact }` absent, read leniently): json-rules-engine throws on `in`/`notIn`.
  const noUndefinedValue = leaf.operator === 'in' || leaf.operator === 'notIn';
  const compare = (v: unknown, w: unknown): boolean =>
    w === undefined && noUndefinedValue ? false : v === undefined ? onUndefined(op, w) : test(v, w);

  const factOf = reader(fact);
  const check = declaredOk ? both(declaredOk, factOk) : factOk;
  const absentAnswer = lenient && valueFact === undefined && constantOk ? onUndefined(op, constant) : null;
  const bound = op.bind && Array.isArray(constant) ? op.bind(constant) : (v: unknown) => test(v, constant);
  /** The usual test — no path, a constant value — with nothing in between (UNKNOWN_FACT fails every type check: null). */
  const direct = (f: Facts): boolean | null => {
    const v = factOf(f);
    if (v === undefined) return absentAnswer;
    return check(v) ? bound(v) : null;
  };
  const general = (f: Facts): boolean | null => {
    const v = read(f);
    if (v === MISSING || v === INVALID) return null;
    const w = readValue(f);
    if (w === MISSING || w === INVALID) return null;
    return compare(v, w);
  };
  const decide = keys === undefined && valueFact === undefined && constantOk ? direct : general;

  const invalid = (acc: Acc, name: string, expected: readonly JsonType[], received: unknown) =>
    acc.invalid.push({ fact: name, expected, received, message: typeMessage(name, expected, received) });

  const param = leaf.param;
  /** The explanation node, in the shape the condition has (keys known now). */
  const node = (value: unknown, factValue: unknown, result: boolean | null): Explanation =>
    param !== undefined && keys === undefined && valueFact === undefined
      ? { fact, operator: leaf.operator, value, param, factValue, result }
      : {
          fact,
          ...(leaf.path !== undefined && { path: leaf.path }),
          operator: leaf.operator,
          value,
          ...(param !== undefined && { param }),
          ...(valueFact !== undefined && { valueFact }),
          factValue,
          result,
        };
  const explainDirect = (f: Facts, acc: Acc): Explanation => {
    const v = factOf(f);
    let result: boolean | null = null;
    if (v === UNKNOWN_FACT) acc.missing.push(fact);
    else if (v === undefined) {
      if (lenient) result = absentAnswer;
      else acc.missing.push(fact);
    } else if (check(v)) result = bound(v);
    else {
      const wrongWhole = declaredOk !== undefined && !declaredOk(v);
      invalid(acc, fact, wrongWhole ? (declared as readonly JsonType[]) : op.factTypes, v);
    }
    return node(constant, v, result);
  };
  const explainGeneral = (f: Facts, acc: Acc): Explanation => {
    const v = read(f);
    const w = readValue(f);
    let result: boolean | null = null;
    if (v === MISSING) acc.missing.push(fact);
    else if (v === INVALID) {
      const raw = own(f, fact);
      const wrongWhole = declaredOk !== undefined && !declaredOk(raw);
      invalid(acc, fact, wrongWhole ? (declared as readonly JsonType[]) : op.factTypes, raw);
    }
    if (w === MISSING) acc.missing.push(valueFact as string);
    else if (w === INVALID && valueFact !== undefined)
      invalid(acc, valueFact, refDeclared ?? op.valueTypes, own(f, valueFact));
    else if (w === INVALID) invalid(acc, fact, op.valueTypes, constant);
    if (v !== MISSING && v !== INVALID && w !== MISSING && w !== INVALID) result = compare(v, w);
    const value = valueFact === undefined ? constant : w === MISSING || w === INVALID ? own(f, valueFact) : w;
    return node(value, v === MISSING ? undefined : v === INVALID ? own(f, fact) : v, result);
  };
  const explain = decide === direct ? explainDirect : explainGeneral;
  return { decide, explain };
}
