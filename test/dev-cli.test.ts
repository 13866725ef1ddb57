/**
 * `greffe dev`'s refusals: they come before anything is started. The first refusal goes through
 * the real binary (its exit code as a shell sees it); the others call the command's main() in the
 * test's process.
 */
import { describe, expect, it } from 'vitest';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';

describe('greffe dev (arguments)', () => {
  it('prints its French help', async () => {
    const r = await runGreffeHere(['dev', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Aperçu en direct');
    expect(r.stdout).toContain('--port');
  });

  it('refuses a folder without procedures, an invalid port and an unknown option', async () => {
    const empty = await runGreffe(['dev', '--spec', 'docs']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('aucun procedure.yaml trouvé sous « docs »');
    const port = await runGreffeHere(['dev', '--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port invalide');
    const unknown = await runGreffeHere(['dev', '--spéc', 'x']);
    expect(unknown.code).toBe(2);
  });
});
