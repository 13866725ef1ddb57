import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, formatCivilDate, fromYmd, parseCivilDate, toYmd } from './civil-date.ts';
import { computeDue, isWorkingDay, reminderDate } from './procedural.ts';

const DAY_2000 = fromYmd(2000, 1, 1);
const DAY_2100 = fromYmd(2100, 12, 31);
const startDate = fc.integer({ min: DAY_2000, max: DAY_2100 }).map(formatCivilDate);
const calendar = fc.constantFrom('fr', 'fr-alsace-moselle');
const duration = fc
  .record({
    years: fc.integer({ min: 0, max: 3 }),
    months: fc.integer({ min: 0, max: 24 }),
    weeks: fc.integer({ min: 0, max: 8 }),
    days: fc.integer({ min: 0, max: 400 }),
  })
  .filter((d) => d.years + d.months + d.weeks + d.days > 0)
  .map((d) => ({
    ...d,
    iso: `P${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`,
  }));

const day = (d: string) => parseCivilDate(d);

describe('computeDue properties', () => {
  it('ends on the first working day on or after the raw end, less than 5 days later', () => {
    fc.assert(
      fc.property(startDate, duration, calendar, (start, d, cal) => {
        const r = computeDue(start, d.iso, cal);
        const raw = day(r.steps.rawEnd);
        expect(isWorkingDay(r.due, cal)).toBe(true);
        expect(day(r.due)).toBeGreaterThanOrEqual(raw);
        expect(day(r.due)).toBeLessThan(raw + 5);
        // Every day skipped is a non-working day, and they run without a gap from the raw end.
        expect(r.steps.skipped.map((s) => s.date)).toEqual(
          Array.from({ length: day(r.due) - raw }, (_, i) => formatCivilDate(raw + i)),
        );
        for (const s of r.steps.skipped) expect(isWorkingDay(s.date, cal)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the raw end where art. 641 says: months to the same day (or the month’s end), then n days', () => {
    fc.assert(
      fc.property(startDate, duration, (start, d) => {
        const r = computeDue(start, d.iso);
        const s = toYmd(day(start));
        // Independent month arithmetic: target month index, then clamp to its length.
        const index = s.year * 12 + s.month - 1 + d.years * 12 + d.months;
        const y = Math.floor(index / 12);
        const m = (index % 12) + 1;
        const lastDay = toYmd(fromYmd(y, m + 1, 1) - 1).day;
        const afterMonths = fromYmd(y, m, Math.min(s.day, lastDay));
        expect(r.steps.rawEnd).toBe(formatCivilDate(afterMonths + d.weeks * 7 + d.days));
      }),
      { numRuns: 2000 },
    );
  });

  it('never gives an earlier due date for a longer deadline', () => {
    fc.assert(
      fc.property(startDate, fc.integer({ min: 1, max: 400 }), calendar, (start, n, cal) => {
        expect(day(computeDue(start, `P${n + 1}D`, cal).due)).toBeGreaterThanOrEqual(
          day(computeDue(start, `P${n}D`, cal).due),
        );
      }),
    );
  });
});

describe('reminderDate properties', () => {
  it('is the last working day on or before due − duration', () => {
    fc.assert(
      fc.property(startDate, duration, calendar, (due, d, cal) => {
        const target = addMonths(day(due) - d.weeks * 7 - d.days, -(d.years * 12 + d.months)).date;
        const r = day(reminderDate(due, d.iso, cal));
        expect(isWorkingDay(formatCivilDate(r), cal)).toBe(true);
        expect(r).toBeLessThanOrEqual(target);
        expect(r).toBeGreaterThan(target - 5);
        for (let x = r + 1; x <= target; x++) expect(isWorkingDay(formatCivilDate(x), cal)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
