/**
 * The data a form opens with, beyond what the person saved: empty objects for
 * required groups (so each missing field is reported on its own), and false
 * for the statements shown as a single checkbox (unticked means "no").
 */
import { isQuestion } from '../renderers/boolean-question.ts';

type Schema = {
  type?: unknown;
  const?: unknown;
  title?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};
type Element = {
  type?: string;
  scope?: string;
  label?: unknown;
  options?: { format?: unknown };
  elements?: Element[];
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `data` with an empty object for every required nested object still absent. */
export function withRequiredObjects(schema: Schema, data: unknown): unknown {
  if (data !== undefined && !isObject(data)) return data;
  const out: Record<string, unknown> = { ...(data ?? {}) };
  for (const name of schema.required ?? []) {
    const child = schema.properties?.[name];
    if (child?.type === 'object') out[name] = withRequiredObjects(child, out[name]);
  }
  return out;
}

function controls(el: Element): Element[] {
  if (el.type === 'Control' && el.scope) return [el];
  return (el.elements ?? []).flatMap(controls);
}

/** `data` with false under every checkbox-statement still unanswered (inside objects that exist). */
export function withUncheckedBoxes(schema: Schema, uischema: Element, data: unknown): unknown {
  if (!isObject(data)) return data;
  const out = structuredClone(data);
  for (const c of controls(uischema)) {
    const names = (c.scope as string)
      .split('/')
      .slice(1)
      .filter((_, i) => i % 2 === 1);
    let s: Schema | undefined = schema;
    for (const n of names) s = s?.properties?.[n];
    if (s?.type !== 'boolean' || s.const === true) continue;
    const title = typeof c.label === 'string' ? c.label : (s.title ?? '');
    if (isQuestion(c.options?.format, title, false)) continue;
    let parent: Record<string, unknown> | undefined = out;
    for (const n of names.slice(0, -1))
      parent = isObject(parent?.[n]) ? (parent?.[n] as Record<string, unknown>) : undefined;
    const last = names.at(-1) as string;
    if (parent && parent[last] === undefined) parent[last] = false;
  }
  return out;
}

export function initialData(schema: unknown, uischema: unknown, saved: unknown): unknown {
  return withUncheckedBoxes(
    schema as Schema,
    uischema as Element,
    withRequiredObjects(schema as Schema, saved ?? {}),
  );
}
