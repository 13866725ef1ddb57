import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../spec/index.ts';
import { ANNEX, loadOrThrow, MEDIATION } from '../test-procedures.ts';
import { COVERAGE_PETITS_LITIGES } from '../golden/coverage-petits-litiges.ts';
import { coverage } from './coverage.ts';
import { articleIndex, plainArticles, renderLegalText } from './legal-text.ts';
import { legalTextMarkdown } from './markdown.ts';
import { readability } from './readability.ts';
import { REF_PATTERN } from './types.ts';
import { typographyFr } from './typography.ts';

const procedures = [loadOrThrow(ANNEX), loadOrThrow(MEDIATION)];
const cases = procedures.map((p) => [p.id, p] as const);

describe.each(cases)('legal text of %s', (_, p) => {
  const text = renderLegalText(p);
  const anchors = text.articles.flatMap((a) => a.blocks.flatMap((b) => (b.anchor ? [b.anchor] : [])));
  const actKeys = text.articles.flatMap((a) =>
    a.blocks.flatMap((b) => [...(b.keys ?? []), ...(b.kind === 'list' ? (b.itemKeys ?? []).flat() : [])]),
  );

  it('numbers its articles from 1 and resolves every cross-reference', () => {
    expect(text.articles.map((a) => a.number)).toEqual(text.articles.map((_, i) => i + 1));
    const index = articleIndex(text);
    const raw = JSON.stringify(text.articles.map((a) => a.blocks));
    const keys = [...raw.matchAll(REF_PATTERN)].map((m) => m[1] as string);
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(index.get(k)?.number, k).toBeGreaterThanOrEqual(1);
    expect(
      plainArticles(text)
        .flatMap((a) => a.units)
        .join('\n'),
    ).not.toContain('[[art:');
  });

  it('writes every act and every deadline of the spec exactly once', () => {
    // Acts written alike for several roles share one paragraph: each act is one of its keys.
    for (const t of p.transitions) expect(actKeys.filter((k) => k === `acte:${t.index}`)).toHaveLength(1);
    for (const d of Object.keys(p.deadlines))
      expect(anchors.filter((a) => a === `delai-${d}`)).toHaveLength(1);
    const index = articleIndex(text);
    for (const rs of Object.keys(p.rules.rulesets)) expect(index.has(`ruleset:${rs}`)).toBe(true);
  });

  it('uses the drafters’ text.fr in place of the generated sentence', () => {
    const all = plainArticles(text)
      .flatMap((a) => a.units)
      .join('\n');
    for (const t of p.transitions.filter((x) => x.textFr)) {
      expect(all).toContain(typographyFr(renderTemplate(t.textFr as string, p).trim()));
    }
  });

  it('keeps sentences short: 25 words on average at most', () => {
    const r = readability(text);
    expect(r.sentences).toBeGreaterThan(text.articles.length);
    expect(r.averageWords).toBeLessThanOrEqual(25);
  });

  it('has a Markdown version with one heading per article and working links', () => {
    const md = legalTextMarkdown(text);
    expect(md.match(/^## Article \d+(er)? — /gm)).toHaveLength(text.articles.length);
    expect(md).toContain('## Article 1er — ');
    for (const m of md.matchAll(/\]\(#article-(\d+)\)/g))
      expect(md).toContain(`<a id="article-${m[1]}"></a>`);
  });
});

/**
 * petits-litiges NOTES.md §1–§4 and §9, each rule with the words that carry it in the
 * annex's legal text (renderer/golden/coverage-petits-litiges.ts). The
 * article holding each one is the mapping of the closing note.
 */
describe('the annex’s legal text covers petits-litiges NOTES.md §1–§4 and §9', () => {
  const rows = coverage(procedures[0]!, COVERAGE_PETITS_LITIGES);
  it.each(rows.map((r) => [r.paragraph, r.rule, r] as const))('%s — %s', (_, rule, row) => {
    expect(row.articles.length, `aucun article ne porte « ${rule} »`).toBeGreaterThan(0);
  });
});
