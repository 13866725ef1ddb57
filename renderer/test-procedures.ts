/** The two procedures the renderer's tests run on, loaded once per test file: the real annex and the mediation fixture. */
import { loadProcedure, type Procedure } from '../spec/index.ts';

export const ANNEX = 'spec/procedures/petits-litiges/1.0.0';
export const MEDIATION = 'test/fixtures/procedures/mediation/1.0.0';

/** Loads a procedure version; throws with every diagnostic when it does not load. */
export function loadOrThrow(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure)
    throw new Error(`${dir} ne se charge pas :\n${diagnostics.map((d) => d.message).join('\n')}`);
  return procedure;
}

/** A copy of `p` with other parameter values (plain data: the model is frozen, so this builds a new object). */
export function withParameters(
  p: Procedure,
  change: (param: Procedure['parameters'][string]) => Procedure['parameters'][string],
): Procedure {
  return {
    ...p,
    parameters: Object.fromEntries(Object.entries(p.parameters).map(([k, v]) => [k, change(v)])),
  };
}
