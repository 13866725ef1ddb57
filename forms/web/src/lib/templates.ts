/**
 * Fills `${parametre}` in the spec's texts with the parameter's French
 * rendering ("4 000 €", "15 jours") from the procedure view, for any text the
 * server sent unrendered. Unknown names are left as written.
 */
import type { ProcedureView } from './api-schema.gen.ts';

export function parameterTexts(p: ProcedureView): Record<string, string> {
  return Object.fromEntries(p.parameters.map((x) => [x.id, x.text]));
}

export function fillText(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([a-z][a-z0-9_]*)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** A deep copy of `value` with every string's templates filled. */
export function fillTemplates<T>(value: T, params: Readonly<Record<string, string>>): T {
  if (typeof value === 'string') return fillText(value, params) as T;
  if (Array.isArray(value)) return value.map((v) => fillTemplates(v, params)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplates(v, params)])) as T;
  }
  return value;
}

type Node = { description?: unknown; oneOf?: unknown; enum?: unknown; items?: unknown; properties?: unknown };

/** The stored values a field's options can take (`oneOf: [{ const }]`, `enum`, the same on `items`). */
function optionKeys(s: Node): string[] {
  const own = [
    ...(Array.isArray(s.oneOf) ? s.oneOf.map((o: { const?: unknown }) => o?.const) : []),
    ...(Array.isArray(s.enum) ? s.enum : []),
  ].filter((k): k is string => typeof k === 'string' && k.length > 0);
  return s.items && typeof s.items === 'object' ? [...own, ...optionKeys(s.items as Node)] : own;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A deep copy of a JSON schema whose fields' descriptions no longer show their options' stored keys in
 * parentheses ("le paiement d'une somme (paiement)" → "le paiement d'une somme"): a key is for the machine,
 * the citizen reads the option's label (issue 15, point 9).
 */
export function withoutOptionKeys<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map((x) => withoutOptionKeys(x)) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === 'const' || k === 'enum' ? v : withoutOptionKeys(v)]),
  ) as Node;
  const keys = optionKeys(out);
  if (typeof out.description === 'string' && keys.length > 0) {
    const re = new RegExp(`\\s*\\((?:${keys.map(escapeRe).join('|')})\\)`, 'g');
    out.description = out.description.replace(re, '');
  }
  return out as T;
}
