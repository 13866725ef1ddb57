/**
 * The courts as data (issue 15, point 7): each tribunal judiciaire with its
 * address and calendar, and its ressort as the communes (INSEE code, name,
 * postcodes) it serves, one YAML file per département in ./data. Every fact
 * carries its source and the day it was read; what could not be verified is
 * left out (no opening hours unless a source gives them). The files are read
 * on the server only: the web app asks GET /api/tribunaux.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Where a fact comes from: a public address, or a precise reference when the copy read has none. */
export interface Source {
  readonly fact?: string;
  readonly url?: string;
  readonly ref?: string;
  readonly title?: string;
  /** The day the source was read, YYYY-MM-DD. */
  readonly read: string;
}

export interface CourtAddress {
  readonly lines: readonly string[];
  readonly postcode: string;
  readonly city: string;
}

export interface CourtEntry {
  readonly id: string;
  readonly name: string;
  /** runtime/time/calendars.ts: `fr`, or `fr-alsace-moselle` for Moselle, Bas-Rhin and Haut-Rhin. */
  readonly calendar: string;
  readonly address: CourtAddress;
  /** Opening hours of the registry, only when a source gives them. */
  readonly hours?: string;
  readonly sources: readonly Source[];
}

export interface Commune {
  readonly insee: string;
  readonly name: string;
  readonly postcodes: readonly string[];
}

export interface Ressort {
  readonly court: string;
  readonly scope: string;
  readonly source: Source;
  readonly communesSource: Source;
  readonly communes: readonly Commune[];
}

export interface CourtDataset {
  /** The file it was read from, for error messages. */
  readonly file: string;
  readonly departement: { readonly code: string; readonly nom: string };
  readonly courts: readonly CourtEntry[];
  readonly ressorts: readonly Ressort[];
}

export const COURT_DATA_DIR = join(import.meta.dirname, 'data');

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const POSTCODE = /^\d{5}$/;
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

export class DatasetError extends Error {}
export function need(ok: unknown, file: string, what: string): asserts ok {
  if (!ok) throw new DatasetError(`${file} : ${what}`);
}

export function source(v: unknown, file: string, where: string): Source {
  need(isObj(v), file, `${where} : source manquante`);
  const { fact, url, ref, title, read } = v;
  need(typeof url === 'string' || typeof ref === 'string', file, `${where} : la source n'a ni url ni ref`);
  need(
    url === undefined || (typeof url === 'string' && url.startsWith('https://')),
    file,
    `${where} : url non https`,
  );
  need(
    typeof read === 'string' && DAY.test(read),
    file,
    `${where} : date de lecture (read) absente ou mal formée`,
  );
  return {
    ...(typeof fact === 'string' && { fact }),
    ...(typeof url === 'string' && { url }),
    ...(typeof ref === 'string' && { ref }),
    ...(typeof title === 'string' && { title }),
    read,
  };
}

/** Checks and reads one département's file; throws with the file and the faulty entry. */
export function parseCourtDataset(text: string, file: string): CourtDataset {
  const raw = parse(text) as unknown;
  need(isObj(raw), file, 'pas un document YAML');
  const dep = raw.departement;
  need(
    isObj(dep) && typeof dep.code === 'string' && typeof dep.nom === 'string',
    file,
    'departement { code, nom } manquant',
  );
  need(Array.isArray(raw.courts) && raw.courts.length > 0, file, 'courts vide');
  const courts = raw.courts.map((c: unknown, i: number): CourtEntry => {
    const where = `courts[${i}]`;
    need(isObj(c), file, where);
    need(typeof c.id === 'string' && /^[a-z0-9-]+$/.test(c.id), file, `${where} : id`);
    need(typeof c.name === 'string' && c.name.length > 0, file, `${where} : name`);
    need(c.calendar === 'fr' || c.calendar === 'fr-alsace-moselle', file, `${where} : calendar`);
    const a = c.address;
    need(
      isObj(a) &&
        Array.isArray(a.lines) &&
        a.lines.length > 0 &&
        a.lines.every((l) => typeof l === 'string') &&
        typeof a.postcode === 'string' &&
        POSTCODE.test(a.postcode) &&
        typeof a.city === 'string',
      file,
      `${where} : address { lines, postcode, city }`,
    );
    need(c.hours === undefined || typeof c.hours === 'string', file, `${where} : hours`);
    need(Array.isArray(c.sources) && c.sources.length > 0, file, `${where} : sources manquantes`);
    return {
      id: c.id,
      name: c.name,
      calendar: c.calendar,
      address: { lines: a.lines as string[], postcode: a.postcode, city: a.city },
      ...(typeof c.hours === 'string' && { hours: c.hours }),
      sources: c.sources.map((s: unknown, j: number) => source(s, file, `${where}.sources[${j}]`)),
    };
  });
  need(Array.isArray(raw.ressorts) && raw.ressorts.length > 0, file, 'ressorts vide');
  const ressorts = raw.ressorts.map((r: unknown, i: number): Ressort => {
    const where = `ressorts[${i}]`;
    need(isObj(r), file, where);
    need(
      typeof r.court === 'string' && courts.some((c) => c.id === r.court),
      file,
      `${where} : court inconnu`,
    );
    need(typeof r.scope === 'string', file, `${where} : scope`);
    need(Array.isArray(r.communes) && r.communes.length > 0, file, `${where} : communes vide`);
    const communes = r.communes.map((c: unknown, j: number): Commune => {
      need(
        Array.isArray(c) &&
          c.length === 3 &&
          typeof c[0] === 'string' &&
          INSEE.test(c[0]) &&
          typeof c[1] === 'string' &&
          Array.isArray(c[2]) &&
          c[2].length > 0 &&
          c[2].every((p) => typeof p === 'string' && POSTCODE.test(p)),
        file,
        `${where}.communes[${j}] : [code INSEE, nom, [codes postaux]]`,
      );
      return { insee: c[0], name: c[1], postcodes: c[2] as string[] };
    });
    return {
      court: r.court,
      scope: r.scope,
      source: source(r.source, file, `${where}.source`),
      communesSource: source(r.communes_source, file, `${where}.communes_source`),
      communes,
    };
  });
  return { file, departement: { code: dep.code, nom: dep.nom }, courts, ressorts };
}

let loaded: readonly CourtDataset[] | undefined;

/** Every département file of ./data, read once. */
export function courtDatasets(dir = COURT_DATA_DIR): readonly CourtDataset[] {
  if (dir !== COURT_DATA_DIR) return readDir(dir);
  loaded ??= readDir(dir);
  return loaded;
}

function readDir(dir: string): CourtDataset[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseCourtDataset(readFileSync(join(dir, f), 'utf8'), f));
}
