/**
 * The courts a case may be filed with: an id from this list, never free text
 * (a court nobody sits in would leave the case visible to no court). Staff
 * accounts (`greffe users add --court`) and `greffe serve --court` take the
 * same ids. The two sample courts serve development mode and the tests; the
 * courts described with their sources in runtime/courts/data (address,
 * ressort) come after the names listed here.
 */
import { courtDatasets } from '../courts/dataset.ts';
import type { Seat } from '../../spec/index.ts';

export interface Court {
  readonly id: string;
  readonly name: string;
  /**
   * The calendar its deadlines are counted with (runtime/time/calendars.ts)
   * when a procedure says `calendar: juridiction`: the courts of Moselle,
   * Bas-Rhin and Haut-Rhin add Good Friday and 26 December (Code du travail,
   * art. L3134-13).
   */
  readonly calendar: string;
  /**
   * Where it sits, for the délais de distance (Code de procédure civile,
   * art. 643–644): `metropole` when absent, else the overseas territory.
   */
  readonly seat?: Seat;
}

const FR = 'fr';
const ALSACE_MOSELLE = 'fr-alsace-moselle';

const LISTED: readonly Court[] = [
  { id: 'tj-exemple', name: 'Tribunal judiciaire d’exemple (démonstration)', calendar: FR },
  { id: 'tj-autre', name: 'Autre tribunal judiciaire d’exemple (démonstration)', calendar: FR },
  { id: 'tj-paris', name: 'Tribunal judiciaire de Paris', calendar: FR },
  { id: 'tj-lyon', name: 'Tribunal judiciaire de Lyon', calendar: FR },
  { id: 'tj-marseille', name: 'Tribunal judiciaire de Marseille', calendar: FR },
  { id: 'tj-lille', name: 'Tribunal judiciaire de Lille', calendar: FR },
  { id: 'tj-bordeaux', name: 'Tribunal judiciaire de Bordeaux', calendar: FR },
  { id: 'tj-toulouse', name: 'Tribunal judiciaire de Toulouse', calendar: FR },
  { id: 'tj-nantes', name: 'Tribunal judiciaire de Nantes', calendar: FR },
  { id: 'tj-strasbourg', name: 'Tribunal judiciaire de Strasbourg', calendar: ALSACE_MOSELLE },
  { id: 'tj-colmar', name: 'Tribunal judiciaire de Colmar', calendar: ALSACE_MOSELLE },
  { id: 'tj-mulhouse', name: 'Tribunal judiciaire de Mulhouse', calendar: ALSACE_MOSELLE },
  { id: 'tj-saverne', name: 'Tribunal judiciaire de Saverne', calendar: ALSACE_MOSELLE },
  { id: 'tj-metz', name: 'Tribunal judiciaire de Metz', calendar: ALSACE_MOSELLE },
  { id: 'tj-thionville', name: 'Tribunal judiciaire de Thionville', calendar: ALSACE_MOSELLE },
  { id: 'tj-sarreguemines', name: 'Tribunal judiciaire de Sarreguemines', calendar: ALSACE_MOSELLE },
];

export const COURTS: readonly Court[] = [
  ...LISTED,
  ...courtDatasets()
    .flatMap((d) => d.courts)
    .filter((c) => !LISTED.some((l) => l.id === c.id))
    .map(({ id, name, calendar }) => ({ id, name, calendar })),
];

const byId = new Map(COURTS.map((c) => [c.id, c]));

export const courtById = (id: string): Court | undefined => byId.get(id);

/** Where court `id` sits (art. 643–644): `metropole` unless its data says otherwise, or for an unknown id. */
export const courtSeat = (id: string | undefined): Seat =>
  (id === undefined ? undefined : byId.get(id)?.seat) ?? 'metropole';

export const courtIds = (): string[] => COURTS.map((c) => c.id);
