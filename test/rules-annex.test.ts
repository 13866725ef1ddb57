/**
 * The rules of the real annex (spec/procedures/petits-litiges/1.0.0) through
 * rules/: petits-litiges NOTES.md §1–§2, the strict threshold, and a copy of the spec
 * whose threshold moves to 5,000 EUR with no code change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility, evaluateReferral, evaluateRuleSet, runScenarios } from '../rules/index.ts';
import { editedCopy, load } from '../rules/test-support.ts';

const ANNEX = 'spec/procedures/petits-litiges/1.0.0';
const annex = load(ANNEX);
const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** The copy of the annex with `seuil` at 5,000 EUR: only procedure.yaml changes. */
const raisedDir = editedCopy(ANNEX, {
  'procedure.yaml': (t) =>
    t.replace(/(\n {2}seuil:\n(?: {4}.*\n)*? {4}value: \{ amount: )4000(, currency: EUR \})/, '$15000$2'),
});
const raised = load(raisedDir);

async function eligibility(p = annex, facts: Record<string, unknown> = {}) {
  const r = await evaluateEligibility(p, facts);
  if (!('eligible' in r)) throw new Error(r.problems.map((x) => x.message).join(' | '));
  return r;
}

describe('eligibility (petits-litiges NOTES.md §1)', () => {
  it('is strict at 4,000 EUR: 4,000 is not eligible, 3,999.99 is', async () => {
    const at = await eligibility(annex, { montant: 4000, objets: ['paiement'], matiere: 'civile' });
    expect(at.eligible).toBe(false);
    expect(at.reasons.map((r) => r.rule)).toEqual(['montant_inferieur_au_seuil']);
    expect(at.reasons[0]?.text).toContain(`4${NNBSP}000${NBSP}€`);
    const below = await eligibility(annex, { montant: 3999.99, objets: ['paiement'], matiere: 'civile' });
    expect(below.eligible).toBe(true);
    expect(below.reasons[0]?.text).toContain(`3${NNBSP}999,99${NBSP}€`);
  });

  it('gives two reasons for an amount over the threshold and an excluded object, each with its basis', async () => {
    const r = await eligibility(annex, {
      montant: 4500,
      objets: ['paiement', 'expulsion'],
      matiere: 'bail_habitation',
    });
    expect(r).toMatchObject({ procedure: 'petits-litiges', version: '1.0.0', eligible: false });
    expect(r.reasons.map((x) => x.rule)).toEqual(['montant_inferieur_au_seuil', 'objet_exclusif']);
    for (const reason of r.reasons) {
      expect(reason.basis.length).toBeGreaterThan(0);
      expect(reason.text).not.toMatch(/\$\{|undefined|€ €/);
    }
    expect(Object.keys(r).sort()).toEqual(['eligible', 'procedure', 'reasons', 'version']);
  });

  it('decides as "amount below the threshold and every object admitted", whatever the facts', async () => {
    const seuil = annex.parameters.seuil;
    const admis = annex.parameters.objets_admis;
    if (seuil?.type !== 'money' || admis?.type !== 'list')
      throw new Error('paramètres seuil / objets_admis attendus');
    const allowed = new Set(admis.value.map((i) => i.id));
    const objets = [
      'paiement',
      'bien',
      'service',
      'expulsion',
      'resiliation',
      'licenciement',
      'revocation_gerant',
      'autre',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100),
        fc.uniqueArray(fc.constantFrom(...objets), { minLength: 1 }),
        async (montant, objs) => {
          const r = await eligibility(annex, { montant, objets: objs, matiere: 'civile' });
          const amountOk = montant < seuil.value.amount;
          const objectsOk = objs.every((o) => allowed.has(o));
          expect(r.eligible).toBe(amountOk && objectsOk);
          expect(r.reasons.map((x) => x.rule).sort()).toEqual(
            r.eligible
              ? ['montant_inferieur_au_seuil', 'objet_exclusif']
              : [
                  ...(amountOk ? [] : ['montant_inferieur_au_seuil']),
                  ...(objectsOk ? [] : ['objet_exclusif']),
                ],
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses invalid facts with one problem per field, naming it', async () => {
    const r = await evaluateEligibility(annex, { montant: -1, objets: [], matiere: 'penale' });
    expect('problems' in r && r.problems.map((p) => p.field).sort()).toEqual([
      'matiere',
      'montant',
      'objets',
    ]);
    if ('problems' in r) for (const p of r.problems) expect(p.message.startsWith(`${p.field} : `)).toBe(true);
  });

  it('records the decision trace: the amount, the threshold it was compared with, and its parameter', async () => {
    const r = await evaluateRuleSet(annex, 'eligibilite', { montant: 4000, objets: ['paiement'] });
    if (!r.valid) throw new Error('faits refusés');
    expect(r.trace[0]?.conditions).toEqual({
      all: [
        {
          fact: 'montant',
          operator: 'lessThan',
          value: 4000,
          param: 'seuil',
          factValue: 4000,
          result: false,
        },
      ],
      result: false,
    });
  });
});

describe('referral (petits-litiges NOTES.md §2)', () => {
  it('is mandatory when the weak party asks in a protected matter, with the rule and its basis', async () => {
    const r = await evaluateReferral(annex, {
      matiere: 'travail',
      requerant: 'demandeur',
      partie_faible: 'demandeur',
    });
    expect(r).toMatchObject({ procedure: 'petits-litiges', version: '1.0.0', referral: 'mandatory' });
    if (!('referral' in r)) return;
    expect(r.reasons.map((x) => x.rule)).toEqual(['demande_partie_faible']);
    expect(r.reasons[0]?.text).toContain('droit du travail');
  });

  it('is discretionary otherwise, and still explains why, with the set as the reason', async () => {
    for (const facts of [
      { matiere: 'consommation', requerant: 'defendeur', partie_faible: 'demandeur' },
      { matiere: 'civile', requerant: 'demandeur', partie_faible: 'aucune' },
      { matiere: 'bail_habitation', requerant: 'juge', partie_faible: 'defendeur' },
    ]) {
      const r = await evaluateReferral(annex, facts);
      if (!('referral' in r)) throw new Error('faits refusés');
      expect(r.referral).toBe('discretionary');
      expect(r.reasons).toHaveLength(1);
      expect(r.reasons[0]?.rule).toBe('renvoi');
      expect(r.reasons[0]?.text.length).toBeGreaterThan(20);
    }
  });
});

describe('a threshold moved to 5,000 EUR in a copy of the spec', () => {
  it('changes decisions and texts with no code change', async () => {
    const facts = { montant: 4500, objets: ['paiement'], matiere: 'civile' };
    expect((await eligibility(annex, facts)).eligible).toBe(false);
    const r = await eligibility(raised, facts);
    expect(r.eligible).toBe(true);
    expect(r.reasons[0]?.text).toContain(`4${NNBSP}500${NBSP}€`);
    expect(r.reasons[0]?.text).toContain(`5${NNBSP}000${NBSP}€`);
    expect(r.reasons.map((x) => x.text).join(' ')).not.toContain(`4${NNBSP}000${NBSP}€`);
    const at = await eligibility(raised, { ...facts, montant: 5000 });
    expect(at.eligible).toBe(false);
    expect(at.reasons[0]?.text).toContain(`5${NNBSP}000${NBSP}€`);
    expect((await eligibility(raised, { ...facts, montant: 4999.99 })).eligible).toBe(true);
  });

  it('fails exactly the annex’s scenarios whose amount lies between the two thresholds', async () => {
    const report = await runScenarios(raised);
    const between = raised.tests
      .flatMap((f) => f.decisions)
      .filter((d) => {
        const m = d.facts.montant;
        return d.ruleset === 'eligibilite' && typeof m === 'number' && m >= 4000 && m < 5000;
      })
      .map((d) => d.name);
    expect(between.length).toBeGreaterThan(0);
    expect(report.cases.filter((c) => !c.passed).map((c) => c.name)).toEqual(between);
  });
});

describe("the annex's scenarios", () => {
  it('all pass', async () => {
    const report = await runScenarios(annex);
    expect(report.cases.filter((c) => !c.passed)).toEqual([]);
    expect(report.passed).toBeGreaterThanOrEqual(9 + 5);
  });
});

describe('annex 1.1.0: the questionnaire asks the kind of dispute, and amounts are in cents', () => {
  const v11 = load('spec/procedures/petits-litiges/1.1.0');

  it('names the declared matter among the facts still missing, and settles an employment claim by it', () => {
    const none = evaluateEligibility(v11, {}, { partial: true });
    expect('missing' in none && none.missing).toEqual(
      expect.arrayContaining(['montant', 'objets', 'matiere_declaree']),
    );
    const travail = evaluateEligibility(v11, { matiere_declaree: 'travail' }, { partial: true });
    expect(travail).toMatchObject({ eligible: false, reasons: [{ rule: 'hors_prud_hommes' }] });
    if ('reasons' in travail) expect(travail.reasons[0]?.text).toContain('conseil de prud');
  });

  it('refuses more than two decimals and never phrases 3,999.999 as 4,000.00', () => {
    const r = evaluateEligibility(v11, {
      montant: 3999.999,
      objets: ['paiement'],
      matiere_declaree: 'civile',
    });
    expect(r).toMatchObject({ valid: false, problems: [{ field: 'montant' }] });
    expect(JSON.stringify(r)).not.toContain('4 000,00');
    for (const montant of [0.07, 1.1, 4.35, 1234.56, 3999.99]) {
      const ok = evaluateEligibility(v11, { montant, objets: ['paiement'], matiere_declaree: 'civile' });
      expect(ok, String(montant)).toMatchObject({ eligible: true });
    }
  });
});
