/**
 * The one table of condition operators: the ten json-rules-engine names plus
 * greffe's own (spec/vocabulary.ts), each with its predicate, the JSON types
 * it accepts for the fact and for the compared value, a French description
 * (docs/regles.md, diagnostics) and the French phrase the legal text uses
 * ("le montant … est strictement inférieur à 4 000 €").
 *
 * Predicates assume well-typed input (the evaluator checks types first), and
 * give json-rules-engine's answer on it: a property test (oracle.test.ts)
 * compares them on random rule sets.
 */
import type { BUILTIN_OPERATORS, CUSTOM_OPERATORS } from '../vocabulary.ts';

export type JsonType = 'number' | 'string' | 'boolean' | 'array' | 'null' | 'object';
export type BuiltinOperatorName = (typeof BUILTIN_OPERATORS)[number];
export type CustomOperatorName = (typeof CUSTOM_OPERATORS)[number];
export type OperatorName = BuiltinOperatorName | CustomOperatorName;

export interface OperatorSpec {
  readonly test: (fact: unknown, value: unknown) => boolean;
  /** `test` with a constant list value prepared once (a Set), for the hot path; same answers. */
  readonly bind?: (value: readonly unknown[]) => (fact: unknown) => boolean;
  /** JSON types the fact may have for the operator to make sense. */
  readonly factTypes: readonly JsonType[];
  /** JSON types the compared value may have. */
  readonly valueTypes: readonly JsonType[];
  /** French description for drafters (docs and messages). */
  readonly description: string;
  /** French verb phrase between the fact and the value, in the legal text. */
  readonly phrase: string;
}

/** The JSON type of a value (`undefined` for a value JSON cannot hold). */
export function jsonType(v: unknown): JsonType | undefined {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'number' || t === 'string' || t === 'boolean' || t === 'object' ? t : undefined;
}

const NONE: readonly unknown[] = [];
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : NONE);

/** `everyIn`: every element of the fact (a list) is one of the value's elements. An empty list holds. */
export function everyIn(fact: unknown, value: unknown): boolean {
  if (!Array.isArray(fact)) return false;
  const allowed = asList(value);
  for (const x of fact) if (!allowed.includes(x)) return false;
  return true;
}

/** `someIn`: at least one element of the fact (a list) is one of the value's elements. */
export function someIn(fact: unknown, value: unknown): boolean {
  if (!Array.isArray(fact)) return false;
  const wanted = asList(value);
  for (const x of fact) if (wanted.includes(x)) return true;
  return false;
}

const SCALAR: readonly JsonType[] = ['number', 'string', 'boolean', 'null'];
const NUMBER: readonly JsonType[] = ['number'];
const ARRAY: readonly JsonType[] = ['array'];
const arr = (v: unknown): readonly unknown[] => v as readonly unknown[];
// Set.has compares as `includes` does (SameValueZero): unlike `indexOf`, only on NaN, which JSON cannot hold.
const bindIn = (value: readonly unknown[]) => {
  const set = new Set(value);
  return (a: unknown) => set.has(a);
};
const bindEvery = (value: readonly unknown[]) => {
  const set = new Set(value);
  return (a: unknown) => {
    const list = a as readonly unknown[];
    for (let i = 0; i < list.length; i++) if (!set.has(list[i])) return false;
    return true;
  };
};
const bindSome = (value: readonly unknown[]) => {
  const set = new Set(value);
  return (a: unknown) => {
    const list = a as readonly unknown[];
    for (let i = 0; i < list.length; i++) if (set.has(list[i])) return true;
    return false;
  };
};

export const OPERATORS_TABLE: Readonly<Record<OperatorName, OperatorSpec>> = {
  equal: {
    test: (a, b) => a === b,
    factTypes: SCALAR,
    valueTypes: SCALAR,
    description: 'le fait est égal à la valeur',
    phrase: 'est',
  },
  notEqual: {
    test: (a, b) => a !== b,
    factTypes: SCALAR,
    valueTypes: SCALAR,
    description: 'le fait est différent de la valeur',
    phrase: 'n’est pas',
  },
  lessThan: {
    test: (a, b) => (a as number) < (b as number),
    factTypes: NUMBER,
    valueTypes: NUMBER,
    description: 'le fait est strictement inférieur à la valeur',
    phrase: 'est strictement inférieur à',
  },
  lessThanInclusive: {
    test: (a, b) => (a as number) <= (b as number),
    factTypes: NUMBER,
    valueTypes: NUMBER,
    description: 'le fait est inférieur ou égal à la valeur',
    phrase: 'est inférieur ou égal à',
  },
  greaterThan: {
    test: (a, b) => (a as number) > (b as number),
    factTypes: NUMBER,
    valueTypes: NUMBER,
    description: 'le fait est strictement supérieur à la valeur',
    phrase: 'est strictement supérieur à',
  },
  greaterThanInclusive: {
    test: (a, b) => (a as number) >= (b as number),
    factTypes: NUMBER,
    valueTypes: NUMBER,
    description: 'le fait est supérieur ou égal à la valeur',
    phrase: 'est supérieur ou égal à',
  },
  in: {
    test: (a, b) => arr(b).indexOf(a) > -1,
    bind: bindIn,
    factTypes: SCALAR,
    valueTypes: ARRAY,
    description: 'le fait (une valeur) est l’un des éléments de la liste',
    phrase: 'est l’un des suivants :',
  },
  notIn: {
    test: (a, b) => arr(b).indexOf(a) === -1,
    bind: (value) => {
      const isIn = bindIn(value);
      return (a) => !isIn(a);
    },
    factTypes: SCALAR,
    valueTypes: ARRAY,
    description: 'le fait (une valeur) n’est aucun des éléments de la liste',
    phrase: 'n’est aucun des suivants :',
  },
  contains: {
    test: (a, b) => arr(a).indexOf(b) > -1,
    factTypes: ARRAY,
    valueTypes: SCALAR,
    description: 'le fait (une liste) contient la valeur',
    phrase: 'comprend',
  },
  doesNotContain: {
    test: (a, b) => arr(a).indexOf(b) === -1,
    factTypes: ARRAY,
    valueTypes: SCALAR,
    description: 'le fait (une liste) ne contient pas la valeur',
    phrase: 'ne comprend pas',
  },
  everyIn: {
    test: everyIn,
    bind: bindEvery,
    factTypes: ARRAY,
    valueTypes: ARRAY,
    description:
      'chaque élément du fait (une liste) appartient à la liste donnée ; une liste vide est acceptée',
    phrase: 'ne comprend que',
  },
  someIn: {
    test: someIn,
    bind: bindSome,
    factTypes: ARRAY,
    valueTypes: ARRAY,
    description: 'au moins un élément du fait (une liste) appartient à la liste donnée',
    phrase: 'comprend au moins l’un des suivants :',
  },
};

/** The operator named `name`, or undefined when the vocabulary has none by that name. */
export function operator(name: string): OperatorSpec | undefined {
  return Object.hasOwn(OPERATORS_TABLE, name) ? OPERATORS_TABLE[name as OperatorName] : undefined;
}
