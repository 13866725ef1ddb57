/**
 * Whether a field must be answered, given the answers so far. JSON Forms only
 * reads the parent object's `required` list; the spec's forms also make a
 * field required by an answer: `if`/`then` (or `else`), inside `allOf` or
 * not, and `dependentRequired` (see the forms' `allOf` in spec/procedures).
 * The field then shows as obligatory as soon as that answer is given, rather
 * than as "(facultatif)" and then refused.
 */
import type { JsonSchema } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import type Ajv from 'ajv';

type Schema = JsonSchema & {
  if?: Schema;
  then?: Schema;
  else?: Schema;
  allOf?: Schema[];
  dependentRequired?: Record<string, string[]>;
};

/** The object schema at a data path ("defendeur", "occupants.0"); undefined where the walk cannot follow. */
function schemaAt(root: Schema, segments: readonly string[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const seg of segments) {
    if (!s || s.$ref) return undefined;
    s = /^\d+$/.test(seg) ? (s.items as Schema | undefined) : (s.properties?.[seg] as Schema | undefined);
  }
  return s?.$ref ? undefined : s;
}

/** Whether `schema`, applied to the object `data`, requires its property `name`. */
export function requires(schema: Schema, name: string, data: unknown, ajv: Ajv): boolean {
  if (schema.required?.includes(name)) return true;
  const present = (k: string) =>
    typeof data === 'object' && data !== null && (data as Record<string, unknown>)[k] !== undefined;
  for (const [k, list] of Object.entries(schema.dependentRequired ?? {}))
    if (present(k) && list.includes(name)) return true;
  if (schema.if) {
    const branch = ajv.validate(schema.if, data ?? {}) ? schema.then : schema.else;
    if (branch && requires(branch, name, data, ajv)) return true;
  }
  return (schema.allOf ?? []).some((s) => requires(s, name, data, ajv));
}

/** Whether the control at data path `path` is required now; JSON Forms' own answer where the walk cannot tell. */
export function requiredNow(root: unknown, data: unknown, path: string, ajv: Ajv): boolean | undefined {
  const segments = path.split('.').filter((s) => s !== '');
  const name = segments.pop();
  if (!name || /^\d+$/.test(name)) return undefined;
  const parent = schemaAt(root as Schema, segments);
  if (!parent) return undefined;
  let value: unknown = data;
  for (const seg of segments) value = (value as Record<string, unknown> | undefined)?.[seg];
  return requires(parent, name, value, ajv);
}

/** `props.required`, made true when the answers given so far require the field. */
export function useRequired(props: {
  readonly path: string;
  readonly required?: boolean | undefined;
}): boolean {
  const ctx = useJsonForms();
  const core = ctx.core;
  if (props.required) return true;
  if (!core?.schema || !core.ajv) return false;
  return requiredNow(core.schema, core.data, props.path, core.ajv as Ajv) ?? false;
}
