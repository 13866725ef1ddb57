import { describe, expect, it } from 'vitest';
import { daysLeft, dueInstant, isExpired, localDate } from './instant.ts';

const iso = (d: Date) => d.toISOString();

describe('dueInstant: a deadline ends at 24:00 Paris time (CPC art. 642)', () => {
  it('is 22:00 UTC in summer and 23:00 UTC in winter', () => {
    expect(iso(dueInstant('2027-07-15'))).toBe('2027-07-15T22:00:00.000Z'); // CEST, UTC+2
    expect(iso(dueInstant('2027-03-01'))).toBe('2027-03-01T23:00:00.000Z'); // CET, UTC+1
  });

  it('handles the last Sunday of March (clocks go forward at 02:00: a 23-hour day)', () => {
    // 28 March 2027: 02:00 CET → 03:00 CEST. The day before ends at midnight CET,
    // the day itself ends at midnight CEST.
    expect(iso(dueInstant('2027-03-27'))).toBe('2027-03-27T23:00:00.000Z');
    expect(iso(dueInstant('2027-03-28'))).toBe('2027-03-28T22:00:00.000Z');
    expect(dueInstant('2027-03-28').getTime() - dueInstant('2027-03-27').getTime()).toBe(23 * 3_600_000);
  });

  it('handles the last Sunday of October (clocks go back at 03:00: a 25-hour day)', () => {
    // 31 October 2027: 03:00 CEST → 02:00 CET.
    expect(iso(dueInstant('2027-10-30'))).toBe('2027-10-30T22:00:00.000Z');
    expect(iso(dueInstant('2027-10-31'))).toBe('2027-10-31T23:00:00.000Z');
    expect(dueInstant('2027-10-31').getTime() - dueInstant('2027-10-30').getTime()).toBe(25 * 3_600_000);
  });

  it('works in other zones, including one whose clocks jump at midnight', () => {
    expect(iso(dueInstant('2027-07-14', 'Pacific/Noumea'))).toBe('2027-07-14T13:00:00.000Z'); // UTC+11
    expect(iso(dueInstant('2027-07-14', 'America/Cayenne'))).toBe('2027-07-15T03:00:00.000Z'); // UTC−3
    // Chile, 8 September 2024: 00:00 (UTC−4) jumps to 01:00 (UTC−3); the 7th ends at the jump.
    expect(iso(dueInstant('2024-09-07', 'America/Santiago'))).toBe('2024-09-08T04:00:00.000Z');
    // Chile, 7 April 2024: 24:00 (UTC−3) goes back to 23:00 (UTC−4): the repeated hour is the 6th's,
    // which ends at 00:00 UTC−4.
    expect(iso(dueInstant('2024-04-06', 'America/Santiago'))).toBe('2024-04-07T04:00:00.000Z');
    // Cuba, 3 November 2024: 01:00 (UTC−4) goes back to 00:00 (UTC−5): midnight happens twice and the
    // 2 November ends at the first one; the repeated hour belongs to the 3rd.
    expect(iso(dueInstant('2024-11-02', 'America/Havana'))).toBe('2024-11-03T04:00:00.000Z');
  });

  it('refuses an unknown time zone with a typed error', () => {
    expect(() => dueInstant('2027-07-15', 'Europe/Lutece')).toThrow(
      expect.objectContaining({ code: 'invalid-time-zone', value: 'Europe/Lutece' }),
    );
  });
});

describe('localDate, daysLeft, isExpired', () => {
  it('reads the court’s date, not UTC’s', () => {
    expect(localDate(new Date('2027-12-31T23:30:00Z'))).toBe('2028-01-01'); // 00:30 in Paris
    expect(localDate(new Date('2027-12-31T22:59:59Z'))).toBe('2027-12-31');
  });

  it('counts whole days to the due date, 0 on the day itself', () => {
    expect(daysLeft(new Date('2027-05-16T10:00:00Z'), '2027-05-18')).toBe(2);
    expect(daysLeft(new Date('2027-05-17T22:30:00Z'), '2027-05-18')).toBe(0); // 00:30 on the 18th in Paris
    expect(daysLeft(new Date('2027-05-18T22:00:00Z'), '2027-05-18')).toBe(-1); // midnight: the 19th
  });

  it('expires exactly at 24:00', () => {
    expect(isExpired(new Date('2027-05-18T21:59:59.999Z'), '2027-05-18')).toBe(false);
    expect(isExpired(new Date('2027-05-18T22:00:00.000Z'), '2027-05-18')).toBe(true);
  });
});
