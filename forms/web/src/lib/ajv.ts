/**
 * The browser's ajv: the options of the spec language's `createAjv()` (spec/schema-check.ts,
 * which the server uses through forms/validate.ts) so both sides accept and refuse the same
 * data, plus what JSON Forms needs (`verbose` to map errors to fields, `useDefaults` to fill
 * the spec's default values). A test checks the shared options stay equal.
 */
import Ajv2020 from 'ajv/dist/2020';
import addErrors from 'ajv-errors';
import addFormats from 'ajv-formats';

/**
 * ajv's errors in French (forms/messages.ts, the server's own wording), shipped with the validator:
 * a form has errors only once ajv is there, so the first screen does without them (~2.5 KB brotli).
 */
export { messageFr } from '../../../messages.ts';

/** Validation options shared with spec's createAjv(). */
export const SHARED_AJV_OPTIONS = {
  allErrors: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
  // multipleOf: 0.01 (amounts in cents) compared within 1e-6, not by float division (3999.99 / 0.01 ≠ 399999).
  multipleOfPrecision: 6,
} as const;

export function createBrowserAjv(): Ajv2020 {
  // strict: false here: JSON Forms compiles the UI schema's rule conditions with this instance too,
  // and the spec's forms were already compiled in strict mode by the loader.
  const ajv = new Ajv2020({ ...SHARED_AJV_OPTIONS, strict: false, verbose: true, useDefaults: true });
  addFormats(ajv);
  // The drafter's own French messages (`errorMessage`), as the server gives them (spec addFormLanguage).
  addErrors(ajv);
  return ajv;
}
