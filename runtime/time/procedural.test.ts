import { describe, expect, it } from 'vitest';
import { computeDue, isWorkingDay, reminderDate } from './procedural.ts';

describe('computeDue: CPC art. 640–642 on real calendar cases', () => {
  it('a week starting on a Friday ends on the next Friday, whether written P7D or P1W', () => {
    // Act on Friday 2 July 2027. Art. 641: the 2nd is not counted; days 1–7 are Sat 3 … Fri 9.
    // Friday 9 July 2027 is a working day, so no extension.
    for (const duration of ['P7D', 'P1W']) {
      const r = computeDue('2027-07-02', duration);
      expect(r.due).toBe('2027-07-09');
      expect(r.steps.rawEnd).toBe('2027-07-09');
      expect(r.steps.skipped).toEqual([]);
      expect(r.explanation).toContain('Le jour de l’acte ne compte pas');
      expect(r.explanation).toContain('le premier jour compté est le samedi 3 juillet 2027');
      expect(r.explanation).toContain('le délai n’est pas prorogé');
      expect(r.explanation).toContain('Échéance : vendredi 9 juillet 2027 à 24 h (heure de Paris).');
    }
  });

  it('ten days from a Friday ending on Easter Monday are extended to the Tuesday', () => {
    // Act Friday 19 March 2027, P10D → raw end Monday 29 March 2027 = Easter Monday
    // (Easter 2027 = 28 March) → Tuesday 30 March.
    const r = computeDue('2027-03-19', 'P10D');
    expect(r.steps.rawEnd).toBe('2027-03-29');
    expect(r.due).toBe('2027-03-30');
    expect(r.explanation).toContain('le lundi 29 mars 2027 est un jour férié (lundi de Pâques)');
  });

  it('a month from 31 January 2027 ends on the last day of February, a Sunday, extended to Monday 1 March', () => {
    // Art. 641 al. 2: February 2027 has no 31st (not a leap year) → its last day, Sunday 28 February.
    // Art. 642: Sunday → next working day, Monday 1 March 2027.
    const r = computeDue('2027-01-31', 'P1M');
    expect(r.steps.afterMonths).toBe('2027-02-28');
    expect(r.steps.monthClamped).toBe(true);
    expect(r.steps.rawEnd).toBe('2027-02-28');
    expect(r.steps.skipped).toEqual([{ date: '2027-02-28', kind: 'sunday', label: 'dimanche' }]);
    expect(r.due).toBe('2027-03-01');
    expect(r.explanation).toContain('février 2027 n’en ayant pas, c’est le dernier jour de ce mois');
    expect(r.explanation).toContain('Échéance : lundi 1er mars 2027');
  });

  it('a month from 31 January 2028 (leap year) ends on Tuesday 29 February 2028', () => {
    const r = computeDue('2028-01-31', 'P1M');
    expect(r.steps.monthClamped).toBe(true);
    expect(r.due).toBe('2028-02-29');
    expect(r.steps.skipped).toEqual([]);
  });

  it('a month keeps the day number when the last month has it', () => {
    // 15 March 2027 + 1 month = Thursday 15 April 2027 (the day of the act is the reference, not counted).
    const r = computeDue('2027-03-15', 'P1M');
    expect(r.steps.monthClamped).toBe(false);
    expect(r.due).toBe('2027-04-15');
  });

  it('a deadline ending on 14 July moves to the 15th', () => {
    // Act Wednesday 7 July 2027, P7D → Wednesday 14 July 2027, fête nationale → Thursday 15 July.
    const r = computeDue('2027-07-07', 'P7D');
    expect(r.steps.rawEnd).toBe('2027-07-14');
    expect(r.steps.skipped).toEqual([{ date: '2027-07-14', kind: 'holiday', label: 'fête nationale' }]);
    expect(r.due).toBe('2027-07-15');
    expect(r.explanation).toContain('le mercredi 14 juillet 2027 est un jour férié (fête nationale)');
  });

  it('a deadline ending on Easter Monday moves to the Tuesday', () => {
    // Easter 2027 = Sunday 28 March → Easter Monday 29 March. Act Monday 15 March + P14D = 29 March.
    const r = computeDue('2027-03-15', 'P14D');
    expect(r.steps.rawEnd).toBe('2027-03-29');
    expect(r.due).toBe('2027-03-30');
  });

  it('a deadline ending on a Sunday followed by a holiday Monday moves to the Tuesday', () => {
    // Easter 2027 + 49 = Whit Sunday 16 May; + 50 = Whit Monday 17 May (a jour férié, art. L3133-1).
    // Act Thursday 6 May 2027 (Ascension) + P10D = Sunday 16 May → Monday 17 is a holiday → Tuesday 18 May.
    const r = computeDue('2027-05-06', 'P10D');
    expect(r.steps.rawEnd).toBe('2027-05-16');
    expect(r.steps.skipped.map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2027-05-16 sunday',
      '2027-05-17 holiday',
    ]);
    expect(r.due).toBe('2027-05-18');
    expect(r.explanation).toContain(
      'Or le dimanche 16 mai 2027 est un dimanche et le lundi 17 mai 2027 un jour férié (lundi de Pentecôte)',
    );
    expect(r.explanation).toContain('Échéance : mardi 18 mai 2027');
  });

  it('reproduces a textbook example: 15 days from Friday 7 March 2008', () => {
    // Raw end Saturday 22 March 2008; Sunday 23 is Easter, Monday 24 Easter Monday → Tuesday 25 March 2008.
    const r = computeDue('2008-03-07', 'P15D');
    expect(r.steps.skipped.map((d) => d.label)).toEqual(['samedi', 'dimanche', 'lundi de Pâques']);
    expect(r.due).toBe('2008-03-25');
  });

  it('counts months first, then days (art. 641 al. 3)', () => {
    // 12 February 2027 + 1 month = 12 March; + 15 days (12 March not counted) = Saturday 27 March;
    // Sunday 28 = Easter, Monday 29 = Easter Monday → Tuesday 30 March 2027.
    const r = computeDue('2027-02-12', 'P1M15D');
    expect(r.steps.afterMonths).toBe('2027-03-12');
    expect(r.steps.rawEnd).toBe('2027-03-27');
    expect(r.due).toBe('2027-03-30');
    expect(r.explanation).toContain('Les mois sont décomptés d’abord, puis les jours');
  });

  it('counts a year as the same date a year later, or the last day of February', () => {
    // 29 February 2028 + 1 year: February 2029 has no 29th → Wednesday 28 February 2029.
    expect(computeDue('2028-02-29', 'P1Y').due).toBe('2029-02-28');
    // 15 June 2027 + 2 months → Sunday 15 August 2027 (Assomption and a Sunday) → Monday 16 August.
    const r = computeDue('2027-06-15', 'P2M');
    expect(r.steps.skipped).toEqual([{ date: '2027-08-15', kind: 'holiday', label: 'Assomption' }]);
    expect(r.due).toBe('2027-08-16');
  });

  it('uses the Alsace-Moselle calendar when asked', () => {
    // Act Friday 19 March 2027 + P7D = Friday 26 March 2027 = Good Friday: a working day in the
    // national calendar, a holiday in Alsace-Moselle, where Sat 27, Sun 28 and Easter Monday 29
    // follow → Tuesday 30 March.
    expect(computeDue('2027-03-19', 'P7D').due).toBe('2027-03-26');
    expect(computeDue('2027-03-19', 'P7D', 'fr-alsace-moselle').due).toBe('2027-03-30');
  });
});

describe('computeDue: refused inputs', () => {
  const refused = (start: string, duration: string, calendar = 'fr') => {
    try {
      computeDue(start, duration, calendar);
    } catch (e: unknown) {
      return e;
    }
    throw new Error(`computeDue(${start}, ${duration}) should have thrown`);
  };

  it.each([
    ['2027-02-30', 'février 2027 compte 28 jours'],
    ['2027-13-01', 'le mois doit être compris entre 01 et 12'],
    ['demain', 'format attendu AAAA-MM-JJ'],
    ['2027-7-14', 'format attendu AAAA-MM-JJ'],
    ['2027-02-29', 'février 2027 compte 28 jours'],
  ])('refuses the date %s', (start, why) => {
    const e = refused(start, 'P7D');
    expect(e).toMatchObject({ name: 'ProceduralTimeError', code: 'invalid-date', value: start });
    expect((e as Error).message).toContain(`« ${start} »`);
    expect((e as Error).message).toContain(why);
  });

  it.each([
    ['7D', 'commence par P'],
    ['P', 'aucune quantité'],
    ['PT5H', 'pas en heures'],
    ['P1DT5H', 'pas en heures'],
    ['P0D', 'au moins un jour'],
    ['p7d', 'commence par P'],
    ['P7D1M', 'dans cet ordre'],
    ['P-7D', 'PnYnMnWnD'],
    ['P2000Y', 'plus de mille ans'],
  ])('refuses the duration %s', (duration, why) => {
    const e = refused('2027-07-02', duration);
    expect(e).toMatchObject({ name: 'ProceduralTimeError', code: 'invalid-duration', value: duration });
    expect((e as Error).message).toContain(`« ${duration} »`);
    expect((e as Error).message).toContain(why);
  });

  it('refuses an unknown calendar, naming the known ones', () => {
    const e = refused('2027-07-02', 'P7D', 'fr-guyane');
    expect(e).toMatchObject({ code: 'unknown-calendar', value: 'fr-guyane' });
    expect((e as Error).message).toContain('« fr »');
  });

  it('refuses dates the calendar does not cover rather than guessing', () => {
    expect(refused('1975-05-02', 'P7D')).toMatchObject({ code: 'out-of-range', value: '1975-05-02' });
    const e = refused('9999-12-20', 'P1M');
    expect(e).toMatchObject({ code: 'out-of-range' });
    expect((e as Error).message).toContain('le calcul atteint l’année 10000');
  });
});

describe('reminderDate', () => {
  it('counts back and moves a reminder on a non-working day earlier, never later', () => {
    // Due Tuesday 18 May 2027, 2 days before = Sunday 16 May → Saturday 15 → Friday 14 May.
    expect(reminderDate('2027-05-18', 'P2D')).toBe('2027-05-14');
    // Due Tuesday 30 March 2027, 1 day before = Easter Monday 29 → Sun 28 → Sat 27 → Friday 26 March.
    expect(reminderDate('2027-03-30', 'P1D')).toBe('2027-03-26');
    // …and Good Friday is a holiday in Alsace-Moselle → Thursday 25 March.
    expect(reminderDate('2027-03-30', 'P1D', 'fr-alsace-moselle')).toBe('2027-03-25');
    // A working day stays: due Friday 9 July 2027, 3 days before = Tuesday 6 July.
    expect(reminderDate('2027-07-09', 'P3D')).toBe('2027-07-06');
  });

  it('counts months back to the same day, or the month’s last day', () => {
    // Due Tuesday 31 August 2027 − 1 month = Saturday 31 July → Friday 30 July.
    expect(reminderDate('2027-08-31', 'P1M')).toBe('2027-07-30');
    // Due Wednesday 31 March 2027 − 1 month → February has no 31st → Sunday 28 Feb → Friday 26 Feb.
    expect(reminderDate('2027-03-31', 'P1M')).toBe('2027-02-26');
  });

  it('validates its inputs like computeDue', () => {
    expect(() => reminderDate('2027-02-30', 'P2D')).toThrow(/« 2027-02-30 »/);
    expect(() => reminderDate('2027-05-18', 'PT2H')).toThrow(/pas en heures/);
  });
});

describe('isWorkingDay', () => {
  it('knows weekends and holidays', () => {
    expect(isWorkingDay('2027-07-14')).toBe(false); // fête nationale, a Wednesday
    expect(isWorkingDay('2027-07-15')).toBe(true);
    expect(isWorkingDay('2027-07-17')).toBe(false); // Saturday
    expect(isWorkingDay('2027-12-26')).toBe(false); // Sunday
    expect(isWorkingDay('2028-12-26')).toBe(true); // Tuesday, national calendar
    expect(isWorkingDay('2028-12-26', 'fr-alsace-moselle')).toBe(false); // Saint-Étienne
  });
});
