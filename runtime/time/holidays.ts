/**
 * French public holidays, computed for any year rather than listed by hand:
 * fixed dates plus the feasts that follow Easter.
 */
import { formatCivilDate, fromYmd } from './civil-date.ts';

export interface Holiday {
  /** "YYYY-MM-DD" */
  readonly date: string;
  /** Its French name, as explanations print it ("fête nationale"). */
  readonly name: string;
  /** The text that makes it a public holiday. */
  readonly source: string;
}

const NATIONAL = 'Code du travail, art. L3133-1';
const ALSACE_MOSELLE = 'Code du travail, art. L3134-13';

/** The Gregorian calendar's first full year: Easter rules below hold from then on. */
export const FIRST_GREGORIAN_YEAR = 1583;

/**
 * Easter Sunday as an epoch day, by the anonymous Gregorian algorithm
 * (Meeus, Astronomical Algorithms, ch. 8 — no table, valid for every Gregorian year).
 * @example formatCivilDate(easterSunday(2027)) // "2027-03-28"
 */
export function easterSunday(year: number): number {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR) {
    throw new RangeError(`easterSunday: année grégorienne attendue, reçu ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return fromYmd(year, Math.floor(n / 31), (n % 31) + 1);
}

const holiday = (epochDay: number, name: string, source: string): Holiday => ({
  date: formatCivilDate(epochDay),
  name,
  source,
});

/**
 * The eleven public holidays of Code du travail art. L3133-1, in date order.
 * Whit Monday stays on the list even where it is worked as the "journée de
 * solidarité" (art. L3133-7 ff.): it remains a jour férié in law.
 */
export function frenchPublicHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, name: string) =>
    holiday(fromYmd(year, month, day), name, NATIONAL);
  return [
    fixed(1, 1, 'jour de l’an'),
    holiday(easter + 1, 'lundi de Pâques', NATIONAL),
    fixed(5, 1, 'fête du Travail'),
    fixed(5, 8, 'victoire de 1945'),
    holiday(easter + 39, 'Ascension', NATIONAL),
    holiday(easter + 50, 'lundi de Pentecôte', NATIONAL),
    fixed(7, 14, 'fête nationale'),
    fixed(8, 15, 'Assomption'),
    fixed(11, 1, 'Toussaint'),
    fixed(11, 11, 'armistice de 1918'),
    fixed(12, 25, 'Noël'),
  ].sort((x, y) => x.date.localeCompare(y.date));
}

/**
 * Moselle, Bas-Rhin and Haut-Rhin: the national list plus Good Friday and
 * 26 December (Code du travail art. L3134-13). The code makes Good Friday a
 * holiday "dans les communes ayant un temple protestant ou une église mixte";
 * this calendar counts it in the whole of the three departments — a choice,
 * stated in docs/delais.md, that a court may have to confirm.
 */
export function alsaceMoselleHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  return [
    ...frenchPublicHolidays(year),
    holiday(easter - 2, 'Vendredi saint', ALSACE_MOSELLE),
    holiday(fromYmd(year, 12, 26), 'Saint-Étienne', ALSACE_MOSELLE),
  ].sort((x, y) => x.date.localeCompare(y.date));
}
