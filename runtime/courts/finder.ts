/**
 * Which tribunal judiciaire serves a postcode (issue 15, point 7): the
 * communes that carry it, each with the court whose ressort includes it. When
 * those communes belong to several ressorts, the answer lists them for the
 * citizen to pick his; with the commune given, the court of that commune.
 */
import { type CourtDataset, type CourtEntry, courtDatasets } from './dataset.ts';

export interface CourtView {
  readonly id: string;
  readonly name: string;
  readonly address: { readonly lines: readonly string[]; readonly postcode: string; readonly city: string };
  /** Null when no source gives the registry's opening hours. */
  readonly hours: string | null;
}

export interface CommuneMatch {
  readonly insee: string;
  readonly name: string;
  /** The court's id, null when the commune is known but no ressort here covers it. */
  readonly court: string | null;
}

/**
 * `invalide`: not five digits; `inconnu`: no commune of the data carries it;
 * `trouve`: one court (`court`); `choisir`: the communes belong to several
 * ressorts, pick one (`communes`).
 */
export type CourtSearchStatus = 'invalide' | 'inconnu' | 'trouve' | 'choisir';

export interface CourtSearch {
  readonly postcode: string;
  readonly status: CourtSearchStatus;
  readonly court: CourtView | null;
  /** The communes that carry the postcode (the one chosen, when `commune` was given). */
  readonly communes: readonly CommuneMatch[];
}

const view = (c: CourtEntry): CourtView => ({
  id: c.id,
  name: c.name,
  address: c.address,
  hours: c.hours ?? null,
});

/** « 23 000 », « 23000 » → 23000; anything else stays as typed (and is `invalide`). */
export const normalizePostcode = (raw: string): string => raw.replace(/[\s\u00a0\u202f]/g, '');

export interface CourtFinder {
  find(postcode: string, commune?: string): CourtSearch;
  court(id: string): CourtEntry | undefined;
  readonly courts: readonly CourtEntry[];
}

export function createCourtFinder(datasets: readonly CourtDataset[]): CourtFinder {
  const courts = new Map<string, CourtEntry>();
  const byPostcode = new Map<string, CommuneMatch[]>();
  for (const d of datasets) {
    for (const c of d.courts) {
      if (courts.has(c.id)) throw new Error(`${d.file} : tribunal « ${c.id} » déjà décrit ailleurs.`);
      courts.set(c.id, c);
    }
    for (const r of d.ressorts)
      for (const c of r.communes)
        for (const p of c.postcodes) {
          const list = byPostcode.get(p) ?? [];
          if (list.some((m) => m.insee === c.insee))
            throw new Error(`${d.file} : commune ${c.insee} dans deux ressorts.`);
          list.push({ insee: c.insee, name: c.name, court: r.court });
          byPostcode.set(p, list);
        }
  }
  for (const list of byPostcode.values()) list.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const courtView = (id: string | null) => {
    const c = id ? courts.get(id) : undefined;
    return c ? view(c) : null;
  };
  return {
    courts: [...courts.values()],
    court: (id) => courts.get(id),
    find(raw, commune) {
      const postcode = normalizePostcode(raw);
      if (!/^\d{5}$/.test(postcode)) return { postcode, status: 'invalide', court: null, communes: [] };
      const all = byPostcode.get(postcode) ?? [];
      const communes = commune ? all.filter((m) => m.insee === commune) : all;
      if (communes.length === 0) return { postcode, status: 'inconnu', court: null, communes: [] };
      const ids = new Set(communes.map((m) => m.court));
      if (ids.size === 1) {
        const [id] = ids;
        const court = courtView(id ?? null);
        return court
          ? { postcode, status: 'trouve', court, communes }
          : { postcode, status: 'inconnu', court: null, communes };
      }
      return { postcode, status: 'choisir', court: null, communes };
    },
  };
}

let finder: CourtFinder | undefined;

/** The finder over the real data of ./data, built once. */
export function courtFinder(): CourtFinder {
  finder ??= createCourtFinder(courtDatasets());
  return finder;
}
