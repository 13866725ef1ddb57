/**
 * The act of service's statement of remedies (CPC art. 680) in the rendered PDF: written from the typed
 * remedies of annex 1.2.0 (language v2, which ships the act templates), restricted to those open against the judgment's character.
 * Real pdf-lib rendering, read back with poppler's pdftotext.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ANNEX_ACTS_DIR, copyAnnexWithActs } from '../../test/helpers/spec-copy.ts';
import { loadActTemplates } from '../../spec/acts.ts';
import { loadProcedure, type Procedure } from '../../spec/index.ts';
import { DISTANCE_SENTENCE } from '../../spec/remedies.ts';
import { REMEDIES_PLACEHOLDER, renderActPdf } from './render-pdf.ts';
import { sampleActData } from './sample.ts';

const run = promisify(execFile);

async function statementText(dir: string, character?: 'par_defaut' | 'contradictoire'): Promise<string> {
  const procedure = loadProcedure(dir).procedure as Procedure;
  const act = loadActTemplates(procedure).acts.find((a) => a.id === 'acte_signification_jugement');
  if (!act) throw new Error('modèle d’acte absent');
  const pdf = await renderActPdf(act, procedure, {
    ...sampleActData(act, procedure),
    ...(character && { character }),
  });
  const file = join(mkdtempSync(join(tmpdir(), 'greffe-act-')), 'acte.pdf');
  writeFileSync(file, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout.replace(/\s+/g, ' ');
}

describe('statement of remedies in an act of service (CPC art. 680)', () => {
  const v2 = ANNEX_ACTS_DIR;

  it('states opposition against a judgment by default, with cassation from the end of opposition', async () => {
    const t = await statementText(v2, 'par_defaut');
    expect(t).toContain('Le jugement signifié est par défaut.');
    expect(t).toContain('Opposition (Code de procédure civile, art. 538 et 571 à 578)');
    expect(t).toContain('à compter de la présente signification');
    expect(t).toContain('ne court qu’à compter du jour où l’opposition n’est plus recevable');
    expect(t).not.toContain(REMEDIES_PLACEHOLDER.slice(0, 30));
  }, 60_000);

  it('states the délais de distance with each time that carries them (CPC art. 643–644)', async () => {
    const t = await statementText(v2, 'par_defaut');
    const procedure = loadProcedure(v2).procedure as Procedure;
    const carried = Object.values(procedure.remedies).filter(
      (r) => r.time && r.deadline && procedure.deadlines[r.deadline]?.distance,
    );
    expect(carried.map((r) => r.kind).sort()).toEqual(['opposition', 'pourvoi_cassation']);
    // Opposition and cassation, both open against a judgment by default: the sentence after each.
    expect(t.split(DISTANCE_SENTENCE.replace(/\s+/g, ' ')).length - 1).toBe(2);
  }, 60_000);

  it('omits opposition against a contradictory judgment', async () => {
    const t = await statementText(v2, 'contradictoire');
    expect(t).toContain('Pourvoi en cassation');
    expect(t).not.toContain('Opposition (');
  }, 60_000);

  it('keeps the placeholder for a procedure in language v1 (no typed remedies)', async () => {
    const v1 = copyAnnexWithActs('spec/procedures/petits-litiges/1.0.0');
    expect(await statementText(v1)).toContain(REMEDIES_PLACEHOLDER.slice(0, 30));
  }, 60_000);
});
