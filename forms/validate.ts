/**
 * Server-side validation of form data against the spec's JSON Schema: the same
 * schema JSON Forms checks in the browser, compiled with the ajv the spec
 * language uses, and the same French messages (forms/messages.ts).
 */
import type { ValidateFunction } from 'ajv';
import { createAjv, type Form } from '../spec/index.ts';
import { type FormProblem, problemsFromErrors } from './messages.ts';

export type FormValidation =
  | { readonly valid: true }
  | { readonly valid: false; readonly problems: FormProblem[] };

// One compiled validator per form object; forms are frozen and live as long as their procedure.
const compiled = new WeakMap<Form, ValidateFunction>();
let ajv: ReturnType<typeof createAjv> | undefined;

import { DEFAULT_MAX_TEXT_LENGTH } from './limits.ts';

export { DEFAULT_MAX_TEXT_LENGTH };

const FIXED_FORMATS = new Set(['date', 'date-time', 'time']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `schema` where every string without a maximum, a list of values or a fixed format gets the default maximum. */
function boundStrings(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundStrings);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'enum' || k === 'const' ? v : boundStrings(v);
  const isString = out.type === 'string' || (Array.isArray(out.type) && out.type.includes('string'));
  const fixed = 'enum' in out || 'const' in out || FIXED_FORMATS.has(out.format as string);
  if (isString && !fixed && typeof out.maxLength !== 'number') out.maxLength = DEFAULT_MAX_TEXT_LENGTH;
  return out;
}

function validatorFor(form: Form): ValidateFunction {
  const known = compiled.get(form);
  if (known) return known;
  ajv ??= createAjv();
  // Schemas are compiled without registering their $id: two versions of a procedure may share one.
  const schema = boundStrings(form.schema) as Record<string, unknown>;
  delete schema.$id;
  const validate = ajv.compile(schema);
  compiled.set(form, validate);
  return validate;
}

/**
 * Checks `data` against `form`'s schema. Each problem names its field as a JSON
 * pointer and says in French what to fix.
 *
 * @example validateFormData(procedure.forms.saisine!, { montant: -1 })
 *   // → { valid: false, problems: [{ field: '/montant', message: 'Saisissez un nombre supérieur ou égal à 0.' }, …] }
 */
export function validateFormData(form: Form, data: unknown): FormValidation {
  const validate = validatorFor(form);
  if (validate(data)) return { valid: true };
  const problems = problemsFromErrors(validate.errors ?? [], form.schema);
  // ajv always reports at least one error on failure; keep the promise of a non-empty list anyway.
  return {
    valid: false,
    problems: problems.length ? problems : [{ field: '', message: 'Ce formulaire n’est pas valide.' }],
  };
}
