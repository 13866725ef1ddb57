/** What a due-date computation did, step by step: the data behind its French explanation. */
import type { DurationParts } from '../../spec/index.ts';

/** A day the deadline could not end on (CPC art. 642), in the order met. */
export interface SkippedDay {
  /** "YYYY-MM-DD" */
  readonly date: string;
  readonly kind: 'saturday' | 'sunday' | 'holiday';
  /** French: "samedi", "dimanche", or the holiday's name ("fête nationale"). */
  readonly label: string;
}

export interface DueSteps {
  /** Date of the act, event, decision or notification that starts the deadline (CPC art. 640). */
  readonly start: string;
  readonly duration: string;
  readonly parts: DurationParts;
  readonly calendar: string;
  /** Whole months counted first (years × 12 + months), CPC art. 641 al. 2–3. */
  readonly months: number;
  /** Days counted after the months (weeks × 7 + days), the day they start from not counted. */
  readonly days: number;
  /** The date the months lead to, when there are months. */
  readonly afterMonths?: string;
  /** True when the month reached has no day with the start's number, so its last day was taken. */
  readonly monthClamped: boolean;
  /** The last day of the deadline before any extension. */
  readonly rawEnd: string;
  /** Days from rawEnd on that are not working days, in order; empty when rawEnd is a working day. */
  readonly skipped: readonly SkippedDay[];
  /** The due date: the deadline ends at its 24:00 in `timeZone` (CPC art. 642). */
  readonly due: string;
  readonly timeZone: string;
}

export interface DueDate {
  readonly due: string;
  /** French, for parties and the court: how the date was computed, citing the articles. */
  readonly explanation: string;
  readonly steps: DueSteps;
}
