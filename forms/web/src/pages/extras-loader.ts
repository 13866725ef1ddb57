/** The one chunk of rarely shown citizen pages and widgets (pages/extras.ts), asked for once. */
let extrasModule: Promise<typeof import('./extras.ts')> | undefined;

export function extras(): Promise<typeof import('./extras.ts')> {
  extrasModule ??= import('./extras.ts');
  return extrasModule;
}
