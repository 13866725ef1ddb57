/** The evaluator on the annex's own facts and parameters: strict types, missing facts, explanations. */
import { describe, expect, it } from 'vitest';
import { loadProcedure } from '../load.ts';
import type { Procedure } from '../model.ts';
import { compileCondition } from './compile.ts';
import { OPERATORS_TABLE } from './operators.ts';
import { type AnyCondition, UNKNOWN_FACT } from './types.ts';
import { ConditionError } from './values.ts';

const loaded = loadProcedure('spec/procedures/petits-litiges/1.0.0').procedure;
if (!loaded) throw new Error('annexe illisible');
const annex: Procedure = loaded;

const below: AnyCondition = { fact: 'montant', operator: 'lessThan', value: { param: 'seuil' } };
const admitted: AnyCondition = { fact: 'objets', operator: 'everyIn', value: { param: 'objets_admis' } };
const eligible: AnyCondition = { all: [below, admitted] };

describe('strict types', () => {
  it('never compares a string where the facts declare a number, and names the fact', () => {
    const e = compileCondition(annex, below).evaluate({ montant: '3999' });
    expect(e.value).toBeNull();
    expect(e.invalid).toEqual([
      expect.objectContaining({ fact: 'montant', expected: ['number'], received: '3999' }),
    ]);
    expect(e.invalid[0]?.message).toBe('montant : doit être un nombre (reçu : « 3999 »)');
    expect(compileCondition(annex, below).decide({ montant: '3999' })).toBeNull();
  });

  it('refuses `in` against a text (json-rules-engine would look for "ab" inside "abc")', () => {
    const c: AnyCondition = { fact: 'matiere', operator: 'in', value: 'civile et commerciale' };
    const e = compileCondition(annex, c).evaluate({ matiere: 'civile' });
    expect(e.value).toBeNull();
    expect(e.invalid.map((x) => x.fact)).toEqual(['matiere']);
  });

  it('refuses a fact of a type the operator does not take, even where no schema says', () => {
    const c: AnyCondition = { fact: 'reponse', operator: 'greaterThan', value: 2 };
    expect(compileCondition(annex, c).evaluate({ reponse: '3' }).invalid[0]?.expected).toEqual(['number']);
    expect(compileCondition(annex, c).evaluate({ reponse: 3 }).value).toBe(true);
  });
});

describe('missing facts (Publicodes’ missingVariables)', () => {
  const compiled = compileCondition(annex, eligible);

  it('names every fact needed while nothing settles the answer', () => {
    expect(compiled.evaluate({})).toMatchObject({ value: null, missing: ['montant', 'objets'] });
    expect(compiled.evaluate({ montant: 800 })).toMatchObject({ value: null, missing: ['objets'] });
    expect(compiled.decide({ montant: 800 })).toBeNull();
  });

  it('asks for nothing more once one fact settles it', () => {
    const e = compiled.evaluate({ montant: 5000 });
    expect(e).toMatchObject({ value: false, missing: [] });
    expect(compiled.decide({ montant: 5000 })).toBe(false);
    const any = compileCondition(annex, { any: [below, admitted] });
    expect(any.evaluate({ objets: ['paiement'] })).toMatchObject({ value: true, missing: [] });
    expect(compileCondition(annex, { not: below }).evaluate({})).toMatchObject({
      value: null,
      missing: ['montant'],
    });
  });

  it('reads an absent fact as undefined when asked to (when: conditions), never as missing', () => {
    const lenient = (c: AnyCondition) => compileCondition(annex, c, { absent: 'undefined' });
    expect(lenient({ fact: 'accord', operator: 'equal', value: true }).evaluate({})).toMatchObject({
      value: false,
      missing: [],
    });
    expect(lenient({ fact: 'accord', operator: 'notEqual', value: true }).decide({})).toBe(true);
    expect(lenient(below).decide({})).toBe(false);
  });
});

describe('explanation', () => {
  it('gives the condition’s tree with each fact, the value compared, its parameter and result', () => {
    const e = compileCondition(annex, eligible).evaluate({ montant: 4000, objets: ['paiement'] });
    expect(e.explanation).toEqual({
      all: [
        {
          fact: 'montant',
          operator: 'lessThan',
          value: 4000,
          param: 'seuil',
          factValue: 4000,
          result: false,
        },
        {
          fact: 'objets',
          operator: 'everyIn',
          value: ['paiement', 'bien', 'service'],
          param: 'objets_admis',
          factValue: ['paiement'],
          result: true,
        },
      ],
      result: false,
    });
  });

  it('follows a path inside a fact and a reference to another fact', () => {
    const c: AnyCondition = {
      all: [
        { fact: 'demande', path: '$.montant', operator: 'lessThanInclusive', value: { fact: 'plafond' } },
      ],
    };
    const e = compileCondition(annex, c).evaluate({ demande: { montant: 10 }, plafond: 10 });
    expect(e.value).toBe(true);
    expect(e.explanation).toEqual({
      all: [
        {
          fact: 'demande',
          path: '$.montant',
          operator: 'lessThanInclusive',
          value: 10,
          valueFact: 'plafond',
          factValue: 10,
          result: true,
        },
      ],
      result: true,
    });
    expect(compileCondition(annex, c).evaluate({ demande: { montant: 10 } }).missing).toEqual(['plafond']);
  });
});

describe('compilation', () => {
  it('compiles a condition once per procedure, and again for a reloaded procedure', () => {
    expect(compileCondition(annex, eligible)).toBe(compileCondition(annex, eligible));
    const again = loadProcedure('spec/procedures/petits-litiges/1.0.0').procedure as Procedure;
    expect(compileCondition(again, eligible)).not.toBe(compileCondition(annex, eligible));
    expect(compileCondition(annex, eligible).facts).toEqual(['montant', 'objets']);
  });

  it('refuses an unknown parameter or operator, saying where', () => {
    const where = 'rules.yaml:3';
    expect(() =>
      compileCondition(
        annex,
        { fact: 'montant', operator: 'lessThan', value: { param: 'plafond' } },
        { where },
      ),
    ).toThrow(
      new ConditionError('unknown-parameter', 'rules.yaml:3 : le paramètre « plafond » n’existe pas.'),
    );
    expect(() => compileCondition(annex, { fact: 'montant', operator: 'under', value: 3 })).toThrow(
      ConditionError,
    );
  });

  it('has a French phrase and a description for every operator', () => {
    for (const spec of Object.values(OPERATORS_TABLE)) {
      expect(spec.phrase).toMatch(/^\S/);
      expect(spec.description).toMatch(/^le fait|^chaque|^au moins/);
    }
  });
});

describe('a fact not known yet (UNKNOWN_FACT)', () => {
  const lenient = { absent: 'undefined' } as const;
  it('leaves a test of it unsettled and reports it missing, in either mode, also as a { fact } value', () => {
    for (const options of [{}, lenient]) {
      const e = compileCondition(annex, below, options).evaluate({ montant: UNKNOWN_FACT });
      expect(e.value).toBeNull();
      expect(e.missing).toEqual(['montant']);
      expect(compileCondition(annex, below, options).decide({ montant: UNKNOWN_FACT })).toBeNull();
    }
    const other: AnyCondition = { fact: 'montant', operator: 'lessThan', value: { fact: 'plafond' } };
    expect(
      compileCondition(annex, other, lenient).evaluate({ montant: 1, plafond: UNKNOWN_FACT }).missing,
    ).toEqual(['plafond']);
  });

  it('is settled all the same when another part decides, while absent facts read undefined (lenient)', () => {
    const refused: AnyCondition = { fact: 'matiere', operator: 'equal', value: 'travail' };
    const c: AnyCondition = { all: [below, refused] };
    expect(compileCondition(annex, c, lenient).evaluate({ montant: UNKNOWN_FACT }).value).toBe(false);
    const either: AnyCondition = { any: [below, { not: refused }] };
    expect(compileCondition(annex, either, lenient).evaluate({ montant: UNKNOWN_FACT }).value).toBe(true);
  });
});
