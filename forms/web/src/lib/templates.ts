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
