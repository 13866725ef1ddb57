/** `greffe dev`'s refusals, through the real binary: they come before anything is started. */
import { describe, expect, it } from 'vitest';
import { runGreffe } from './helpers/cli.ts';

describe('greffe dev (arguments)', () => {
  it('prints its French help', async () => {
    const r = await runGreffe(['dev', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Aperçu en direct');
    expect(r.stdout).toContain('--port');
  });

  it('refuses a folder without procedures, an invalid port and an unknown option', async () => {
    const empty = await runGreffe(['dev', '--spec', 'docs']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('aucun procedure.yaml trouvé sous « docs »');
    const port = await runGreffe(['dev', '--port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port invalide');
    const unknown = await runGreffe(['dev', '--spéc', 'x']);
    expect(unknown.code).toBe(2);
  });
});
