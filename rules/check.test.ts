import { describe, expect, it } from 'vitest';
import { checkRuleSets } from './check.ts';
import { editedCopy, FIXTURE, load } from './test-support.ts';

describe('checkRuleSets', () => {
  it('only warns about the rule without a failure text in the fixture', () => {
    expect(checkRuleSets(load(FIXTURE)).map((i) => [i.severity, i.code, i.loc.line])).toEqual([
      ['warning', 'missing-failure', 77],
    ]);
  });

  it('reports operators applied to facts or values of the wrong type, and values no fact can take', () => {
    const dir = editedCopy(FIXTURE, {
      'rules.yaml': (t) =>
        t
          .replace(
            '{ fact: somme, operator: lessThan, value: { param: plafond } }',
            '{ fact: natures, operator: lessThan, value: { param: plafond } }',
          )
          .replace(
            '{ fact: natures, operator: everyIn, value: { param: natures_admises } }',
            '{ fact: natures, operator: everyIn, value: { param: plafond } }',
          )
          .replace(
            '{ fact: secteur, operator: in, value: { param: secteurs, column: id } }',
            '{ fact: secteur, operator: in, value: [social, sociale] }',
          ),
    });
    const issues = checkRuleSets(load(dir)).map((i) => `${i.severity} ${i.code} ${i.loc.line}: ${i.message}`);
    expect(issues).toEqual([
      'error operator-fact-type 27: Règle « plafond_respecte » : « lessThan » attend un fait de type number, or « natures » est de type array : la condition serait toujours fausse.',
      'error operator-value-type 33: Règle « natures_admises » : « everyIn » compare à une valeur de type array, or le paramètre « plafond » est de type number.',
      'warning impossible-value 54: Règle « secteur_protege » : « sociale » ne fait pas partie des valeurs admises pour « secteur » (social, etudiant, prive) : faute de frappe ?',
      'warning missing-failure 77: Règle « somme_positive » : pas de failure: ; quand elle n’est pas remplie, l’usager lira « Condition non remplie : » suivi de l’explication.',
    ]);
  });

  it('accepts multipleOf: 0.01 (cents), compared exactly, and refuses a finer decimal step', () => {
    const step = (v: string) =>
      editedCopy(FIXTURE, {
        'rules.yaml': (t) =>
          t.replace(
            'somme: { type: number, minimum: 0, title: Somme demandée }',
            `somme: { type: number, minimum: 0, multipleOf: ${v}, title: Somme demandée }`,
          ),
      });
    const issuesOf = (dir: string) =>
      checkRuleSets(load(dir)).filter((i) => i.code === 'decimal-multiple-of');
    expect(issuesOf(step('0.01'))).toEqual([]);
    const issues = issuesOf(step('0.00001'));
    expect(issues.map((i) => [i.severity, i.loc.file.endsWith('rules.yaml')])).toEqual([['error', true]]);
    expect(issues[0]?.message).toContain('0.01');
  });
});
