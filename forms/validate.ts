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

function validatorFor(form: Form): ValidateFunction {
  const known = compiled.get(form);
  if (known) return known;
  ajv ??= createAjv();
  // Schemas are compiled without registering their $id: two versions of a procedure may share one.
  const schema = { ...form.schema };
  delete (schema as Record<string, unknown>).$id;
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
