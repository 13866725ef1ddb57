/**
 * Délais de distance (Code de procédure civile, art. 643–644): the places a
 * party may live and a court may sit, and the fact a spec declares for each
 * party's residence. The months they add are counted in runtime/time/distance.ts.
 */

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
