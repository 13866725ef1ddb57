import { describe, expect, it } from 'vitest';
import { addMonths, formatCivilDate, formatDateFr, fromYmd, parseCivilDate, weekday } from './civil-date.ts';

describe('civil dates', () => {
  it('round-trips YYYY-MM-DD and knows the weekday', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2027-07-14', '9999-12-31', '0001-01-01']) {
      expect(formatCivilDate(parseCivilDate(d))).toBe(d);
    }
    expect(weekday(parseCivilDate('1970-01-01'))).toBe(4); // Thursday
    expect(weekday(parseCivilDate('2027-07-14'))).toBe(3); // Wednesday
    expect(weekday(parseCivilDate('1969-12-28'))).toBe(0); // Sunday, before the epoch
  });

  it('refuses dates that do not exist, whatever Date would make of them', () => {
    expect(() => parseCivilDate('2027-02-29')).toThrow('février 2027 compte 28 jours');
    expect(() => parseCivilDate('2100-02-29')).toThrow('février 2100 compte 28 jours'); // not a leap year
    expect(parseCivilDate('2000-02-29')).toBe(fromYmd(2000, 2, 29)); // a leap year
    expect(() => parseCivilDate('2027-04-31')).toThrow('avril 2027 compte 30 jours');
    expect(() => parseCivilDate('2027-00-10')).toThrow('le mois doit être compris entre 01 et 12');
    expect(() => parseCivilDate('2027-01-00')).toThrow('janvier 2027 compte 31 jours');
    expect(() => parseCivilDate(' 2027-01-01')).toThrow('format attendu AAAA-MM-JJ');
    expect(() => parseCivilDate('2027-01-01T00:00:00Z')).toThrow('format attendu AAAA-MM-JJ');
  });

  it('writes dates in French, with "1er"', () => {
    expect(formatDateFr(parseCivilDate('2027-03-01'))).toBe('lundi 1er mars 2027');
    expect(formatDateFr(parseCivilDate('2027-08-15'))).toBe('dimanche 15 août 2027');
  });

  it('adds months keeping the day or taking the month’s last day, both ways', () => {
    const step = (d: string, n: number) => {
      const r = addMonths(parseCivilDate(d), n);
      return `${formatCivilDate(r.date)}${r.clamped ? ' (dernier jour)' : ''}`;
    };
    expect(step('2027-01-31', 1)).toBe('2027-02-28 (dernier jour)');
    expect(step('2028-01-31', 1)).toBe('2028-02-29 (dernier jour)');
    expect(step('2027-01-30', 13)).toBe('2028-02-29 (dernier jour)');
    expect(step('2027-03-31', -1)).toBe('2027-02-28 (dernier jour)');
    expect(step('2027-01-15', -1)).toBe('2026-12-15');
    expect(step('2027-11-30', 3)).toBe('2028-02-29 (dernier jour)');
    expect(step('2027-05-31', 12)).toBe('2028-05-31');
  });
});
