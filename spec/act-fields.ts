/**
 * The case's facts and the deciding act's answers an act template may print:
 * `${faits.<fact>}` is a fact declared in rules.yaml (its value in the case
 * when the act is issued), `${decision.<field>}` a field of the form of an
 * event that produces the act's document (the judge's reasons, ruling, amount…
 * as the judge wrote them). Names are checked by `greffe validate`
 * (spec/acts.ts, diagnostic `unknown-act-field`); values are printed in French.
 */
import { formatDate } from './format-fr.ts';
import type { JsonSchema, Procedure } from './model.ts';

export const FACT_PREFIX = 'faits.';
export const DECISION_PREFIX = 'decision.';

/** The forms of the events that produce `document`, in spec order, each once. */
export function producingForms(p: Procedure, document: string): string[] {
  const forms = p.transitions
    .filter((t) => t.form && t.effects.some((e) => e.kind === 'produce' && e.document === document))
    .map((t) => t.form as string);
  return [...new Set(forms)];
}

const propertiesOf = (schema: JsonSchema | undefined): Record<string, JsonSchema> => {
  const props = schema?.properties;
  return props && typeof props === 'object' ? (props as Record<string, JsonSchema>) : {};
};

/** The fields `${decision.…}` may name for `document`: every field of a form of an event producing it. */
export function decisionFields(p: Procedure, document: string): Set<string> {
  return new Set(producingForms(p, document).flatMap((f) => Object.keys(propertiesOf(p.forms[f]?.schema))));
}

/** The schema that says how to print a fact: the form field of that name (it has the labels), else rules.yaml's. */
export function factSchema(p: Procedure, fact: string): JsonSchema | undefined {
  for (const form of Object.values(p.forms)) {
    const s = propertiesOf(form.schema)[fact];
    if (s) return s;
  }
  return p.rules.facts[fact];
}

/** The schema of the deciding form's field `field` for `document` (the first producing form that has it). */
export function decisionSchema(p: Procedure, document: string, field: string): JsonSchema | undefined {
  for (const f of producingForms(p, document)) {
    const s = propertiesOf(p.forms[f]?.schema)[field];
    if (s) return s;
  }
  return undefined;
}

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const NUMBER = new Intl.NumberFormat('fr-FR');

function labelOf(schema: JsonSchema | undefined, value: unknown): string | undefined {
  const options = schema?.oneOf;
  if (!Array.isArray(options)) return undefined;
  const hit = options.find((o) => (o as JsonSchema)?.const === value) as JsonSchema | undefined;
  // Form labels may be written with a straight apostrophe; a court act prints the typographic one.
  return typeof hit?.title === 'string' ? hit.title.replace(/'/g, '’') : undefined;
}

/**
 * A value printed in French by its schema: an amount (a number in cents, `multipleOf: 0.01`, or a
 * name beginning with montant/solde) in euros, a choice by its label, a date in words, a yes/no
 * answer as « oui »/« non », a list joined by « ; ». Absent: an empty string.
 *
 * @example formatActValue({ type: 'number', multipleOf: 0.01 }, 1250, 'montant') // '1 250,00 €'
 */
export function formatActValue(schema: JsonSchema | undefined, value: unknown, name = ''): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const items = schema?.items as JsonSchema | undefined;
    return value.map((v) => formatActValue(items, v, name)).join(' ; ');
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') {
    const money = schema?.multipleOf === 0.01 || /^(montant|solde)/.test(name);
    return money ? EUROS.format(value) : NUMBER.format(value);
  }
  if (typeof value === 'string') {
    const label = labelOf(schema, value);
    if (label) return label;
    if (schema?.format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
    return value;
  }
  return '';
}

/** The `${faits.…}` and `${decision.…}` names a template's texts cite, each once. */
export function citedFields(texts: readonly (string | undefined)[]): string[] {
  const names = texts.flatMap((t) =>
    [...(t ?? '').matchAll(/\$\{\s*((?:faits|decision)\.[^}\s]+)\s*\}/g)].map((m) => m[1] as string),
  );
  return [...new Set(names)];
}

/** The schema of a cited field (`faits.x` or `decision.x`) of the act of `document`. */
export function citedSchema(p: Procedure, document: string, name: string): JsonSchema | undefined {
  return name.startsWith(FACT_PREFIX)
    ? factSchema(p, name.slice(FACT_PREFIX.length))
    : decisionSchema(p, document, name.slice(DECISION_PREFIX.length));
}

/**
 * The printed values of the fields an act cites: `faits.x` from the case's facts, `decision.x` from
 * the answers of the event that produced the act.
 */
export function citedValues(
  p: Procedure,
  document: string,
  names: readonly string[],
  facts: Readonly<Record<string, unknown>>,
  answers: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const fact = n.startsWith(FACT_PREFIX);
    const key = n.slice((fact ? FACT_PREFIX : DECISION_PREFIX).length);
    out[n] = formatActValue(citedSchema(p, document, n), (fact ? facts : answers)[key], key);
  }
  return out;
}

/**
 * The claim's object as `${objet}` prints it: the case's fact of that very name, by its label. Generic code
 * names no fact of a procedure: a template whose procedure calls it otherwise cites `${faits.<fait>}`.
 */
export function claimObject(p: Procedure, facts: Readonly<Record<string, unknown>>): string | undefined {
  const text = formatActValue(factSchema(p, 'objet'), facts.objet, 'objet');
  return text === '' ? undefined : text.charAt(0).toLowerCase() + text.slice(1);
}

/** The amount claimed as `${montant}` prints it (the case's fact `montant`, in euros). */
export function claimAmount(facts: Readonly<Record<string, unknown>>): string | undefined {
  return typeof facts.montant === 'number' ? EUROS.format(facts.montant) : undefined;
}
