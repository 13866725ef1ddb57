/**
 * ajv and its plugins (lib/ajv.ts), fetched once, on demand (lib/early-ajv.ts): asked for as soon
 * as a page loads a form, so that they come before the fonts (lib/fonts.ts waits for them) and the
 * form's buttons, which wait for the validator, are enabled soon after it shows.
 */
import { fontsAfter } from './fonts.ts';

let ajvModule: Promise<typeof import('./ajv.ts')> | undefined;

export function loadAjv(): Promise<typeof import('./ajv.ts')> {
  if (!ajvModule) {
    const p = import('./ajv.ts');
    ajvModule = p;
    fontsAfter(p);
    p.catch(() => {
      // Asked again by the next form (a network failure is reported by the form that waits for it).
      if (ajvModule === p) ajvModule = undefined;
    });
  }
  return ajvModule;
}
