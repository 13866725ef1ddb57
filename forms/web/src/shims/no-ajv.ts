/**
 * What JSON Forms' core gets for `ajv` and `ajv-formats` (forms/web/build.ts): its `createAjv()`
 * runs only when a form is given no ajv, and ours always is (form/spec-form.tsx, lib/early-ajv.ts).
 * Without this, its static import would put ajv back on the first screen's script.
 */
export default class NoAjv {
  constructor() {
    throw new Error('JSON Forms doit recevoir le validateur de l’application (lib/ajv.ts).');
  }
}
