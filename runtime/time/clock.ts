/**
 * Where "now" comes from. The runtime takes a Clock instead of calling
 * `new Date()`, so tests and the development mode can run two months of
 * procedure in milliseconds (docs/architecture.md, Invariants).
 */
import { addMonths } from './civil-date.ts';
import { ProceduralTimeError } from './errors.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const MS_PER_DAY = 86_400_000;
const CLOCK_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/**
 * Adds an ISO 8601 duration to an instant in UTC: years and months first
 * (keeping the day, or the month's last day: 31 January + P1M → end of
 * February, as CPC art. 641 counts), then weeks and days, then hours,
 * minutes and seconds.
 * @example addIsoDuration(new Date('2027-01-31T09:00:00Z'), 'P1MT1H') // 2027-02-28T10:00:00Z
 */
export function addIsoDuration(instant: Date, iso: string): Date {
  const m = CLOCK_DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) {
    throw new ProceduralTimeError(
      'invalid-duration',
      iso,
      `« ${iso} » n’est pas une durée ISO 8601 valide (par exemple P2M, P7D ou PT1H).`,
    );
  }
  const n = (i: number) => Number(m[i] ?? 0);
  const t = instant.getTime();
  const day = Math.floor(t / MS_PER_DAY);
  const timeOfDay = t - day * MS_PER_DAY;
  const afterMonths = addMonths(day, n(1) * 12 + n(2)).date + n(3) * 7 + n(4);
  const ms = afterMonths * MS_PER_DAY + timeOfDay + ((n(5) * 60 + n(6)) * 60 + n(7)) * 1000;
  return new Date(Math.round(ms));
}

/** A clock that only moves when told to: for tests and the development mode. */
export class ManualClock implements Clock {
  #now: number;

  constructor(start: Date) {
    this.#now = ManualClock.#checked(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  /** Sets the time, forwards or backwards. */
  set(instant: Date): void {
    this.#now = ManualClock.#checked(instant);
  }

  /** Moves forward by an ISO 8601 duration ("P2M", "P7D", "PT1H"), months counted in UTC; returns the new now. */
  advance(iso: string): Date {
    this.#now = addIsoDuration(new Date(this.#now), iso).getTime();
    return this.now();
  }

  static #checked(instant: Date): number {
    const t = instant.getTime();
    if (Number.isNaN(t)) throw new RangeError('ManualClock : date invalide.');
    return t;
  }
}
