import { describe, expect, it } from 'vitest';
import { compileFactValidator, factsSchema } from './facts.ts';
import { FIXTURE, load } from './test-support.ts';

const procedure = load(FIXTURE);
const rs = (id: string) => {
  const r = procedure.rules.rulesets[id];
  if (!r) throw new Error(id);
  return r;
};
const recevabilite = compileFactValidator(procedure.rules, rs('recevabilite'));
const orientation = compileFactValidator(procedure.rules, rs('orientation'));
const messages = (facts: unknown, v = recevabilite) =>
  Object.fromEntries(v(facts).map((p) => [p.field, p.message]));

describe('fact validation', () => {
  it('accepts facts matching the declared schemas', () => {
    expect(recevabilite({ somme: 0, natures: ['loyer'] })).toEqual([]);
  });

  it('requires every fact the set reads and refuses unknown names, naming them', () => {
    expect(messages({ natures: ['loyer'], montnat: 3 })).toEqual({
      somme: 'somme : ce fait est obligatoire et manque',
      montnat:
        'montnat : n’est pas un fait connu de cette procédure (faits attendus : somme, natures ; facultatifs : secteur, offre, demandeur, partie_protegee)',
    });
  });

  it('accepts, and checks, other facts the procedure declares', () => {
    expect(recevabilite({ somme: 1, natures: ['loyer'], secteur: 'prive' })).toEqual([]);
    expect(messages({ somme: 1, natures: ['loyer'], secteur: 'public' })).toEqual({
      secteur:
        'secteur : doit être l’une des valeurs suivantes : social, etudiant, prive (reçu : « public »)',
    });
  });

  it('says what is wrong with a value and what was received', () => {
    expect(messages({ somme: '4000', natures: ['loyer'] })).toEqual({
      somme: 'somme : doit être un nombre (reçu : « 4000 »)',
    });
    expect(messages({ somme: -5, natures: ['loyer'] })).toEqual({
      somme: 'somme : doit être supérieur ou égal à 0 (reçu : -5)',
    });
    expect(messages({ somme: 1, natures: [] })).toEqual({
      natures: 'natures : ne doit pas être vide : donnez au moins une valeur',
    });
    expect(messages({ somme: 1, natures: 'loyer' })).toEqual({
      natures: 'natures : doit être une liste (reçu : « loyer »)',
    });
  });

  it('gathers the problems of one field into one message, element by element', () => {
    expect(messages({ somme: 1, natures: ['loyer', 'voiture', 'loyer'] })).toEqual({
      natures:
        'natures : l’élément n° 2 doit être l’une des valeurs suivantes : loyer, caution, trouble, autre (reçu : « voiture ») ; ne doit pas contenir deux fois la même valeur (éléments n° 1 et 3)',
    });
  });

  it('lists the allowed values of an enum', () => {
    const facts = {
      natures: ['loyer'],
      secteur: 'public',
      somme: 1,
      offre: 1,
      demandeur: 'voisin',
      partie_protegee: 'x',
    };
    expect(messages(facts, orientation)).toEqual({
      secteur:
        'secteur : doit être l’une des valeurs suivantes : social, etudiant, prive (reçu : « public »)',
      partie_protegee:
        'partie_protegee : doit être l’une des valeurs suivantes : voisin, bailleur, aucune (reçu : « x »)',
    });
  });

  it('refuses facts that are not an object', () => {
    expect(recevabilite([1, 2])).toEqual([
      {
        field: '',
        message: 'faits : les faits doivent former un objet JSON { "nom": valeur, … } (reçu : [1,2])',
      },
    ]);
  });

  it('builds a closed object schema from the declared facts', () => {
    expect(factsSchema(procedure.rules, rs('recevabilite'))).toMatchObject({
      type: 'object',
      required: ['somme', 'natures'],
      additionalProperties: false,
      properties: { somme: { type: 'number', minimum: 0, title: 'Somme demandée' } },
    });
  });
});

describe('amounts compared with money', () => {
  it('refuses more than two decimals on a fact the rules compare with a money parameter, even where its schema is silent', async () => {
    const { compiledRuleSet } = await import('./compile.ts');
    const annex = load('spec/procedures/petits-litiges/1.0.0');
    // Published 1.0.0 declares montant as a plain number (no multipleOf): the rule's money threshold decides.
    expect((annex.rules.facts.montant as { multipleOf?: number }).multipleOf).toBeUndefined();
    const c = compiledRuleSet(annex, 'eligibilite');
    const problems = c.validate({ montant: 3999.999, objets: ['paiement'] });
    expect(problems.map((p) => p.field)).toEqual(['montant']);
    expect(problems[0]?.message).toMatch(/^montant : doit être un montant en euros d’au plus deux décimales/);
    expect(c.validate({ montant: 3999.99, objets: ['paiement'] })).toEqual([]);
  });
});
