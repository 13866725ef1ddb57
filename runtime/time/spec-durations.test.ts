/** The procedures greffe ships name calendars and durations that procedural time can count. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProcedure } from '../../spec/index.ts';
import { computeDue, reminderDate } from './procedural.ts';

const DIRS = ['test/fixtures/procedures/mediation/1.0.0', 'spec/procedures/petits-litiges/1.0.0'];

describe.each(DIRS)('%s', (dir) => {
  it.skipIf(!existsSync(dir))('every deadline and reminder counts in the procedure’s calendar', () => {
    const { procedure, diagnostics } = loadProcedure(dir);
    expect(procedure, JSON.stringify(diagnostics)).toBeDefined();
    if (!procedure) return;
    expect(Object.keys(procedure.deadlines).length).toBeGreaterThan(0);
    const durationOf = (name: string) => {
      const p = procedure.parameters[name];
      if (p?.type !== 'duration') throw new Error(`${name} n’est pas un paramètre de durée`);
      return p.value;
    };
    for (const deadline of Object.values(procedure.deadlines)) {
      const { due } = computeDue('2027-01-15', durationOf(deadline.duration), procedure.calendar);
      for (const r of deadline.reminders) {
        expect(reminderDate(due, durationOf(r.before), procedure.calendar) <= due).toBe(true);
      }
    }
  });
});
