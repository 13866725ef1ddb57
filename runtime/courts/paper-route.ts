/**
 * The paper route to a tribunal judiciaire for a citizen the online procedure
 * does not take (issue 15, point 7): which court, which form, where to file
 * it. The words and their sources are data (voie-papier.yaml, beside the
 * courts' files), read and checked here on the server: every statement names
 * its sources and the day they were read, or the file is refused. The web app
 * asks GET /api/tribunaux/voie-papier; the page without JavaScript
 * (runtime/api/court-finder-page.ts) reads it directly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { need, type Source, source } from './dataset.ts';

export const PAPER_ROUTE_FILE = join(import.meta.dirname, 'voie-papier.yaml');

export interface PaperLink {
  readonly href: string;
  readonly label: string;
}

export interface PaperStep {
  /** Plain French, as shown. */
  readonly text: string;
  /** A plain link shown after the text (never a resource the page loads). */
  readonly link?: PaperLink;
  readonly sources: readonly Source[];
}

export interface PaperRoute {
  /** The national directory of courts, for a postcode the data does not cover. */
  readonly directory: PaperLink;
  /** Above the postcode field: the finder is for the tribunal judiciaire only. */
  readonly intro: string;
  /** Which court: the one where the defendant lives. */
  readonly whichCourt: PaperStep;
  /** The steps shown, in order, once the court is found. */
  readonly steps: readonly PaperStep[];
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function link(v: unknown, file: string, where: string): PaperLink {
  need(
    isObj(v) && typeof v.href === 'string' && v.href.startsWith('https://') && text(v.libelle),
    file,
    `${where} : lien { href (https), libelle } attendu`,
  );
  return { href: v.href as string, label: v.libelle as string };
}

function step(v: unknown, file: string, where: string): PaperStep {
  need(isObj(v) && text(v.texte), file, `${where} : texte manquant`);
  need(
    Array.isArray(v.sources) && v.sources.length > 0,
    file,
    `${where} : sources manquantes (chaque énoncé a les siennes)`,
  );
  return {
    text: v.texte as string,
    ...(v.lien !== undefined && { link: link(v.lien, file, `${where}.lien`) }),
    sources: v.sources.map((s: unknown, i: number) => source(s, file, `${where}.sources[${i}]`)),
  };
}

/** Checks and reads the paper route; throws with the file and the faulty entry. */
export function parsePaperRoute(yamlText: string, file: string): PaperRoute {
  const raw = parse(yamlText) as unknown;
  need(isObj(raw), file, 'pas un document YAML');
  need(text(raw.introduction), file, 'introduction manquante');
  need(Array.isArray(raw.etapes) && raw.etapes.length > 0, file, 'etapes vide');
  return {
    directory: link(raw.annuaire, file, 'annuaire'),
    intro: raw.introduction as string,
    whichCourt: step(raw.tribunal_competent, file, 'tribunal_competent'),
    steps: raw.etapes.map((s: unknown, i: number) => step(s, file, `etapes[${i}]`)),
  };
}

let loaded: PaperRoute | undefined;

/** The paper route of voie-papier.yaml, read once. */
export function paperRoute(): PaperRoute {
  loaded ??= parsePaperRoute(readFileSync(PAPER_ROUTE_FILE, 'utf8'), 'runtime/courts/voie-papier.yaml');
  return loaded;
}
