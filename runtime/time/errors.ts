/** The one error class of procedural time: a bad date, duration or calendar, with a French message naming the value. */

/** Stable codes (documented in docs/delais.md). */
export type ProceduralTimeErrorCode =
  | 'invalid-date'
  | 'invalid-duration'
  | 'unknown-calendar'
  | 'out-of-range'
  | 'invalid-time-zone';

export class ProceduralTimeError extends Error {
  override readonly name = 'ProceduralTimeError';
  /** @param value the value as the caller gave it, so a CLI or API can name it. */
  constructor(
    readonly code: ProceduralTimeErrorCode,
    readonly value: string,
    message: string,
  ) {
    super(message);
  }
}
