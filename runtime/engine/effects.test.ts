/** A started deadline is computed once per procedure version, deadline and start day, and shared frozen. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog.ts';
import { MEDIATION } from '../../test/helpers/runtime.ts';
import { startDeadline } from './effects.ts';

const procedureOf = () => {
  const p = loadCatalog(MEDIATION).get('mediation', '1.0.0');
  if (!p) throw new Error('fixture mediation introuvable');
  return p;
};

describe('startDeadline', () => {
  it('gives the same frozen effect all day, the one computed afresh', () => {
    const p = procedureOf();
    const morning = startDeadline(p, 'delai_reponse', new Date('2027-03-01T08:00:00Z'));
    const evening = startDeadline(p, 'delai_reponse', new Date('2027-03-01T20:00:00Z'));
    expect(evening).toBe(morning);
    expect(Object.isFrozen(morning)).toBe(true);
    expect(() => {
      (morning as { due: string }).due = '2099-01-01';
    }).toThrow(TypeError);
    // Another load of the same version: nothing cached, computed afresh — and equal.
    expect(startDeadline(procedureOf(), 'delai_reponse', new Date('2027-03-01T12:00:00Z'))).toEqual(morning);
    expect(morning).toMatchObject({ startDate: '2027-03-01', due: '2027-03-16' });
  });

  it('counts from the day it starts (Paris time): a start after midnight in Paris is the next day', () => {
    const p = procedureOf();
    const late = startDeadline(p, 'delai_reponse', new Date('2027-03-01T23:30:00Z')); // 00:30 in Paris
    expect(late).toMatchObject({ startDate: '2027-03-02', due: '2027-03-17' });
  });
});

describe('startDeadline with the délais de distance (CPC art. 643–644)', () => {
  const annex = () => {
    const p = loadCatalog('spec/procedures/petits-litiges/1.2.0').get('petits-litiges', '1.2.0');
    if (!p) throw new Error('annexe petits-litiges 1.2.0 introuvable');
    return p;
  };
  const now = new Date('2027-09-20T10:00:00Z');
  const opposition = (seat: 'metropole' | 'la_reunion', residence: string) =>
    startDeadline(annex(), 'delai_opposition', now, {
      party: 'defendeur',
      startDate: '2027-09-09',
      distance: { seat, residence: residence as 'metropole' },
    });

  it('metropolitan court: metropole +0, Martinique +1 month, abroad +2 months, before art. 642', () => {
    expect(opposition('metropole', 'metropole')).toMatchObject({ duration: 'P1M', due: '2027-10-11' }); // Sat 9 → Mon 11
    expect(opposition('metropole', 'martinique')).toMatchObject({ duration: 'P2M', due: '2027-11-09' });
    const abroad = opposition('metropole', 'etranger');
    expect(abroad).toMatchObject({ duration: 'P3M', due: '2027-12-09' });
    expect((abroad as { explanation: string }).explanation).toMatch(
      /^Délai augmenté de deux mois .*art\. 643/,
    );
  });

  it('overseas court: a party in metropolitan France +1 month, abroad +2 months (art. 644)', () => {
    expect(opposition('la_reunion', 'metropole')).toMatchObject({ duration: 'P2M', due: '2027-11-09' });
    expect(opposition('la_reunion', 'etranger')).toMatchObject({ duration: 'P3M', due: '2027-12-09' });
    expect(opposition('la_reunion', 'la_reunion')).toMatchObject({ duration: 'P1M' });
  });

  it('ignores the residence on a deadline without distance: true', () => {
    const p = annex();
    const d = startDeadline(p, 'delai_critique', now, {
      party: 'defendeur',
      distance: { seat: 'metropole', residence: 'etranger' },
    });
    expect(d).toMatchObject({
      duration: p.parameters.delai_critique?.type === 'duration' ? p.parameters.delai_critique.value : '',
    });
  });
});
