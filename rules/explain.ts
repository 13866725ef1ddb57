/**
 * Explanation texts: `${nom}` templates from rules.yaml, compiled once per
 * rule set. Parameters are rendered at compile time the French way ("4 000 €",
 * "7 jours"); facts are filled in at each decision, amounts compared with a
 * money parameter read as money, listed values by their label.
 */
import {
  formatMoney,
  formatValue,
  joinFr,
  type JsonSchema,
  type Procedure,
  renderTemplate,
} from '../spec/index.ts';

/** A text split into literal parts and fact names. */
export type Template = readonly (string | { readonly fact: string })[];

const TEMPLATE = /\$\{([^}]*)\}/g;

/**
 * What may follow a money fact in a text and is already part of its reading:
 * "${montant} €" reads "4 500 €", not "4 500 € €".
 */
function unitAfter(currency: string): RegExp {
  const symbol = formatMoney({ amount: 0, currency }).replace(/[\d\s\u00a0\u202f,.]/g, '');
  const escaped = symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = currency === 'EUR' ? '|euros?(?![\\p{L}])' : '';
  return new RegExp(`^[ \\u00a0\\u202f]*(?:${escaped}|${currency}(?![\\p{L}])${words})`, 'u');
}

/**
 * Compiles `text`: parameters are rendered now, the names in `facts` later.
 * `currencies` names the money facts, whose reading includes the currency.
 */
export function compileTemplate(
  text: string,
  procedure: Procedure,
  facts: ReadonlySet<string>,
  currencies: ReadonlyMap<string, string> = new Map(),
): Template {
  const parts: (string | { fact: string })[] = [];
  let last = 0;
  let literal = '';
  for (const m of text.matchAll(TEMPLATE)) {
    const name = (m[1] ?? '').trim();
    literal += text.slice(last, m.index);
    last = m.index + m[0].length;
    if (facts.has(name)) {
      parts.push(literal, { fact: name });
      literal = '';
      const currency = currencies.get(name);
      const unit = currency !== undefined ? unitAfter(currency).exec(text.slice(last)) : null;
      if (unit) last += unit[0].length;
    } else {
      // A parameter (or an unknown name, left visible as written: the loader refuses those).
      literal += renderTemplate(m[0], procedure);
    }
  }
  literal += text.slice(last);
  parts.push(literal);
  return parts.filter((p) => p !== '');
}

export type FactFormatter = (value: unknown) => string;

/** Labels a fact's schema gives its values: `oneOf: [{ const, title }]`, also under `items`. */
function schemaLabels(schema: JsonSchema | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const scan = (s: unknown) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    for (const key of ['oneOf', 'anyOf'] as const) {
      const branches = o[key];
      if (!Array.isArray(branches)) continue;
      for (const b of branches as Record<string, unknown>[]) {
        if (typeof b?.const === 'string' && typeof b.title === 'string') out.set(b.const, b.title);
      }
    }
    if (o.items) scan(o.items);
  };
  scan(schema);
  return out;
}

/** How one fact's value reads in a sentence. */
export function factFormatter(
  schema: JsonSchema | undefined,
  currency: string | undefined,
  listLabels: ReadonlyMap<string, string> | undefined,
): FactFormatter {
  if (currency !== undefined) {
    // Intl formatting is the dearest step of a decision: amounts seen lately are read once.
    const seen = new Map<number, string>();
    return (v) => {
      if (typeof v !== 'number') return formatValue(v);
      let text = seen.get(v);
      if (text === undefined) {
        text = formatMoney({ amount: v, currency });
        if (seen.size >= 1024) seen.clear();
        seen.set(v, text);
      }
      return text;
    };
  }
  const labels = new Map([...(listLabels ?? []), ...schemaLabels(schema)]);
  if (labels.size === 0) return formatValue;
  const one = (x: unknown) => (typeof x === 'string' ? (labels.get(x) ?? x) : formatValue(x));
  return (v) => (Array.isArray(v) ? joinFr(v.map(one)) : one(v));
}

/** Fills a template with the facts, formatting each one at most once per decision. */
export function renderWithFacts(
  template: Template,
  facts: Readonly<Record<string, unknown>>,
  formatters: ReadonlyMap<string, FactFormatter>,
  cache: Map<string, string>,
): string {
  let out = '';
  for (const part of template) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    let text = cache.get(part.fact);
    if (text === undefined) {
      const value = facts[part.fact];
      // A fact the set does not read may be absent (the loader lets texts cite any declared fact).
      text = value === undefined ? '(non renseigné)' : (formatters.get(part.fact) ?? formatValue)(value);
      cache.set(part.fact, text);
    }
    out += text;
  }
  return out;
}
