/**
 * From civil dates to instants: when a due date ends (24:00 in the court's
 * time zone, CPC art. 642), which civil date an instant falls on, and how many
 * days are left. Time zones come from the platform's Intl (ICU) data, so
 * daylight-saving changes are handled without a time-zone library.
 */
import { formatCivilDate, fromYmd, parseCivilDate } from './civil-date.ts';
import { ProceduralTimeError } from './errors.ts';

const MS_PER_DAY = 86_400_000;
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (e: unknown) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ProceduralTimeError(
        'invalid-time-zone',
        timeZone,
        `Fuseau horaire « ${timeZone} » inconnu (${why}).`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of instant `t` in `timeZone`, as if it were UTC (ms). */
function wallClock(t: number, timeZone: string): number {
  const get = (parts: Intl.DateTimeFormatPart[], type: string) =>
    Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const day = fromYmd(get(parts, 'year'), get(parts, 'month'), get(parts, 'day'));
  const seconds = get(parts, 'hour') * 3600 + get(parts, 'minute') * 60 + get(parts, 'second');
  return day * MS_PER_DAY + seconds * 1000 + (((t % 1000) + 1000) % 1000);
}

/** The civil date ("YYYY-MM-DD") of an instant in a time zone: what "today" is for the court. */
export function localDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatCivilDate(Math.floor(wallClock(instant.getTime(), timeZone) / MS_PER_DAY));
}

/**
 * The first instant of a civil day in a zone. Midnight is tried with the
 * offsets found around it; where it occurs twice (clocks set back from 01:00
 * to 00:00, e.g. America/Havana) the first one is taken, since the repeated
 * hour already belongs to the new day; where it does not occur (clocks jump
 * at midnight, e.g. America/Santiago) the day starts at the jump, found by
 * bisection.
 */
function startOfDay(epochDay: number, timeZone: string): number {
  const naive = epochDay * MS_PER_DAY;
  const first = naive - (wallClock(naive, timeZone) - naive);
  const second = naive - (wallClock(first, timeZone) - first);
  const exact = (first === second ? [first] : [first, second]).filter(
    (t) => wallClock(t, timeZone) === naive,
  );
  if (exact.length > 0) return Math.min(...exact);
  let lo = naive - 2 * MS_PER_DAY;
  let hi = naive + 2 * MS_PER_DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid, timeZone) >= naive) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The instant a deadline expires: the end of its due date, 24:00 in the
 * court's time zone (CPC art. 642), i.e. the first instant of the next day.
 * An act done before this instant is in time.
 * @example dueInstant('2027-10-29').toISOString() // "2027-10-29T22:00:00.000Z" (CEST, UTC+2)
 */
export function dueInstant(due: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return new Date(startOfDay(parseCivilDate(due) + 1, timeZone));
}

/**
 * Whole days from the court's today to the due date: 0 on the due date itself
 * (the act can still be done until 24:00), negative once it has passed.
 */
export function daysLeft(now: Date, due: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  return parseCivilDate(due) - parseCivilDate(localDate(now, timeZone));
}

/** True from the due date's 24:00 on: the deadline has expired. */
export function isExpired(now: Date, due: string, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  return now.getTime() >= dueInstant(due, timeZone).getTime();
}
