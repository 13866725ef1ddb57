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
