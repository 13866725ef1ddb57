/**
 * What each article rests on, shown with it: the spec lines it is generated
 * from, the white-paper sections (`source:`) and the texts of law it cites
 * (`basis:` of its items, and the "Code …, art. N" citations of its words).
 *
 * Citations of law are text. The site shows them with a `title` (no link:
 * a public page calls no outside service, and reads offline); only the
 * downloadable Markdown links each code citation to a Légifrance search.
 */
import type { Loc } from '../../spec/index.ts';
import type { Article } from './types.ts';

export interface ArticleSources {
  /** Distinct spec places, in the article's order. */
  readonly spec: readonly Loc[];
  /** White-paper sections ("II.A.2"). */
  readonly whitePaper: readonly string[];
  /** Texts of law, as written ("Code de procédure civile, art. 472"). */
  readonly law: readonly string[];
}

/** "(Code de procédure civile, art. 1541, 1543 à 1545-1)", "Code des procédures civiles d’exécution, art. R211-3". */
const CODE_CITATION =
  /\b(Code (?:de |des |du )[^,();.]+?),\s*art\.\s*([LRDA]?\d[\w-]*(?:\s*(?:,|et|à)\s*[LRDA]?\d[\w-]*)*)/g;

const flat = (s: string) =>
  s
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/'/g, '’')
    .trim()
    .replace(/[.;]+$/, '');

/** The citations of codes in a text, normalised ("Code de procédure civile, art. 472"). */
export function codeCitations(text: string): string[] {
  return [...flat(text).matchAll(CODE_CITATION)].map((m) => `${m[1]}, art. ${m[2]}`);
}

export function articleSources(a: Article, plainUnits: readonly string[]): ArticleSources {
  const spec = new Map<string, Loc>();
  for (const r of a.refs) spec.set(`${r.loc.file}:${r.loc.line}`, r.loc);
  const whitePaper = new Set(a.refs.flatMap((r) => (r.source ? r.source.split(/\s*,\s*/) : [])).map(flat));
  const law = new Set<string>();
  for (const r of a.refs) if (r.basis) law.add(flat(r.basis));
  for (const u of plainUnits) for (const c of codeCitations(u)) law.add(c);
  return { spec: [...spec.values()], whitePaper: [...whitePaper], law: [...law] };
}

/** A Légifrance search for a citation: for the downloadable text only, never loaded by a page. */
export const legifranceSearch = (citation: string): string =>
  `https://www.legifrance.gouv.fr/search/all?query=${encodeURIComponent(citation)}`;
