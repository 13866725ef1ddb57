/**
 * Operators greffe adds to json-rules-engine, by the name the spec uses
 * (spec/vocabulary.ts `CUSTOM_OPERATORS`). Each is a plain predicate so the
 * same table serves the engine and the checks; docs/regles.md documents them.
 */
import { Operator } from 'json-rules-engine';
import { CUSTOM_OPERATORS } from '../spec/index.ts';

export type CustomOperatorName = (typeof CUSTOM_OPERATORS)[number];
/** json-rules-engine's operators that specs may use; a test checks this matches spec's OPERATORS. */
export type BuiltinOperatorName =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain';

export interface OperatorSpec {
  /** French description for drafters (docs and messages). */
  readonly description: string;
  /** JSON types the fact may have for the operator to make sense. */
  readonly factTypes: readonly JsonType[];
  /** JSON types the compared value may have. */
  readonly valueTypes: readonly JsonType[];
}

export type JsonType = 'number' | 'string' | 'boolean' | 'array' | 'null' | 'object';

const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** `everyIn`: every element of the fact (a list) is one of the value's elements. An empty list holds. */
export function everyIn(fact: unknown, value: unknown): boolean {
  const allowed = asList(value);
  return Array.isArray(fact) && fact.every((x) => allowed.includes(x));
}

/** `someIn`: at least one element of the fact (a list) is one of the value's elements. */
export function someIn(fact: unknown, value: unknown): boolean {
  const wanted = asList(value);
  return Array.isArray(fact) && fact.some((x) => wanted.includes(x));
}

/** Implementations of the custom operators, keyed by their spec name. */
export const CUSTOM_OPERATOR_IMPLEMENTATIONS: Readonly<
  Record<CustomOperatorName, (fact: unknown, value: unknown) => boolean>
> = {
  everyIn,
  someIn,
};

const SCALAR: readonly JsonType[] = ['number', 'string', 'boolean', 'null'];
const NUMBER: readonly JsonType[] = ['number'];
const ARRAY: readonly JsonType[] = ['array'];

/** What every operator a drafter may write expects; the checks in check.ts read this table. */
export const OPERATOR_SPECS: Readonly<Record<BuiltinOperatorName | CustomOperatorName, OperatorSpec>> = {
  equal: { description: 'le fait est égal à la valeur', factTypes: SCALAR, valueTypes: SCALAR },
  notEqual: { description: 'le fait est différent de la valeur', factTypes: SCALAR, valueTypes: SCALAR },
  lessThan: {
    description: 'le fait est strictement inférieur à la valeur',
    factTypes: NUMBER,
    valueTypes: NUMBER,
  },
  lessThanInclusive: {
    description: 'le fait est inférieur ou égal à la valeur',
    factTypes: NUMBER,
    valueTypes: NUMBER,
  },
  greaterThan: {
    description: 'le fait est strictement supérieur à la valeur',
    factTypes: NUMBER,
    valueTypes: NUMBER,
  },
  greaterThanInclusive: {
    description: 'le fait est supérieur ou égal à la valeur',
    factTypes: NUMBER,
    valueTypes: NUMBER,
  },
  in: {
    description: 'le fait (une valeur) est l’un des éléments de la liste',
    factTypes: SCALAR,
    valueTypes: ARRAY,
  },
  notIn: {
    description: 'le fait (une valeur) n’est aucun des éléments de la liste',
    factTypes: SCALAR,
    valueTypes: ARRAY,
  },
  contains: { description: 'le fait (une liste) contient la valeur', factTypes: ARRAY, valueTypes: SCALAR },
  doesNotContain: {
    description: 'le fait (une liste) ne contient pas la valeur',
    factTypes: ARRAY,
    valueTypes: SCALAR,
  },
  everyIn: {
    description:
      'chaque élément du fait (une liste) appartient à la liste donnée ; une liste vide est acceptée',
    factTypes: ARRAY,
    valueTypes: ARRAY,
  },
  someIn: {
    description: 'au moins un élément du fait (une liste) appartient à la liste donnée',
    factTypes: ARRAY,
    valueTypes: ARRAY,
  },
};

/** json-rules-engine Operator objects for the custom operators, to add to every engine. */
export function customEngineOperators(): Operator[] {
  return CUSTOM_OPERATORS.map(
    (name) => new Operator(name, CUSTOM_OPERATOR_IMPLEMENTATIONS[name], Array.isArray),
  );
}
