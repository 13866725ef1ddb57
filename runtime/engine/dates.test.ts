/** The memoized conversions give exactly what runtime/time gives. */
import { describe, expect, it } from 'vitest';
import { daysLeft, dueInstant, localDate } from '../time/index.ts';
import { civilDateOf, daysUntil, endOfDay, formatDateFr, reminderInstant } from './dates.ts';

describe('dates', () => {
  it.each(['2027-03-27', '2027-03-28', '2027-10-30', '2027-10-31', '2027-12-31'])(
    'endOfDay(%s) = dueInstant',
    (d) => {
      expect(endOfDay(d, 'Europe/Paris').toISOString()).toBe(dueInstant(d, 'Europe/Paris').toISOString());
      expect(endOfDay(d, 'Europe/Paris').toISOString()).toBe(dueInstant(d, 'Europe/Paris').toISOString());
    },
  );

  it('agrees with localDate and daysLeft around midnight in Paris', () => {
    for (const iso of [
      '2027-03-01T22:59:59Z',
      '2027-03-01T23:00:00Z',
      '2027-07-14T21:59:00Z',
      '2027-07-14T22:00:00Z',
    ]) {
      const now = new Date(iso);
      expect(civilDateOf(now, 'Europe/Paris')).toBe(localDate(now, 'Europe/Paris'));
      expect(daysUntil(now, '2027-08-01', 'Europe/Paris')).toBe(daysLeft(now, '2027-08-01', 'Europe/Paris'));
    }
  });

  it('sends reminders at 08:00 Paris time, summer and winter', () => {
    expect(reminderInstant('2027-03-12', 'Europe/Paris').toISOString()).toBe('2027-03-12T07:00:00.000Z');
    expect(reminderInstant('2027-07-13', 'Europe/Paris').toISOString()).toBe('2027-07-13T06:00:00.000Z');
    expect(formatDateFr('2027-07-14')).toBe('mercredi 14 juillet 2027');
  });
});
