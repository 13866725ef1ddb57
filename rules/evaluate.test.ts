import { describe, expect, it } from 'vitest';
import { RulesError } from './conditions.ts';
import { evaluateRuleSet, type RuleSetResult } from './evaluate.ts';
import { FIXTURE, load } from './test-support.ts';

const procedure = load(FIXTURE);

const orientation = {
  natures: ['caution'],
  secteur: 'prive',
  somme: 200,
  offre: 200,
  demandeur: 'voisin',
  partie_protegee: 'bailleur',
};

function valid(r: RuleSetResult): Extract<RuleSetResult, { valid: true }> {
  if (!r.valid) throw new Error(`faits refusés : ${r.problems.map((p) => p.message).join(' | ')}`);
  return r;
}

describe('evaluateRuleSet, combine: all', () => {
  it('is strict at the money threshold: the ceiling itself fails, one cent below holds', async () => {
    const at = valid(evaluateRuleSet(procedure, 'recevabilite', { somme: 1500, natures: ['loyer'] }));
    expect(at.satisfied).toBe(false);
    expect(at.reasons.map((r) => r.rule)).toEqual(['plafond_respecte']);
    const below = valid(evaluateRuleSet(procedure, 'recevabilite', { somme: 1499.99, natures: ['loyer'] }));
    expect(below.satisfied).toBe(true);
  });

  it('gives one reason per failed rule, with the failure text, facts and parameters the French way', async () => {
    const r = valid(
      evaluateRuleSet(procedure, 'recevabilite', { somme: 1500, natures: ['loyer', 'trouble'] }),
    );
    expect(r.outcome).toBe(false);
    expect(r.reasons).toEqual([
      {
        rule: 'plafond_respecte',
        text: 'La somme demandée (1\u202f500\u00a0€) atteint ou dépasse le plafond de 1\u202f500\u00a0€.',
        basis: 'Règlement de médiation, art. 1, al. 1',
      },
      {
        rule: 'natures_admises',
        text: 'La demande porte sur loyer impayé et trouble de voisinage ; seuls loyer impayé et dépôt de garantie relèvent de la médiation.',
        basis: 'Règlement de médiation, art. 1, al. 2',
      },
    ]);
  });

  it('explains a satisfied set with every rule', async () => {
    const r = valid(evaluateRuleSet(procedure, 'recevabilite', { somme: 12.5, natures: ['caution'] }));
    expect(r.outcome).toBe(true);
    expect(r.reasons.map((x) => x.text)).toEqual([
      'La somme demandée (12,50\u00a0€) est inférieure au plafond de 1\u202f500\u00a0€.',
      'La demande porte uniquement sur loyer impayé et dépôt de garantie.',
    ]);
  });

  it('falls back to a generic sentence when a rule has no failure text', async () => {
    const r = valid(evaluateRuleSet(procedure, 'sans_echec', { somme: 0 }));
    expect(r.outcome).toBe('non');
    expect(r.reasons).toEqual([
      {
        rule: 'somme_positive',
        text: 'Condition non remplie : La somme demandée est positive.',
        basis: 'Règlement de médiation, art. 3',
      },
    ]);
  });
});

describe('evaluateRuleSet, combine: any', () => {
  it('when no rule holds, gives one reason from unsatisfied_text, named after the set', async () => {
    const r = valid(evaluateRuleSet(procedure, 'orientation', orientation));
    expect(r.satisfied).toBe(false);
    expect(r.outcome).toBe('ordinaire');
    expect(r.reasons).toEqual([
      {
        rule: 'orientation',
        text: "Aucune circonstance n'appelle le médiateur principal : le médiateur ordinaire traite la demande de 200\u00a0€.",
        basis: 'Règlement de médiation, art. 2',
      },
    ]);
  });

  it('cites every rule that holds: a list meeting a set, a table column, a fact compared with a fact', async () => {
    const r = valid(
      evaluateRuleSet(procedure, 'orientation', {
        ...orientation,
        natures: ['trouble'],
        secteur: 'etudiant',
        offre: 150,
      }),
    );
    expect(r.outcome).toBe('principal');
    expect(r.reasons.map((x) => x.rule)).toEqual([
      'nature_sensible',
      'secteur_protege',
      'offre_insuffisante',
    ]);
    // offre is compared with somme, itself compared with a money parameter: both read as money.
    expect(r.reasons[2]?.text).toBe(
      "L'offre du voisin (150\u00a0€) est inférieure à la somme demandée (200\u00a0€).",
    );
  });

  it('compares a fact with another fact given in the same facts', async () => {
    const r = valid(evaluateRuleSet(procedure, 'orientation', { ...orientation, partie_protegee: 'voisin' }));
    expect(r.reasons.map((x) => x.rule)).toEqual(['partie_protegee_demande']);
  });
});

describe('decision trace', () => {
  it('records each condition: fact value, compared value, its parameter, result', async () => {
    const r = valid(
      evaluateRuleSet(procedure, 'orientation', { ...orientation, secteur: 'social', somme: 0 }),
    );
    const secteur = r.trace.find((t) => t.rule === 'secteur_protege');
    expect(secteur).toEqual({
      rule: 'secteur_protege',
      held: false,
      conditions: {
        all: [
          {
            fact: 'secteur',
            operator: 'in',
            value: ['social', 'etudiant'],
            param: 'secteurs',
            factValue: 'social',
            result: true,
          },
          { not: { fact: 'somme', operator: 'equal', value: 0, factValue: 0, result: true }, result: false },
        ],
        result: false,
      },
    });
    const offre = r.trace.find((t) => t.rule === 'offre_insuffisante');
    expect(offre?.conditions).toEqual({
      all: [
        { fact: 'offre', operator: 'lessThan', value: 0, valueFact: 'somme', factValue: 200, result: false },
      ],
      result: false,
    });
    expect(r.trace.map((t) => t.rule)).toEqual([
      'nature_sensible',
      'secteur_protege',
      'offre_insuffisante',
      'partie_protegee_demande',
    ]);
  });
});

describe('facts are checked before any rule runs', () => {
  it('refuses missing, extra and malformed facts, one problem per field', async () => {
    const r = evaluateRuleSet(procedure, 'recevabilite', { somme: -3, autre: 1 });
    // natures missing, somme negative, autre unknown.
    expect(r.valid).toBe(false);
    if (r.valid) return;
    expect(r.problems.map((p) => p.field).sort()).toEqual(['autre', 'natures', 'somme']);
  });
});

describe('partial facts: the questions still needed', () => {
  it('decides as soon as the facts given settle it, citing only the rules they decide', () => {
    const r = valid(evaluateRuleSet(procedure, 'recevabilite', { somme: 2000 }, { partial: true }));
    expect(r).toMatchObject({ satisfied: false, missing: [] });
    expect(r.reasons.map((x) => x.rule)).toEqual(['plafond_respecte']);
  });

  it('otherwise names exactly the facts still needed, as problems and as `missing`', () => {
    const r = evaluateRuleSet(procedure, 'recevabilite', { somme: 100 }, { partial: true });
    expect(r).toMatchObject({ valid: false, missing: ['natures'] });
    expect(!r.valid && r.problems).toEqual([
      { field: 'natures', message: 'natures : ce fait est obligatoire et manque' },
    ]);
    expect(evaluateRuleSet(procedure, 'recevabilite', {}, { partial: true })).toMatchObject({
      missing: ['somme', 'natures'],
    });
  });

  it('still refuses a fact of the wrong type, and every missing fact without `partial`', () => {
    const typed = evaluateRuleSet(procedure, 'recevabilite', { somme: '100' }, { partial: true });
    expect(!typed.valid && typed.problems.map((p) => p.field)).toEqual(['somme']);
    const strict = evaluateRuleSet(procedure, 'recevabilite', { somme: 2000 });
    expect(!strict.valid && strict.problems.map((p) => p.field)).toEqual(['natures']);
  });
});

describe('errors', () => {
  it('throws a RulesError naming the known sets for an unknown rule set', async () => {
    expect(() => evaluateRuleSet(procedure, 'inconnu', {})).toThrow(RulesError);
    expect(() => evaluateRuleSet(procedure, 'inconnu', {})).toThrow(/recevabilite, orientation, sans_echec/);
  });
});
