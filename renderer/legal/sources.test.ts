import { describe, expect, it } from 'vitest';
import { ANNEX, loadOrThrow } from '../test-procedures.ts';
import { plainArticles, renderLegalText } from './legal-text.ts';
import { legalTextMarkdown } from './markdown.ts';
import { articleSources, codeCitations, legifranceSearch } from './sources.ts';

describe('what each article rests on', () => {
  const text = renderLegalText(loadOrThrow(ANNEX));
  const plain = plainArticles(text);

  it('reads the citations of codes in the words of an article', () => {
    expect(
      codeCitations(
        '… il ne peut en modifier les termes (Code de procédure civile, art. 1541, 1543 à 1545-1).',
      ),
    ).toEqual(['Code de procédure civile, art. 1541, 1543 à 1545-1']);
    expect(codeCitations("(Code des procédures civiles d'exécution, art. R211-3 et R211-11)")).toEqual([
      'Code des procédures civiles d’exécution, art. R211-3 et R211-11',
    ]);
  });

  it('gives every article with spec items its spec lines, and the white-paper sections and texts they cite', () => {
    for (const a of plain.filter((x) => x.article.refs.length > 0))
      expect(articleSources(a.article, a.units).spec.length, a.title).toBeGreaterThan(0);
    const conciliation = plain.find((a) => a.title === 'Conciliation');
    const s = articleSources(conciliation!.article, conciliation!.units);
    expect(s.whitePaper).toContain('II.A.2');
    expect(s.law).toContain('Code de procédure civile, art. 1541, 1543 à 1545-1');
  });

  it('links code citations to Légifrance in the downloadable Markdown only when asked, the spec lines to the source pages', () => {
    const md = legalTextMarkdown(text, {
      sources: {
        specLink: (loc) => ({
          text: `procedure.yaml:${loc.line}`,
          href: `source/procedure.yaml.html#L${loc.line}`,
        }),
      },
    });
    expect(md).toMatch(
      /\*Sources\u202f: Spécification\u202f: \[procedure\.yaml:\d+\]\(source\/procedure\.yaml\.html#L\d+\)/,
    );
    expect(md).toContain(`](${legifranceSearch('Code de procédure civile, art. 1541, 1543 à 1545-1')})`);
    expect(legalTextMarkdown(text)).not.toContain('legifrance');
  });
});
