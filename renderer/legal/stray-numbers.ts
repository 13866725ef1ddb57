/**
 * Every number in the legal text must come from a parameter, or be an
 * article number (of the annex or of a code), or the entry-into-force date
 * rendered from the spec, or the generator's own sentence on how time is
 * counted (its calendar). This finds the others: a figure a drafter typed
 * by hand in a text, which would not follow the parameter when it changes.
 */
import type { Parameter, Procedure } from '../../spec/index.ts';
import { formatParameter } from '../../spec/index.ts';
import { formatDateFr } from '../french.ts';
import { CALENDAR_FR } from './articles-deadlines.ts';

/** "article 7", "articles 640 à 642", "art. L211-1 et R211-3", "articles 1543 à 1545-1". */
const ARTICLE_NUMBERS =
  /\b(?:articles?|art\.)\s+[LRDA]?\.?\s?\d+(?:-\d+)*(?:\s*(?:,|et|à|ou)\s*[LRDA]?\.?\s?\d+(?:-\d+)*)*/gi;

function renderings(p: Parameter): string[] {
  const out = new Set([formatParameter(p), formatParameter(p, 'ou')]);
  if (p.type === 'list') for (const i of p.value) out.add(i.label ?? i.id);
  if (p.type === 'table') for (const r of p.value) for (const v of Object.values(r)) out.add(String(v));
  return [...out];
}

export interface StrayNumber {
  /** The number as found. */
  readonly number: string;
  /** Up to 40 characters each side. */
  readonly context: string;
}

/** Numbers in `text` that are neither a parameter's rendering, an article number, nor the effective date. */
export function strayNumbers(text: string, p: Procedure): StrayNumber[] {
  const allowed = [...Object.values(p.parameters).flatMap(renderings), formatDateFr(p.effective)]
    .filter((s) => /\d/.test(s))
    .sort((a, b) => b.length - a.length);
  // Typography aside (one character for one, so positions hold): the generator's own sentence on
  // counting time (the 26th of December a holiday in Alsace-Moselle) is no drafter's figure.
  const plain = (t: string) => t.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2019/g, "'");
  let rest = plain(text);
  for (const s of Object.values(CALENDAR_FR).map(plain)) rest = rest.split(s).join(' '.repeat(s.length));
  rest = rest.replace(ARTICLE_NUMBERS, (m) => ' '.repeat(m.length));
  for (const a of allowed.map(plain)) rest = rest.split(a).join(' '.repeat(a.length));
  const found: StrayNumber[] = [];
  for (const m of rest.matchAll(/\d+/g)) {
    const at = m.index ?? 0;
    found.push({ number: m[0], context: text.slice(Math.max(0, at - 40), at + m[0].length + 40) });
  }
  return found;
}
