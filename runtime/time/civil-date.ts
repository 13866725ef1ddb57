/**
 * Civil dates ("2027-07-14"): a day of the calendar with no time and no zone,
 * which is what the law counts (CPC art. 641 counts days, not hours). Held as
 * an epoch day (days since 1970-01-01) so arithmetic is integer arithmetic.
 */
import { MONTHS_FR, WEEKDAYS_FR } from '../../spec/index.ts';
import { ProceduralTimeError } from './errors.ts';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export { MONTHS_FR, WEEKDAYS_FR };

export interface Ymd {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function fromYmd(year: number, month: number, day: number): number {
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / MS_PER_DAY);
}

export function toYmd(epochDay: number): Ymd {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay + 4) % 7) + 7) % 7;
}

/**
 * Parses "YYYY-MM-DD", refusing dates that do not exist (2027-02-30).
 * @throws ProceduralTimeError `invalid-date`, its message naming the value.
 */
export function parseCivilDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (!m) {
    throw new ProceduralTimeError(
      'invalid-date',
      text,
      `« ${text} » n’est pas une date valide : format attendu AAAA-MM-JJ (par exemple 2027-07-14).`,
    );
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) {
    throw new ProceduralTimeError(
      'invalid-date',
      text,
      `« ${text} » n’est pas une date valide : le mois doit être compris entre 01 et 12.`,
    );
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw new ProceduralTimeError(
      'invalid-date',
      text,
      `« ${text} » n’est pas une date valide : ${MONTHS_FR[month - 1]} ${year} compte ${last} jours.`,
    );
  }
  return fromYmd(year, month, day);
}

export function formatCivilDate(epochDay: number): string {
  const { year, month, day } = toYmd(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "mardi 18 mai 2027", "lundi 1er mars 2027" — written out by hand so no ICU version changes it. */
export function formatDateFr(epochDay: number): string {
  const { year, month, day } = toYmd(epochDay);
  return `${WEEKDAYS_FR[weekday(epochDay)]} ${day === 1 ? '1er' : day} ${MONTHS_FR[month - 1]} ${year}`;
}

/** "février 2027" */
export function formatMonthFr(year: number, month: number): string {
  return `${MONTHS_FR[month - 1]} ${year}`;
}

export interface MonthStep {
  readonly date: number;
  /** True when the target month has no such day and the date fell back to its last day (CPC art. 641 al. 2). */
  readonly clamped: boolean;
}

/**
 * Moves by whole months keeping the day of the month, or the month's last day
 * when it has no such date (CPC art. 641: 31 January + 1 month → 28/29 February).
 * `months` may be negative (reminders count back).
 */
export function addMonths(epochDay: number, months: number): MonthStep {
  const { year, month, day } = toYmd(epochDay);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = daysInMonth(y, m);
  return { date: fromYmd(y, m, Math.min(day, last)), clamped: day > last };
}
