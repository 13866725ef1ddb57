import { describe, expect, it } from 'vitest';
import { addIsoDuration, ManualClock, systemClock } from './clock.ts';

describe('clocks', () => {
  it('systemClock reads the real time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('ManualClock moves only when told, by calendar months and days in UTC', () => {
    const clock = new ManualClock(new Date('2027-01-31T09:30:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-31T09:30:00.000Z');
    expect(clock.advance('P1M').toISOString()).toBe('2027-02-28T09:30:00.000Z'); // no 31 February
    expect(clock.advance('P1M').toISOString()).toBe('2027-03-28T09:30:00.000Z');
    expect(clock.advance('P2W3D').toISOString()).toBe('2027-04-14T09:30:00.000Z');
    expect(clock.advance('PT14H30M').toISOString()).toBe('2027-04-15T00:00:00.000Z');
    expect(clock.advance('P1Y').toISOString()).toBe('2028-04-15T00:00:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('hands out copies, so callers cannot move it by mutating a Date', () => {
    const clock = new ManualClock(new Date('2027-07-14T12:00:00Z'));
    clock.now().setUTCFullYear(1990);
    expect(clock.now().toISOString()).toBe('2027-07-14T12:00:00.000Z');
  });

  it('refuses bad durations and invalid dates', () => {
    const clock = new ManualClock(new Date('2027-07-14T12:00:00Z'));
    for (const bad of ['P', 'PT', '7D', 'P1H', 'P1DT', '-P1D']) {
      expect(() => clock.advance(bad), bad).toThrow(`« ${bad} »`);
    }
    expect(() => new ManualClock(new Date('demain'))).toThrow(RangeError);
    expect(addIsoDuration(new Date('2027-07-14T12:00:00Z'), 'PT1.5S').toISOString()).toBe(
      '2027-07-14T12:00:01.500Z',
    );
  });
});
