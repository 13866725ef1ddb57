/**
 * Small date helpers the engine needs around runtime/time: French long dates,
 * reminder instants, and memoized zone conversions (runtime/time converts
 * through Intl, which costs microseconds a call; an event makes several).
 */
import { dueInstant, localDate } from '../time/index.ts';

const MS_PER_DAY = 86_400_000;
const frLong = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2027-03-12" → "vendredi 12 mars 2027"; the first of the month is "1er" ("lundi 1er mars 2027"). */
export function formatDateFr(date: string): string {
  const text = frLong.format(new Date(`${date}T00:00:00Z`));
  return date.endsWith('-01') ? text.replace(/(^|\s)1(\s)/, '$11er$2') : text;
}

/** The civil date before `date` ("2027-03-01" → "2027-02-28"). */
export function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - MS_PER_DAY).toISOString().slice(0, 10);
}

const ends = new Map<string, number>();

/** runtime/time `dueInstant` (24:00 at the end of `date` in `timeZone`), memoized: a pure function of its arguments. */
export function endOfDay(date: string, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  let t = ends.get(key);
  if (t === undefined) {
    if (ends.size >= 20_000) ends.clear();
    t = dueInstant(date, timeZone).getTime();
    ends.set(key, t);
  }
  return new Date(t);
}

const today = new Map<string, { minute: number; date: string }>();

/** runtime/time `localDate(now)`, recomputed at most once a minute per zone. */
export function civilDateOf(now: Date, timeZone: string): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = today.get(timeZone);
  if (known?.minute === minute) return known.date;
  const date = localDate(now, timeZone);
  today.set(timeZone, { minute, date });
  return date;
}

/** Hour of the day (court's zone) at which reminders go out: not in the middle of the night. */
export const REMINDER_HOUR = 8;

/**
 * When a reminder dated `date` goes out: 08:00 in `timeZone`. Reminder dates
 * are working days (runtime/time `reminderDate`), so never a daylight-saving
 * Sunday: local midnight + 8 h is exactly 08:00.
 */
export function reminderInstant(date: string, timeZone: string): Date {
  return new Date(endOfDay(previousDate(date), timeZone).getTime() + REMINDER_HOUR * 3_600_000);
}

/** Whole days from the court's today to `due` (runtime/time `daysLeft`, with the memoized today). */
export function daysUntil(now: Date, due: string, timeZone: string): number {
  return Math.round(
    (Date.parse(`${due}T00:00:00Z`) - Date.parse(`${civilDateOf(now, timeZone)}T00:00:00Z`)) / MS_PER_DAY,
  );
}
