/**
 * The form's first screen without ajv (issue 15: usable in under 3 s on a slow line; ajv and its
 * plugins are ~40 KB brotli, a third of the page's script). What the first screen needs from ajv
 * is only to decide which fields show: the UI schema's rule conditions and the schema's `if`
 * branches (renderers/required.ts), which the spec's forms write as `const`, `enum`, `properties`,
 * `required`… `EarlyAjv.validate` decides those the way ajv does; validation proper (errors, the
 * spec's defaults) waits for the real ajv, loaded right after (lib/ajv.ts, on demand). A form
 * whose conditions use anything else waits for the real ajv before showing (`earlyEnough`).
 * The server checks every submission anyway.
 */

type Schema = Readonly<Record<string, unknown>>;

/** Keywords `matches` decides exactly as ajv; annotations change nothing. */
const DECIDED = new Set(['const', 'enum', 'properties', 'required', 'not', 'allOf', 'anyOf', 'type']);
const IGNORED = new Set(['title', 'description', '$comment', 'errorMessage', 'default', 'examples']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON values, as ajv's `const` and `enum`. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}

function typeIs(type: string, v: unknown): boolean {
  switch (type) {
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeof v === type;
  }
}

/** Whether `schema` uses only keywords `matches` decides (at every depth). */
export function decidable(schema: unknown): boolean {
  if (typeof schema === 'boolean') return true;
  if (!isObject(schema)) return false;
  return Object.entries(schema).every(([k, v]) => {
    if (IGNORED.has(k)) return true;
    if (!DECIDED.has(k)) return false;
    if (k === 'properties') return isObject(v) && Object.values(v).every(decidable);
    if (k === 'not') return decidable(v);
    if (k === 'allOf' || k === 'anyOf') return Array.isArray(v) && v.every(decidable);
    if (k === 'type')
      return typeof v === 'string' || (Array.isArray(v) && v.every((t) => typeof t === 'string'));
    if (k === 'required') return Array.isArray(v);
    return k !== 'enum' || Array.isArray(v);
  });
}

/** Whether `data` is valid against a `decidable` schema. */
export function matches(schema: unknown, data: unknown): boolean {
  if (typeof schema === 'boolean') return schema;
  const s = schema as Schema;
  if ('const' in s && !equal(s.const, data)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, data))) return false;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeIs(t, data))) return false;
  }
  if (isObject(data)) {
    if (Array.isArray(s.required) && !s.required.every((k) => typeof k === 'string' && data[k] !== undefined))
      return false;
    if (isObject(s.properties))
      for (const [k, sub] of Object.entries(s.properties))
        if (data[k] !== undefined && !matches(sub, data[k])) return false;
  }
  if (s.not !== undefined && matches(s.not, data)) return false;
  if (Array.isArray(s.allOf) && !s.allOf.every((x) => matches(x, data))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => matches(x, data))) return false;
  return true;
}

/** Every schema the first screen's visibility depends on: rule conditions, `if` branches. */
function conditions(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) {
    for (const x of node) conditions(x, out);
  } else if (isObject(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'if') out.push(v);
      if (k === 'condition' && isObject(v) && 'schema' in v) out.push(v.schema);
      conditions(v, out);
    }
  }
  return out;
}

/** Whether the form can show before ajv has come: every condition it holds is `decidable`. */
export function earlyEnough(schema: unknown, uischema: unknown): boolean {
  return conditions([schema, uischema]).every(decidable);
}

/**
 * Stands for ajv until it comes, for a form that is `earlyEnough`: `validate` decides the conditions
 * (what JSON Forms and the renderers ask it), `compile` is never asked (JSON Forms is given
 * `NoValidation` meanwhile) and refuses.
 */
export class EarlyAjv {
  validate(schema: unknown, data: unknown): boolean {
    if (!decidable(schema)) throw new Error('Condition non décidable avant le chargement du validateur.');
    return matches(schema, data);
  }
  compile(): never {
    throw new Error('Le validateur des formulaires n’est pas encore chargé.');
  }
}
