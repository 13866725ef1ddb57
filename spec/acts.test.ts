/** Act templates: the checker points a drafter at the exact file:line:col of a wrong name. */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyAnnexWithActs, editSpec, positionOf } from '../test/helpers/spec-copy.ts';
import { fillAct, loadActTemplates } from './acts.ts';
import { loadProcedure } from './load.ts';

function load(dir: string) {
  const { procedure, diagnostics } = loadProcedure(dir);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!procedure) throw new Error('procédure non chargée');
  return loadActTemplates(procedure);
}

describe('act templates', () => {
  it('loads every template written for the annex, one per court act, with no diagnostic', () => {
    const { acts, diagnostics } = load(copyAnnexWithActs());
    expect(diagnostics).toEqual([]);
    expect(acts.map((a) => a.id)).toContain('convocation');
    expect(acts.find((a) => a.id === 'acte_signification_jugement')?.remedies).toBe(true);
    expect(acts.find((a) => a.id === 'convocation')?.accessCode).toBe(true);
    expect(acts.length).toBeGreaterThanOrEqual(14);
  });

  it('reports an unknown ${…} name at its file:line:col, with the closest name', () => {
    const dir = copyAnnexWithActs();
    const text = editSpec(dir, 'acts/convocation.yaml', 'numéro ${rg}', 'numéro ${rgg}');
    const { acts, diagnostics } = load(dir);
    const pos = positionOf(text, '${rgg}');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'unknown-act-name',
      severity: 'error',
      file: relative(process.cwd(), join(dir, 'acts/convocation.yaml')),
      ...pos,
    });
    expect(diagnostics[0]?.hint).toContain('${rg}');
    expect(acts.map((a) => a.id)).not.toContain('convocation');
  });

  it('finds the second of two names in a block paragraph', () => {
    const dir = copyAnnexWithActs();
    const body = 'paragraphs:\n  - |\n    Le ${tribunal} convoque\n    ${defendeur} et ${inconnu}.\n';
    writeFileSync(join(dir, 'acts/ordonnance.yaml'), `document: ordonnance\nsignatory: juge\n${body}`);
    const { diagnostics } = load(dir);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unknown-act-name', 6, 21]]);
  });

  it('refuses an unknown document, role or key', () => {
    const dir = copyAnnexWithActs();
    editSpec(dir, 'acts/ordonnance.yaml', 'signatory: juge', 'signatory: jug');
    editSpec(dir, 'acts/convocation.yaml', 'access_code: true', 'code: true');
    const { diagnostics } = load(dir);
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['act-schema', 'unknown-role']);
    expect(diagnostics.find((d) => d.code === 'unknown-role')?.hint).toContain('juge');
  });

  it('fills case data first, then parameters, and leaves an unknown name visible', () => {
    const out = fillAct('${rg} ${seuil} ${x}', { rg: '27/1' }, (n) =>
      n === 'seuil' ? '4 000 €' : undefined,
    );
    expect(out).toBe('27/1 4 000 € ${x}');
  });
});
