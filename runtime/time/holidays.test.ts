import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCivilDate, toYmd, weekday } from './civil-date.ts';
import { alsaceMoselleHolidays, easterSunday, frenchPublicHolidays } from './holidays.ts';

/**
 * Gauss's Easter algorithm (Gregorian form, with its two exceptions): a
 * different method from the Meeus/Butcher one under test, used as an oracle.
 */
function gaussEaster(year: number): string {
  const a = year % 19;
  const b = year % 4;
  const c = year % 7;
  const k = Math.floor(year / 100);
  const p = Math.floor((13 + 8 * k) / 25);
  const q = Math.floor(k / 4);
  const m = (15 - p + k - q) % 30;
  const n = (4 + k - q) % 7;
  const d = (19 * a + m) % 30;
  const e = (2 * b + 4 * c + 6 * d + n) % 7;
  let month = 3;
  let day = 22 + d + e;
  if (day > 31) {
    month = 4;
    day = d + e - 9;
    if (d === 29 && e === 6) day = 19;
    else if (d === 28 && e === 6 && (11 * m + 11) % 30 < 19) day = 18;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

describe('Easter Sunday (anonymous Gregorian algorithm)', () => {
  it('matches published dates', () => {
    // Published Easter Sundays; 2038 is the latest possible date (25 April), 2285 the earliest (22 March).
    const known: Record<number, string> = {
      2000: '2000-04-23',
      2008: '2008-03-23',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2038: '2038-04-25',
      2285: '2285-03-22',
    };
    for (const [year, date] of Object.entries(known)) {
      expect(formatCivilDate(easterSunday(Number(year))), year).toBe(date);
    }
  });

  it('agrees with Gauss’s algorithm and is a Sunday between 22 March and 25 April, 1583–4099', () => {
    for (let year = 1583; year <= 4099; year++) {
      const easter = easterSunday(year);
      expect(formatCivilDate(easter)).toBe(gaussEaster(year));
      expect(weekday(easter)).toBe(0);
      const { month, day } = toYmd(easter);
      expect(month * 100 + day).toBeGreaterThanOrEqual(322);
      expect(month * 100 + day).toBeLessThanOrEqual(425);
    }
  });

  it('refuses years before the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2027.5)).toThrow(RangeError);
  });
});

describe('French public holidays (Code du travail, art. L3133-1)', () => {
  it('lists the eleven holidays of 2027 in date order', () => {
    // Easter 2027 = 28 March: Easter Monday 29 March, Ascension (+39) Thursday 6 May,
    // Whit Monday (+50) 17 May.
    expect(frenchPublicHolidays(2027).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-01-01 jour de l’an',
      '2027-03-29 lundi de Pâques',
      '2027-05-01 fête du Travail',
      '2027-05-06 Ascension',
      '2027-05-08 victoire de 1945',
      '2027-05-17 lundi de Pentecôte',
      '2027-07-14 fête nationale',
      '2027-08-15 Assomption',
      '2027-11-01 Toussaint',
      '2027-11-11 armistice de 1918',
      '2027-12-25 Noël',
    ]);
    expect(new Set(frenchPublicHolidays(2027).map((h) => h.source))).toEqual(
      new Set(['Code du travail, art. L3133-1']),
    );
  });

  it('puts Easter Monday on a Monday, Ascension on a Thursday, Whit Monday on a Monday, every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const byName = new Map(frenchPublicHolidays(year).map((h) => [h.name, h.date]));
        const dow = (name: string) => new Date(`${byName.get(name)}T00:00:00Z`).getUTCDay();
        expect(byName.size).toBe(11);
        expect([dow('lundi de Pâques'), dow('Ascension'), dow('lundi de Pentecôte')]).toEqual([1, 4, 1]);
      }),
    );
  });

  it('adds Good Friday and Saint Stephen’s Day in Alsace-Moselle (art. L3134-13)', () => {
    const extra = alsaceMoselleHolidays(2027).filter((h) => h.source.endsWith('L3134-13'));
    // Good Friday = Easter Sunday 28 March 2027 − 2 days.
    expect(extra.map((h) => `${h.date} ${h.name}`)).toEqual([
      '2027-03-26 Vendredi saint',
      '2027-12-26 Saint-Étienne',
    ]);
    expect(alsaceMoselleHolidays(2027)).toHaveLength(13);
  });
});
