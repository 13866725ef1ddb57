/** `retention:` (issue 17): how long a case's personal data is kept after closing, with its legal basis. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProcedure } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'greffe-retention-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The mediation fixture with `lines` added after its calendar. */
function withRetention(name: string, lines: string): string {
  // The folders say the procedure's id and version.
  const target = join(dir, name, 'mediation', '1.0.0');
  cpSync('test/fixtures/procedures/mediation/1.0.0', target, { recursive: true });
  const file = join(target, 'procedure.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text.replace(/^calendar: .*$/m, (m) => `${m}\n${lines}`),
  );
  return target;
}

describe('retention:', () => {
  it('is declared by annex 1.1.0 with its basis, and absent from the published 1.0.0', () => {
    const v11 = loadProcedure('spec/procedures/petits-litiges/1.1.0').procedure;
    expect(v11?.retention).toMatchObject({ duration: 'P5Y', basis: expect.stringMatching(/2016\/679/) });
    expect(loadProcedure('spec/procedures/petits-litiges/1.0.0').procedure?.retention).toBeUndefined();
  });

  it('loads a duration and a basis', () => {
    const r = loadProcedure(withRetention('ok', 'retention:\n  duration: P2Y\n  basis: "RGPD, art. 5"'));
    expect(r.procedure?.retention).toEqual({ duration: 'P2Y', basis: 'RGPD, art. 5' });
  });

  it.each([
    ['without basis', 'retention:\n  duration: P2Y', /basis/],
    [
      'with a duration that is not ISO 8601',
      'retention:\n  duration: deux ans\n  basis: "RGPD"',
      /duration|durée/i,
    ],
    ['with an unknown key', 'retention:\n  duration: P2Y\n  basis: "RGPD"\n  apres: cloture', /apres/],
  ])('refuses a declaration %s, at its line, in French', (name, lines, what) => {
    const r = loadProcedure(withRetention(name.replace(/\W+/g, '-'), lines));
    expect(r.procedure).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((d) => `${d.message} ${JSON.stringify(d)}`).join('\n')).toMatch(what);
    expect(errors.some((d) => d.file.endsWith('procedure.yaml') && d.line > 1)).toBe(true);
  });
});
