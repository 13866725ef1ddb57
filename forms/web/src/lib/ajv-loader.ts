/**
 * ajv and its plugins (lib/ajv.ts), fetched once, on demand (lib/early-ajv.ts): asked for as soon
 * as a page loads a form, so that they come before the fonts (lib/fonts.ts waits for them) and the
 * form's buttons, which wait for the validator, are enabled soon after it shows.
 */
import type { ErrorObject } from 'ajv';
import { fontsAfter } from './fonts.ts';

let ajvModule: Promise<typeof import('./ajv.ts')> | undefined;
/** The module once it has come (what needs it synchronously: the French error messages). */
let loaded: typeof import('./ajv.ts') | undefined;

export function loadAjv(): Promise<typeof import('./ajv.ts')> {
  if (!ajvModule) {
    const p = import('./ajv.ts');
    ajvModule = p;
    fontsAfter(p);
    p.then(
      (m) => {
        loaded = m;
      },
      () => {
        // Asked again by the next form (a network failure is reported by the form that waits for it).
        if (ajvModule === p) ajvModule = undefined;
      },
    );
  }
  return ajvModule;
}

/**
 * An ajv error in French (forms/messages.ts). Errors come from ajv, so it is there by then; a
 * message the server wrote itself (a 422's details) is shown as it came if ajv is not.
 */
export function errorMessageFr(error: ErrorObject, root?: unknown): string {
  return loaded ? loaded.messageFr(error, root) : (error.message ?? 'Valeur refusée.');
}
