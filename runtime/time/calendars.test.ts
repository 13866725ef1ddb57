import { describe, expect, it } from 'vitest';
import { CALENDARS } from '../../spec/index.ts';
import { getCalendar, holidaysOf, PROCEDURAL_CALENDARS } from './calendars.ts';

describe('calendars', () => {
  it('implements every calendar the spec language lets a procedure name', () => {
    for (const name of CALENDARS) expect(Object.keys(PROCEDURAL_CALENDARS)).toContain(name);
  });

  it('each calendar’s time zone is known to this platform', () => {
    for (const cal of Object.values(PROCEDURAL_CALENDARS)) {
      expect(() => new Intl.DateTimeFormat('fr-FR', { timeZone: cal.timeZone })).not.toThrow();
    }
  });

  it('refuses unknown names, including Object.prototype keys', () => {
    expect(() => getCalendar('toString')).toThrow('« toString » n’est pas un calendrier connu');
    expect(getCalendar('fr').id).toBe('fr');
  });

  it('lists holidays only for the years its rules cover', () => {
    expect(holidaysOf('fr', 2027)).toHaveLength(11);
    // 8 May was not a public holiday from 1959 to 1981: the calendar refuses rather than guess.
    expect(() => holidaysOf('fr', 1981)).toThrow('« 1981 » est hors de la période couverte');
  });
});
