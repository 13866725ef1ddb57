/**
 * Procedural deadlines as the Code de procédure civile counts them
 * (art. 640–642): from the date of the act, the day of the act not counted,
 * months before days, ending at 24:00 on the last day, extended past
 * Saturdays, Sundays and public holidays to the next working day.
 */
import { addMonths, formatCivilDate, parseCivilDate } from './civil-date.ts';
import {
  type CalendarRef,
  checkInRange,
  getCalendar,
  nonWorkingReason,
  type ProceduralCalendar,
} from './calendars.ts';
import { parseProceduralDuration } from './duration.ts';
import { explainDue } from './explain.ts';
import type { DueDate, SkippedDay } from './steps.ts';

/** No calendar has a week of holidays; a longer run means a broken calendar, not a long weekend. */
const MAX_SKIPPED = 14;

/**
 * The due date of a deadline of `duration` that starts with an act dated `start`.
 * @example computeDue('2027-05-06', 'P10D').due // "2027-05-18": Sunday 16 May, then Whit Monday
 * @throws ProceduralTimeError for a bad date, duration or calendar, or a date the calendar does not cover.
 */
export function computeDue(start: string, duration: string, calendar: CalendarRef = 'fr'): DueDate {
  const cal = getCalendar(calendar);
  const startDay = parseCivilDate(start);
  checkInRange(cal, startDay, start);
  const parts = parseProceduralDuration(duration);
  const months = parts.years * 12 + parts.months;
  const days = parts.weeks * 7 + parts.days;

  // CPC art. 641 al. 2: in months (or years), the same numbered day of the last month, or
  // that month's last day when it has none. Al. 3: months first, then days.
  const monthStep = months > 0 ? addMonths(startDay, months) : undefined;
  // CPC art. 641 al. 1: the day the count starts from is not counted, so the n-th day is start + n.
  const rawEnd = (monthStep?.date ?? startDay) + days;
  checkInRange(cal, rawEnd, start);

  // CPC art. 642 al. 2: extended to the first working day after a Saturday, Sunday or holiday.
  const { due, skipped } = firstWorkingDayFrom(cal, rawEnd, 1);
  const steps = {
    start,
    duration,
    parts,
    calendar: cal.id,
    months,
    days,
    ...(monthStep ? { afterMonths: formatCivilDate(monthStep.date) } : {}),
    monthClamped: monthStep?.clamped ?? false,
    rawEnd: formatCivilDate(rawEnd),
    skipped,
    due: formatCivilDate(due),
    timeZone: cal.timeZone,
  };
  return { due: steps.due, explanation: explainDue(steps, cal), steps };
}

/**
 * When to remind a party of a deadline: `before` (e.g. "P2D", "P1M") before
 * the due date, counted back in calendar days and months (days first, then
 * months: the reverse of art. 641's order). A reminder that would fall on a
 * non-working day is moved EARLIER, to the previous working day, so the party
 * still has working days left to act. This is not a legal deadline: art. 642
 * does not govern it.
 * @example reminderDate('2027-05-18', 'P2D') // "2027-05-14": Sunday 16 May → Friday 14 May
 */
export function reminderDate(due: string, before: string, calendar: CalendarRef = 'fr'): string {
  const cal = getCalendar(calendar);
  const dueDay = parseCivilDate(due);
  checkInRange(cal, dueDay, due);
  const parts = parseProceduralDuration(before);
  const afterDays = dueDay - (parts.weeks * 7 + parts.days);
  const months = parts.years * 12 + parts.months;
  const target = months > 0 ? addMonths(afterDays, -months).date : afterDays;
  checkInRange(cal, target, due);
  return formatCivilDate(firstWorkingDayFrom(cal, target, -1).due);
}

/** Whether a date is a working day in the calendar (not a Saturday, Sunday or public holiday). */
export function isWorkingDay(date: string, calendar: CalendarRef = 'fr'): boolean {
  const cal = getCalendar(calendar);
  const day = parseCivilDate(date);
  return nonWorkingReason(cal, day) === undefined;
}

function firstWorkingDayFrom(
  cal: ProceduralCalendar,
  from: number,
  direction: 1 | -1,
): { due: number; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let day = from;
  for (let reason = nonWorkingReason(cal, day); reason; reason = nonWorkingReason(cal, day)) {
    skipped.push({
      date: formatCivilDate(day),
      kind: reason.kind,
      label:
        reason.kind === 'holiday' ? reason.holiday.name : reason.kind === 'saturday' ? 'samedi' : 'dimanche',
    });
    if (skipped.length > MAX_SKIPPED) {
      throw new Error(`Calendrier « ${cal.id} » : aucun jour ouvrable autour du ${formatCivilDate(from)}.`);
    }
    day += direction;
  }
  return { due: day, skipped };
}
