/**
 * Délais de distance (Code de procédure civile, art. 643 et 644): the times
 * for comparution, appel, opposition, tierce opposition, recours en révision
 * and pourvoi en cassation grow by one month for a party living overseas when
 * the court sits in metropolitan France, and by one month for a party not
 * living in the court's territory when it sits overseas; by two months for a
 * party living abroad, wherever the court sits. The months are added to the
 * deadline's own before art. 642 extends it past a non-working day.
 */
import { ABROAD_MONTHS, OVERSEAS_MONTHS, ofMonthsFr, type Residence, type Seat } from '../../spec/index.ts';
import { parseProceduralDuration } from './duration.ts';

/**
 * The months art. 643–644 add for a party living at `residence` before a court sitting at `seat`.
 * @example distanceMonths('metropole', 'martinique') // 1 (art. 643 1°)
 * @example distanceMonths('la_reunion', 'metropole') // 1 (art. 644 1°)
 */
export function distanceMonths(seat: Seat, residence: Residence): number {
  if (residence === 'etranger') return ABROAD_MONTHS;
  return residence === seat ? 0 : OVERSEAS_MONTHS;
}

/** `duration` lengthened by `months` (P15D + 1 → P1M15D); unchanged for 0. */
export function extendDuration(duration: string, months: number): string {
  if (months === 0) return duration;
  const p = parseProceduralDuration(duration);
  const m = p.years * 12 + p.months + months;
  return `P${m}M${p.weeks ? `${p.weeks}W` : ''}${p.days ? `${p.days}D` : ''}`;
}

/** The sentence a deadline's explanation begins with when it is lengthened. */
export function distanceExplanation(seat: Seat, residence: Residence, months: number): string {
  if (months === 0) return '';
  const who =
    residence === 'etranger'
      ? 'la partie demeure à l’étranger'
      : seat === 'metropole'
        ? 'la partie demeure outre-mer et la juridiction siège en France métropolitaine'
        : 'la partie ne demeure pas dans la collectivité où siège la juridiction';
  const article = seat === 'metropole' ? 643 : 644;
  return `Délai augmenté ${ofMonthsFr(months)} : ${who} (CPC, art. ${article}).`;
}
