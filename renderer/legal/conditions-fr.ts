/**
 * Conditions (json-rules-engine shape) read in French, for the legal text:
 * "la réponse à « Acceptez-vous … ? » est « oui »". Fact names become their
 * titles (rules.yaml facts, or the form field a `record` effect reads);
 * each operator reads as the evaluator's operator table phrases it
 * (spec/conditions/operators.ts).
 */
import type { Condition, Procedure, RuleCondition } from '../../spec/index.ts';
import { formatParameter, formatValue, joinFr, operator, renderTemplate } from '../../spec/index.ts';
import { definite, stripStop } from '../french.ts';

/** Facts recorded on the case by `record` effects (as opposed to fields of the act's own form). */
const recorded = new WeakMap<Procedure, Set<string>>();
export const recordedFacts = (p: Procedure): Set<string> => {
  let facts = recorded.get(p);
  if (!facts) {
    facts = new Set(
      p.transitions.flatMap((t) => t.effects.flatMap((e) => (e.kind === 'record' ? [e.fact] : []))),
    );
    recorded.set(p, facts);
  }
  return facts;
};

interface FieldWords {
  readonly title?: unknown;
  readonly title_legal?: unknown;
}

function property(p: Procedure, form: string | undefined, field: string): FieldWords | undefined {
  const props = p.forms[form ?? '']?.schema.properties as Record<string, FieldWords> | undefined;
  return props?.[field];
}

function propertyTitle(p: Procedure, form: string | undefined, field: string): string | undefined {
  const t = property(p, form, field)?.title;
  return typeof t === 'string' ? t : undefined;
}

/**
 * A fact's `title_legal` (text_edition 2): the field's words in the legal text, from the first form
 * field the fact is recorded from. A string names the fact ("les motifs de la demande de renvoi"); an
 * object gives, per value (`oui`/`non`, an enum's const), the proposition a condition states.
 */
export function factLegalWords(
  p: Procedure,
  fact: string,
): string | Readonly<Record<string, string>> | undefined {
  for (const t of p.transitions) {
    for (const e of t.effects) {
      if (e.kind !== 'record' || e.fact !== fact) continue;
      const legal = property(p, t.form, e.from)?.title_legal;
      if (typeof legal === 'string' || (legal && typeof legal === 'object'))
        return legal as string | Record<string, string>;
    }
  }
  return undefined;
}

/** The title a fact is known by: rules.yaml, else the form field it is recorded from, else its name. */
export function factTitle(p: Procedure, fact: string): string {
  const declared = p.rules.facts[fact]?.title;
  if (typeof declared === 'string') return declared;
  for (const t of p.transitions) {
    for (const e of t.effects) {
      if (e.kind !== 'record' || e.fact !== fact) continue;
      const title = propertyTitle(p, t.form, e.from);
      if (title) return title;
    }
  }
  return fact.replace(/_/g, ' ');
}

/** A form field's enum/oneOf label for a value, when the schema gives one. */
function valueLabel(p: Procedure, fact: string, v: unknown): string {
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  const schema = p.rules.facts[fact] as { oneOf?: { const?: unknown; title?: string }[] } | undefined;
  const hit = schema?.oneOf?.find((o) => o.const === v)?.title;
  return hit ?? formatValue(v);
}

function valueFr(p: Procedure, fact: string, v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { param?: string; column?: string; fact?: string };
    if (o.param) {
      const param = p.parameters[o.param];
      return param ? formatParameter(param, 'ou') : o.param;
    }
    if (o.fact) return definite(factTitle(p, o.fact));
  }
  if (Array.isArray(v))
    return joinFr(
      v.map((x) => `« ${valueLabel(p, fact, x)} »`),
      'ou',
    );
  return `« ${valueLabel(p, fact, v)} »`;
}

/** "la réponse à « X ? » est « oui »", "le montant de la demande est strictement inférieur à 4 000 €". */
export function describeCondition(p: Procedure, c: Condition | RuleCondition): string {
  if ('all' in c)
    return joinFr(
      c.all.map((x) => describeCondition(p, x)),
      'et',
    );
  if ('any' in c)
    return joinFr(
      c.any.map((x) => describeCondition(p, x)),
      'ou',
    );
  if ('not' in c) return `il n’est pas vrai que ${describeCondition(p, c.not)}`;
  const title = stripStop(factTitle(p, c.fact));
  const legal = p.textEdition === 2 ? factLegalWords(p, c.fact) : undefined;
  if (legal && typeof legal === 'object' && c.operator === 'equal') {
    const stated = legal[valueLabel(p, c.fact, c.value)] ?? legal[String(c.value)];
    if (stated) return stripStop(renderTemplate(stated, p));
  }
  // A question is a screen's words: edition 2 names the fact by its legal words when the drafter gave them.
  const subject =
    typeof legal === 'string'
      ? definite(stripStop(renderTemplate(legal, p)))
      : title.endsWith('?')
        ? `la réponse à « ${title} »`
        : definite(title);
  return `${subject} ${operator(c.operator)?.phrase ?? c.operator} ${valueFr(p, c.fact, c.value)}`;
}

/** Does the condition read only facts recorded earlier in the case (not the act's own form)? */
export function onRecordedFacts(p: Procedure, c: Condition): boolean {
  const recorded = recordedFacts(p);
  const facts = (x: Condition): string[] =>
    'all' in x
      ? x.all.flatMap(facts)
      : 'any' in x
        ? x.any.flatMap(facts)
        : 'not' in x
          ? facts(x.not)
          : [x.fact];
  return facts(c).every((f) => recorded.has(f));
}
