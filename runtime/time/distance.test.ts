import { describe, expect, it } from 'vitest';
import { distanceExplanation, distanceMonths, extendDuration } from './distance.ts';
import { computeDue } from './procedural.ts';

describe('délais de distance (CPC art. 643–644)', () => {
  it('court in metropolitan France: overseas +1 month, abroad +2, metropole +0 (art. 643)', () => {
    expect(distanceMonths('metropole', 'martinique')).toBe(1);
    expect(distanceMonths('metropole', 'nouvelle_caledonie')).toBe(1);
    expect(distanceMonths('metropole', 'etranger')).toBe(2);
    expect(distanceMonths('metropole', 'metropole')).toBe(0);
  });

  it('court overseas: not living in its territory +1 month, abroad +2, same territory +0 (art. 644)', () => {
    expect(distanceMonths('la_reunion', 'metropole')).toBe(1);
    expect(distanceMonths('la_reunion', 'mayotte')).toBe(1);
    expect(distanceMonths('la_reunion', 'etranger')).toBe(2);
    expect(distanceMonths('la_reunion', 'la_reunion')).toBe(0);
  });

  it('adds the months to the duration, months first (CPC art. 641 al. 3)', () => {
    expect(extendDuration('P15D', 1)).toBe('P1M15D');
    expect(extendDuration('P1M', 2)).toBe('P3M');
    expect(extendDuration('P1Y', 1)).toBe('P13M');
    expect(extendDuration('P2W', 1)).toBe('P1M2W');
    expect(extendDuration('P1M', 0)).toBe('P1M');
  });

  it('extends before art. 642: one month + two months from 2027-03-15 is 2027-06-15 (a Tuesday), not later', () => {
    // Opposition P1M served 15 March 2027 to a party abroad: 15 June 2027, a working day.
    expect(computeDue('2027-03-15', extendDuration('P1M', 2)).due).toBe('2027-06-15');
    // Without distance: 15 April 2027 (Thursday).
    expect(computeDue('2027-03-15', 'P1M').due).toBe('2027-04-15');
    // Served 14 February 2027 to a party in Martinique, P1M + 1 → 14 April 2027 (Wednesday).
    expect(computeDue('2027-02-14', extendDuration('P1M', 1)).due).toBe('2027-04-14');
    // 642 applies to the extended end: P1M + 1 from 2027-03-08 → Saturday 8 May 2027 (holiday too) → Monday 10 May.
    expect(computeDue('2027-03-08', extendDuration('P1M', 1)).due).toBe('2027-05-10');
  });

  it('explains the extension, citing the article', () => {
    expect(distanceExplanation('metropole', 'etranger', 2)).toContain('deux mois');
    expect(distanceExplanation('metropole', 'martinique', 1)).toContain('art. 643');
    // Elided before a vowel, as French writes it (it read « augmenté de un mois »).
    expect(distanceExplanation('metropole', 'martinique', 1)).toMatch(/^Délai augmenté d’un mois : /);
    expect(distanceExplanation('metropole', 'etranger', 2)).toMatch(/^Délai augmenté de deux mois : /);
    expect(distanceExplanation('la_reunion', 'metropole', 1)).toContain('art. 644');
    expect(distanceExplanation('metropole', 'metropole', 0)).toBe('');
  });
});
