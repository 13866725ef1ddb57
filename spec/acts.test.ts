/** Act templates: the checker points a drafter at the exact file:line:col of a wrong name. */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNEX_ACTS_DIR, copySpec, editSpec, positionOf } from '../test/helpers/spec-copy.ts';
import { citedValues } from './act-fields.ts';
import { fillAct, loadActTemplates } from './acts.ts';
import { loadProcedure } from './load.ts';

function load(dir: string) {
  const { procedure, diagnostics } = loadProcedure(dir);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!procedure) throw new Error('procédure non chargée');
  return loadActTemplates(procedure);
}

describe('act templates', () => {
  it('loads every template the annex ships (draft 1.2.0), one per court act, with no diagnostic', () => {
    const { acts, diagnostics } = load(ANNEX_ACTS_DIR);
    expect(diagnostics).toEqual([]);
    expect(acts.map((a) => a.id)).toContain('convocation');
    expect(acts.find((a) => a.id === 'acte_signification_jugement')?.remedies).toBe(true);
    expect(acts.find((a) => a.id === 'convocation')?.accessCode).toBe(true);
    expect(acts.length).toBeGreaterThanOrEqual(14);
  });

  it('reports an unknown ${…} name at its file:line:col, with the closest name', () => {
    const dir = copySpec(ANNEX_ACTS_DIR);
    const text = editSpec(dir, 'acts/convocation.yaml', 'numéro RG ${rg}', 'numéro RG ${rgg}');
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

  it('reports an unknown ${faits.…} or ${decision.…} field at its file:line:col, in French, with the closest name', () => {
    const dir = copySpec(ANNEX_ACTS_DIR);
    const jugement = editSpec(dir, 'acts/jugement_definitif.yaml', '${decision.motifs}', '${decision.motif}');
    const ordonnance = editSpec(
      dir,
      'acts/ordonnance_cloture.yaml',
      'la clôture de l’instruction.',
      'la clôture de l’instruction (${faits.montnt}, ${decision.motifs}).',
    );
    const { acts, diagnostics } = load(dir);
    const at = (file: string, text: string, needle: string) => ({
      code: 'unknown-act-field',
      severity: 'error',
      file: relative(process.cwd(), join(dir, file)),
      ...positionOf(text, needle),
    });
    expect(diagnostics).toMatchObject([
      at('acts/jugement_definitif.yaml', jugement, '${decision.motif}'),
      at('acts/ordonnance_cloture.yaml', ordonnance, '${faits.montnt}'),
      at('acts/ordonnance_cloture.yaml', ordonnance, '${decision.motifs}'),
    ]);
    expect(diagnostics[0]?.message).toContain(
      'le formulaire de la décision (jugement_definitif) n’a pas de champ « motif »',
    );
    expect(diagnostics[0]?.hint).toBe('Vouliez-vous dire ${decision.motifs} ?');
    expect(diagnostics[1]?.message).toContain(
      '« montnt » n’est pas un fait déclaré sous facts: dans rules.yaml',
    );
    expect(diagnostics[1]?.hint).toBe('Vouliez-vous dire ${faits.montant} ?');
    expect(diagnostics[2]?.message).toContain(
      'aucun événement qui produit le document « ordonnance_cloture » n’a de formulaire',
    );
    expect(acts.map((a) => a.id)).not.toContain('jugement_definitif');
  });

  it('prints a cited fact and the deciding form’s answers in French (amount, choice, date)', () => {
    const { procedure } = loadProcedure(ANNEX_ACTS_DIR);
    if (!procedure) throw new Error('annexe non chargée');
    const values = citedValues(
      procedure,
      'jugement_definitif',
      [
        'faits.montant',
        'faits.objets',
        'decision.motifs',
        'decision.depens',
        'decision.montant_condamnation',
      ],
      { montant: 1250, objets: ['paiement', 'bien'] },
      { motifs: 'La facture est due.', depens: 'defendeur' },
    );
    expect(values).toEqual({
      'faits.montant': '1\u202f250,00\u00a0€',
      'faits.objets':
        'Le paiement d’une somme d’argent ; Un bien : livraison, réparation, remplacement, restitution',
      'decision.motifs': 'La facture est due.',
      'decision.depens': 'À la charge du défendeur',
      'decision.montant_condamnation': '',
    });
  });

  it('finds the second of two names in a block paragraph', () => {
    const dir = copySpec(ANNEX_ACTS_DIR);
    const body = 'paragraphs:\n  - |\n    Le ${tribunal} convoque\n    ${defendeur} et ${inconnu}.\n';
    writeFileSync(join(dir, 'acts/ordonnance.yaml'), `document: ordonnance\nsignatory: juge\n${body}`);
    const { diagnostics } = load(dir);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unknown-act-name', 6, 21]]);
  });

  it('refuses an unknown document, role or key', () => {
    const dir = copySpec(ANNEX_ACTS_DIR);
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
