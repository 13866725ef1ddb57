/**
 * Durations of procedural deadlines: ISO 8601 years, months, weeks and days
 * (P15D, P2W, P1M, P1Y, P1M15D). No hours: the CPC counts deadlines in days,
 * months and years (art. 641), each ending at 24:00 (art. 642).
 */
import { type DurationParts, parseDuration } from '../../spec/index.ts';
import { ProceduralTimeError } from './errors.ts';

const EXAMPLES = 'par exemple P15D, P2W, P1M ou P1M15D';
/** A thousand years: beyond that a duration is a typo, and dates would leave the calendars. */
const MAX_DAYS = 366_000;

const invalid = (text: string, why: string) =>
  new ProceduralTimeError('invalid-duration', text, `« ${text} » n’est pas une durée valide : ${why}.`);

/**
 * Parses a deadline's duration.
 * @throws ProceduralTimeError `invalid-duration`, its message naming the value and saying what is wrong.
 */
export function parseProceduralDuration(text: string): DurationParts {
  if (!text.startsWith('P')) throw invalid(text, `une durée ISO 8601 commence par P (${EXAMPLES})`);
  if (text === 'P') throw invalid(text, `aucune quantité après P (${EXAMPLES})`);
  if (text.includes('T')) {
    throw invalid(
      text,
      'un délai de procédure se compte en jours, semaines, mois ou années, pas en heures (CPC, art. 641)',
    );
  }
  const parts = parseDuration(text);
  if (!parts) throw invalid(text, `format attendu PnYnMnWnD, dans cet ordre (${EXAMPLES})`);
  const total = parts.years * 366 + parts.months * 31 + parts.weeks * 7 + parts.days;
  if (total === 0) throw invalid(text, 'un délai dure au moins un jour');
  if (!(total <= MAX_DAYS)) throw invalid(text, 'plus de mille ans');
  return parts;
}
