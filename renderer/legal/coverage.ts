/**
 * Which article of the legal text carries a given rule: a checklist of
 * (paragraph, rule, pattern) is matched against each article's plain text.
 * The checklist for the petits-litiges annex lives in renderer/golden/.
 */
import type { Procedure } from '../../spec/index.ts';
import { plainArticles, renderLegalText } from './legal-text.ts';

export interface CoverageItem {
  /** Where the rule is stated in the reference ("§3.6"). */
  readonly paragraph: string;
  readonly rule: string;
  /** Every pattern must match the same article. */
  readonly patterns: readonly RegExp[];
}

export interface CoverageRow {
  readonly paragraph: string;
  readonly rule: string;
  /** Numbers and titles of the articles carrying the rule. */
  readonly articles: readonly { readonly number: number; readonly title: string }[];
}

/** Normalises spaces (French typography uses narrow and non-breaking spaces) and apostrophes. */
const flat = (s: string) => s.replace(/[\u202f\u00a0\s]+/g, ' ').replace(/’/g, "'");

export function coverage(p: Procedure, checklist: readonly CoverageItem[]): CoverageRow[] {
  const articles = plainArticles(renderLegalText(p)).map((a) => ({
    number: a.article.number,
    title: a.title,
    text: flat([a.title, ...a.units].join(' ')),
  }));
  return checklist.map((c) => ({
    paragraph: c.paragraph,
    rule: c.rule,
    articles: articles
      .filter((a) => c.patterns.every((re) => re.test(a.text)))
      .map(({ number, title }) => ({ number, title })),
  }));
}
