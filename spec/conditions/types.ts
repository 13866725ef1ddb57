/**
 * What the evaluator returns, after Publicodes' model: a value (`nodeValue`),
 * the tree that explains it (`explanation`) and the facts still needed to
 * settle it (`missingVariables`), plus the facts given with a wrong type.
 */
import type { Condition, RuleCondition } from '../model.ts';
import type { JsonType } from './operators.ts';

export type Facts = Readonly<Record<string, unknown>>;

/**
 * A fact's value "not known yet", in either `absent` mode: a test that reads it is not settled
 * (null) and the fact is reported missing. The dashboard gives it to the fields of a form still
 * to be filled, while the case's other absent facts read `undefined` as in a `when:`.
 */
export const UNKNOWN_FACT: unique symbol = Symbol('fait inconnu');

/** A `when:` condition or a rule's conditions: json-rules-engine's format, `{ param }` / `{ fact }` values. */
export type AnyCondition = Condition | RuleCondition;

/** One fact test, as evaluated: the fact's value, what it was compared with, the result. */
export interface LeafExplanation {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  /** The value compared with: the literal, the parameter's value, or the other fact's value. */
  readonly value: unknown;
  /** The parameter the value comes from, when written `{ param }`. */
  readonly param?: string;
  /** The other fact compared with, when written `{ fact }`. */
  readonly valueFact?: string;
  /** The fact's value (after `path`); undefined when not given. */
  readonly factValue: unknown;
  /** null: not settled (a fact missing, or given with a wrong type). */
  readonly result: boolean | null;
}

/** The condition's own shape, each node with its result: which conditions decided. */
export type Explanation =
  | { readonly all: readonly Explanation[]; readonly result: boolean | null }
  | { readonly any: readonly Explanation[]; readonly result: boolean | null }
  | { readonly not: Explanation; readonly result: boolean | null }
  | LeafExplanation;

/** A fact given with a type its schema or its operator does not admit: invalid input, never compared. */
export interface InvalidFact {
  readonly fact: string;
  readonly expected: readonly JsonType[];
  readonly received: unknown;
  /** French, starts with the fact's name. */
  readonly message: string;
}

export interface Evaluation {
  /** true / false, or null when not settled: a fact is missing, or one is invalid. */
  readonly value: boolean | null;
  readonly explanation: Explanation;
  /** Facts not given whose values would settle the result (empty once it is settled), in reading order. */
  readonly missing: readonly string[];
  readonly invalid: readonly InvalidFact[];
}

/** A fact test as written, its value resolved (for checks, labels and docs). */
export interface Leaf {
  readonly fact: string;
  readonly path?: string;
  readonly operator: string;
  /** The value compared with (parameter resolved); `{ fact }` for a fact reference. */
  readonly value: unknown;
  readonly param?: string;
  readonly column?: string;
  readonly valueFact?: string;
}

export interface CompiledCondition {
  /** Fact tests in reading order. */
  readonly leaves: readonly Leaf[];
  /** Facts the condition reads (tests and `{ fact }` values), in reading order, once each. */
  readonly facts: readonly string[];
  /**
   * The decision alone, for hot paths: true / false, or null when a fact it
   * reads is missing or ill-typed. Short-circuits, so a fact it did not need
   * is not read; `evaluate` says which facts are missing or invalid.
   */
  readonly decide: (facts: Facts) => boolean | null;
  /** The decision with its explanation tree, missing facts and invalid facts. */
  readonly evaluate: (facts: Facts) => Evaluation;
}

export interface CompileOptions {
  /**
   * How an absent fact reads. `missing` (rule sets): its value is unknown
   * until given, and it is reported missing. `undefined` (a transition's
   * `when:`): it is `undefined`, as json-rules-engine with undefined facts
   * allowed (`equal` fails, `notEqual` holds). Default `missing`.
   */
  readonly absent?: 'missing' | 'undefined';
  /** Where the condition is written, for error messages ("rules.yaml:12 (règle « x »)"). */
  readonly where?: string;
}
