/**
 * Calendars for counting procedural time, keyed by the name a procedure's
 * `calendar:` uses (spec/vocabulary.ts CALENDARS). A calendar says which days
 * are not working days (CPC art. 642) and in which time zone a day ends.
 */
import { formatCivilDate, toYmd, weekday } from './civil-date.ts';
import { ProceduralTimeError } from './errors.ts';
import { alsaceMoselleHolidays, frenchPublicHolidays, type Holiday } from './holidays.ts';

export interface ProceduralCalendar {
  readonly id: string;
  /** French, for explanations and docs. */
  readonly label: string;
  /** IANA zone in which a day ends at 24:00 (CPC art. 642). */
  readonly timeZone: string;
  /** How explanations name that zone ("heure de Paris"). */
  readonly timeZoneLabel: string;
  /** Years the holiday rules are right for; dates outside are refused, not guessed. */
  readonly firstYear: number;
  readonly lastYear: number;
  holidays(year: number): readonly Holiday[];
}

/** 8 May is a public holiday again only since loi n° 81-893 du 2 octobre 1981. */
const FIRST_YEAR = 1982;
const LAST_YEAR = 9999;

/** Every calendar greffe implements; a test checks it covers spec/vocabulary.ts CALENDARS. */
export const PROCEDURAL_CALENDARS: Readonly<Record<string, ProceduralCalendar>> = {
  fr: {
    id: 'fr',
    label: 'France métropolitaine (jours fériés du Code du travail, art. L3133-1)',
    timeZone: 'Europe/Paris',
    timeZoneLabel: 'heure de Paris',
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
    holidays: frenchPublicHolidays,
  },
  'fr-alsace-moselle': {
    id: 'fr-alsace-moselle',
    label: 'Bas-Rhin, Haut-Rhin et Moselle (art. L3133-1 et L3134-13 du Code du travail)',
    timeZone: 'Europe/Paris',
    timeZoneLabel: 'heure de Paris',
    firstYear: FIRST_YEAR,
    lastYear: LAST_YEAR,
    holidays: alsaceMoselleHolidays,
  },
};

/** A calendar by name, or the calendar itself (e.g. one built by a test). */
export type CalendarRef = string | ProceduralCalendar;

/** @throws ProceduralTimeError `unknown-calendar`, naming the calendars that exist. */
export function getCalendar(ref: CalendarRef): ProceduralCalendar {
  if (typeof ref !== 'string') return ref;
  const calendar = Object.hasOwn(PROCEDURAL_CALENDARS, ref) ? PROCEDURAL_CALENDARS[ref] : undefined;
  if (!calendar) {
    const known = Object.keys(PROCEDURAL_CALENDARS)
      .map((k) => `« ${k} »`)
      .join(', ');
    throw new ProceduralTimeError(
      'unknown-calendar',
      ref,
      `« ${ref} » n’est pas un calendrier connu (calendriers connus : ${known}).`,
    );
  }
  return calendar;
}

const cache = new WeakMap<ProceduralCalendar, Map<number, ReadonlyMap<string, Holiday>>>();

function holidayMap(calendar: ProceduralCalendar, year: number): ReadonlyMap<string, Holiday> {
  let years = cache.get(calendar);
  if (!years) {
    years = new Map();
    cache.set(calendar, years);
  }
  let map = years.get(year);
  if (!map) {
    map = new Map(calendar.holidays(year).map((h) => [h.date, h]));
    years.set(year, map);
  }
  return map;
}

/** @throws ProceduralTimeError `out-of-range` when the calendar's rules do not cover that year. */
export function checkInRange(calendar: ProceduralCalendar, epochDay: number, given: string): void {
  checkYear(calendar, toYmd(epochDay).year, given);
}

function checkYear(calendar: ProceduralCalendar, year: number, given: string): void {
  if (year >= calendar.firstYear && year <= calendar.lastYear) return;
  const reached = given.startsWith(String(year)) ? '' : ` : le calcul atteint l’année ${year}`;
  throw new ProceduralTimeError(
    'out-of-range',
    given,
    `« ${given} » est hors de la période couverte par le calendrier « ${calendar.id} » ` +
      `(années ${calendar.firstYear} à ${calendar.lastYear})${reached}.`,
  );
}

/** Why a day is not a working day in the sense of CPC art. 642; a holiday wins over the weekend. */
export type NonWorkingReason =
  | { readonly kind: 'holiday'; readonly holiday: Holiday }
  | { readonly kind: 'saturday' }
  | { readonly kind: 'sunday' };

export function nonWorkingReason(
  calendar: ProceduralCalendar,
  epochDay: number,
): NonWorkingReason | undefined {
  checkInRange(calendar, epochDay, formatCivilDate(epochDay));
  const holiday = holidayMap(calendar, toYmd(epochDay).year).get(formatCivilDate(epochDay));
  if (holiday) return { kind: 'holiday', holiday };
  const wd = weekday(epochDay);
  if (wd === 6) return { kind: 'saturday' };
  if (wd === 0) return { kind: 'sunday' };
  return undefined;
}

/** Public holidays of a calendar for one year, in date order. */
export function holidaysOf(ref: CalendarRef, year: number): readonly Holiday[] {
  const calendar = getCalendar(ref);
  checkYear(calendar, year, String(year));
  return [...holidayMap(calendar, year).values()];
}
