/**
 * Validates the facts given to a rule set against the JSON Schemas the spec
 * declares for them (rules.yaml `facts:`), before any rule runs: a rules
 * engine must never decide on a missing or malformed fact. Problems are data,
 * one French message per bad field, naming it.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import localizeFr from 'ajv-i18n/localize/fr';
import { createAjv, type JsonSchema, type Rules, type RuleSet } from '../spec/index.ts';

/** One bad fact: `field` is the fact's name (empty for the facts object itself). */
export interface FactProblem {
  readonly field: string;
  /** French, starts with the field's name: "montant : doit être supérieur ou égal à 0 (reçu : -5)". */
  readonly message: string;
}

export type FactValidator = (facts: unknown) => FactProblem[];

const ajv = createAjv();

/**
 * The schema of a rule set's facts object: every fact the set reads is
 * required; other facts the procedure declares are allowed (and checked), so
 * a caller may pass one set of facts to several rule sets; any other name is
 * refused, which catches typos ("montnat").
 */
export function factsSchema(
  rules: Rules,
  ruleset: RuleSet,
  options: { partial?: boolean; amounts?: readonly string[] } = {},
): JsonSchema {
  return {
    type: 'object',
    properties: withCents(rules.facts, options.amounts ?? []),
    required: options.partial ? [] : [...ruleset.facts],
    additionalProperties: false,
  };
}

/**
 * Facts the rules compare with a money parameter are amounts: in cents, never more than two
 * decimals, whatever the version's own schema says (3,999.999 € is no amount; a published version
 * whose fact schema predates this rule is held to it too, as it compares the fact with money).
 */
function withCents(facts: Rules['facts'], amounts: readonly string[]): Rules['facts'] {
  const out: Record<string, JsonSchema> = { ...facts };
  for (const f of amounts) {
    const s = facts[f] as (JsonSchema & { multipleOf?: number }) | undefined;
    if (s && s.multipleOf === undefined) out[f] = { ...s, multipleOf: 0.01 };
  }
  return out;
}

/**
 * Compiles the validator of a rule set's facts (once; the caller caches it).
 * `partial`: a fact may be absent (the evaluator then says whether it is needed).
 */
export function compileFactValidator(
  rules: Rules,
  ruleset: RuleSet,
  options: { partial?: boolean; amounts?: readonly string[] } = {},
): FactValidator {
  const schema = factsSchema(rules, ruleset, options);
  const validate: ValidateFunction = ajv.compile(schema);
  const others = Object.keys(rules.facts).filter((f) => !ruleset.facts.includes(f));
  const expected =
    ruleset.facts.join(', ') + (others.length > 0 ? ` ; facultatifs : ${others.join(', ')}` : '');
  return (facts) => {
    if (validate(facts)) return [];
    return toProblems(validate.errors ?? [], facts, schema, expected);
  };
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'un nombre',
  integer: 'un nombre entier',
  string: 'un texte',
  boolean: 'true ou false',
  array: 'une liste',
  object: 'un objet',
  null: 'null',
};

/** How a received value is shown back: strings in French quotes, the rest as JSON. */
function show(v: unknown): string {
  if (typeof v === 'string') return `« ${v} »`;
  if (v === undefined) return 'rien';
  return JSON.stringify(v) ?? String(v);
}

const listValues = (values: readonly unknown[]): string =>
  values.map((v) => (typeof v === 'string' ? v : show(v))).join(', ');

function pointer(root: unknown, ref: string): unknown {
  return ref
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      root,
    );
}

/** Keeps the error a person can act on: a failed `oneOf`/`anyOf` rather than each of its branches. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const groups = errors
    .filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')
    .map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => !groups.some((g) => e.schemaPath.startsWith(g)));
}

function describe(e: ErrorObject, value: unknown, schema: JsonSchema): string | undefined {
  const p = e.params as Record<string, unknown>;
  const got = ` (reçu : ${show(value)})`;
  switch (e.keyword) {
    case 'type': {
      const types = String(p.type).split(',');
      return `doit être ${types.map((t) => TYPE_NAMES[t] ?? t).join(' ou ')}${got}`;
    }
    case 'minimum':
      return `doit être supérieur ou égal à ${String(p.limit)}${got}`;
    case 'exclusiveMinimum':
      return `doit être strictement supérieur à ${String(p.limit)}${got}`;
    case 'maximum':
      return `doit être inférieur ou égal à ${String(p.limit)}${got}`;
    case 'exclusiveMaximum':
      return `doit être strictement inférieur à ${String(p.limit)}${got}`;
    case 'multipleOf':
      return p.multipleOf === 0.01
        ? `doit être un montant en euros d’au plus deux décimales (centimes)${got}`
        : `doit être un multiple de ${String(p.multipleOf)}${got}`;
    case 'enum':
      return `doit être l’une des valeurs suivantes : ${listValues(p.allowedValues as unknown[])}${got}`;
    case 'const':
      return `doit valoir ${show(p.allowedValue)}${got}`;
    case 'oneOf':
    case 'anyOf': {
      const branches = pointer(schema, e.schemaPath);
      const consts = Array.isArray(branches)
        ? branches.map((b) => (b as Record<string, unknown>)?.const)
        : [];
      if (consts.length > 0 && consts.every((c) => c !== undefined)) {
        return `doit être l’une des valeurs suivantes : ${listValues(consts)}${got}`;
      }
      return `ne correspond à aucune des formes admises${got}`;
    }
    case 'minItems':
      return p.limit === 1
        ? 'ne doit pas être vide : donnez au moins une valeur'
        : `doit contenir au moins ${String(p.limit)} éléments`;
    case 'maxItems':
      return `doit contenir au plus ${String(p.limit)} éléments`;
    case 'uniqueItems':
      return `ne doit pas contenir deux fois la même valeur (éléments n° ${Number(p.j) + 1} et ${Number(p.i) + 1})`;
    case 'minLength':
      return p.limit === 1 ? 'ne doit pas être vide' : `doit contenir au moins ${String(p.limit)} caractères`;
    case 'maxLength':
      return `doit contenir au plus ${String(p.limit)} caractères`;
    case 'pattern':
      return `n’a pas la forme attendue${got}`;
    case 'format':
      return p.format === 'date'
        ? `doit être une date AAAA-MM-JJ${got}`
        : `doit être au format ${String(p.format)}${got}`;
    case 'required':
      return `la clé « ${String(p.missingProperty)} » manque`;
    case 'additionalProperties':
      return `la clé « ${String(p.additionalProperty)} » n’est pas attendue`;
    default:
      return undefined;
  }
}

/** "l’élément n° 2" / "« ville »": where inside a fact the error is. */
function where(path: readonly string[]): string {
  return path.map((seg) => (/^\d+$/.test(seg) ? `l’élément n° ${Number(seg) + 1}` : `« ${seg} »`)).join(', ');
}

function toProblems(
  errors: readonly ErrorObject[],
  facts: unknown,
  schema: JsonSchema,
  expected: string,
): FactProblem[] {
  const kept = relevant(errors);
  const french = kept.map((e) => ({ ...e }));
  localizeFr(french);
  const byField = new Map<string, string[]>();
  const add = (field: string, text: string) => {
    const list = byField.get(field) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(field, list);
  };
  kept.forEach((e, i) => {
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    const p = e.params as Record<string, unknown>;
    if (path.length === 0) {
      if (e.keyword === 'required')
        return add(String(p.missingProperty), 'ce fait est obligatoire et manque');
      if (e.keyword === 'additionalProperties') {
        return add(
          String(p.additionalProperty),
          `n’est pas un fait connu de cette procédure (faits attendus : ${expected})`,
        );
      }
      if (e.keyword === 'type')
        return add('', `les faits doivent former un objet JSON { "nom": valeur, … } (reçu : ${show(facts)})`);
    }
    const [field = '', ...inner] = path;
    const value = pointer(facts, e.instancePath ? `#${e.instancePath}` : '#');
    const text = describe(e, value, schema) ?? french[i]?.message ?? 'valeur invalide';
    add(field, inner.length > 0 ? `${where(inner)} ${text}` : text);
  });
  return [...byField].map(([field, texts]) => ({
    field,
    message: `${field || 'faits'} : ${texts.join(' ; ')}`,
  }));
}
