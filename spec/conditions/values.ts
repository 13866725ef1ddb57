/**
 * What a condition's parts stand for: a `{ param, column? }` value (money →
 * its amount, list → its ids, table → the named column), a fact's `path`
 * inside its value, and the JSON types a fact's schema (rules.yaml `facts:`)
 * declares.
 */
import type { JsonSchema, Parameter } from '../model.ts';
import { type JsonType, jsonType } from './operators.ts';

/** A condition that cannot be compiled (the loader or `greffe test` should have refused it). */
export class ConditionError extends Error {
  constructor(
    readonly code: 'unknown-parameter' | 'unknown-operator',
    message: string,
  ) {
    super(message);
    this.name = 'ConditionError';
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

/** `$.a.b[0]` (the subset of JSONPath json-rules-engine's `path` is used with) → ['a', 'b', '0']. */
export function pathKeys(path: string): string[] {
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\[['"]([^'"]*)['"]\]/g, '.$1')
    .split('.')
    .filter((k) => k !== '');
}

/**
 * Reads `keys` inside a fact value, as json-rules-engine does: a value that
 * is not an object is returned as it is; a key that is not there gives undefined.
 */
export function readPath(value: unknown, keys: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  let v: unknown = value;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** The values a schema allows, when it lists them (`enum`, or `oneOf`/`anyOf` of `const`). */
export function enumValues(s: JsonSchema | undefined): unknown[] | undefined {
  if (!s) return undefined;
  if (Array.isArray(s.enum)) return s.enum;
  for (const key of ['oneOf', 'anyOf'] as const) {
    const b = s[key];
    if (Array.isArray(b) && b.every((x) => x && typeof x === 'object' && 'const' in x)) {
      return b.map((x) => (x as Record<string, unknown>).const);
    }
  }
  return undefined;
}

/** JSON types a fact schema admits, or undefined when it does not say. */
export function schemaTypes(s: JsonSchema | undefined): JsonType[] | undefined {
  if (!s) return undefined;
  const t = s.type;
  const norm = (x: unknown): JsonType => (x === 'integer' ? 'number' : (x as JsonType));
  if (typeof t === 'string') return [norm(t)];
  if (Array.isArray(t)) return t.map(norm);
  const values = enumValues(s);
  return values ? [...new Set(values.map((v) => jsonType(v) ?? 'null'))] : undefined;
}

const TYPE_NAMES: Readonly<Record<JsonType, string>> = {
  number: 'un nombre',
  string: 'un texte',
  boolean: 'true ou false',
  array: 'une liste',
  object: 'un objet',
  null: 'null',
};

/** "montant : doit être un nombre (reçu : « 3999 »)", the wording of rules/facts.ts. */
export function typeMessage(fact: string, expected: readonly JsonType[], received: unknown): string {
  const shown =
    typeof received === 'string' ? `« ${received} »` : (JSON.stringify(received) ?? String(received));
  return `${fact} : doit être ${expected.map((t) => TYPE_NAMES[t]).join(' ou ')} (reçu : ${shown})`;
}
