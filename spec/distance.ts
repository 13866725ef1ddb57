/**
 * Délais de distance (Code de procédure civile, art. 643–644): the places a
 * party may live and a court may sit, and the fact a spec declares for each
 * party's residence, and the months the law adds (one place for them: the
 * engine counts with them, runtime/time/distance.ts, and the statement of
 * remedies says them, spec/remedies.ts).
 */

/** Art. 643 1° and 644 1°: a party living overseas, or outside the overseas territory where the court sits. */
export const OVERSEAS_MONTHS = 1;
/** Art. 643 2° and 644 2°: a party living abroad. */
export const ABROAD_MONTHS = 2;

/** « un mois », « deux mois »: the délais de distance as a decree writes them. */
const monthsFr = (n: number): string => `${n === 1 ? 'un' : n === 2 ? 'deux' : String(n)} mois`;

/** « d’un mois », « de deux mois »: after « augmenté », elided before a vowel as French writes it. */
export const ofMonthsFr = (n: number): string => {
  const months = monthsFr(n);
  return /^[aeiouy]/.test(months) ? `d’${months}` : `de ${months}`;
};

/** The overseas territories art. 643 lists, as a residence fact's values and a court's seat. */
export const OVERSEAS_TERRITORIES = [
  'guadeloupe',
  'guyane',
  'martinique',
  'la_reunion',
  'mayotte',
  'saint_barthelemy',
  'saint_martin',
  'saint_pierre_et_miquelon',
  'polynesie_francaise',
  'wallis_et_futuna',
  'nouvelle_caledonie',
  'taaf',
] as const;

export type OverseasTerritory = (typeof OVERSEAS_TERRITORIES)[number];
/** Where a court sits. */
export type Seat = 'metropole' | OverseasTerritory;
/** Where a party lives: a seat, or abroad. */
export type Residence = Seat | 'etranger';

/** Every value a residence fact may take (its enum). */
export const RESIDENCES: readonly Residence[] = ['metropole', ...OVERSEAS_TERRITORIES, 'etranger'];

export const isResidence = (v: unknown): v is Residence =>
  typeof v === 'string' && (RESIDENCES as readonly string[]).includes(v);

/** The fact (rules.yaml `facts:`) that says where party `role` lives: `residence_<role>`. */
export const residenceFact = (role: string): string => `residence_${role}`;
