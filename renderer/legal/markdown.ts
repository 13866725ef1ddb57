/** The legal text as Markdown: one heading per article, cross-references as links to the article anchors. */
import type { Loc } from '../../spec/index.ts';
import { articleIndex, plainArticles, resolveRefs } from './legal-text.ts';
import { articleSources, legifranceSearch } from './sources.ts';
import type { Article, LegalText } from './types.ts';
import { articleNumberFr, NNBSP, typographyFr } from './typography.ts';

export interface MarkdownOptions {
  /** Link each article to its diagram: the diagrams page's relative path and each diagram's title. */
  readonly diagrams?: { readonly page: string; readonly titles: ReadonlyMap<string, string> };
  /**
   * Say under each article what it rests on: its spec lines (`specLink` gives each one's text and
   * relative link), white-paper sections and texts of law, the codes linked to a Légifrance search
   * (the downloadable text only: the site's pages show them as text).
   */
  readonly sources?: { readonly specLink: (loc: Loc) => { readonly text: string; readonly href: string } };
}

function sourcesLine(
  a: Article,
  units: readonly string[],
  specLink: NonNullable<MarkdownOptions['sources']>['specLink'],
): string {
  const s = articleSources(a, units);
  const parts = [
    ...(s.spec.length
      ? [
          `Spécification${NNBSP}: ${s.spec
            .map((l) => {
              const k = specLink(l);
              return `[${k.text}](${k.href})`;
            })
            .join(', ')}`,
        ]
      : []),
    ...(s.whitePaper.length ? [`livre blanc${NNBSP}: ${s.whitePaper.join(', ')}`] : []),
    ...(s.law.length
      ? [
          `textes cités${NNBSP}: ${s.law
            .map((l) => (/^Code /.test(l) ? `[${typographyFr(l)}](${legifranceSearch(l)})` : typographyFr(l)))
            .join(`${NNBSP}; `)}`,
        ]
      : []),
  ];
  return parts.length ? `*Sources${NNBSP}: ${parts.join(`${NNBSP}; `)}.*` : '';
}

export function legalTextMarkdown(text: LegalText, options: MarkdownOptions = {}): string {
  const index = articleIndex(text);
  const r = (s: string) => resolveRefs(s, index, (n, words) => `[${words}](#article-${n})`);
  const out = [`# ${text.title}`, '', `*${text.subtitle}*`, ''];
  const plain = new Map(plainArticles(text).map((x) => [x.article.number, x.units]));
  for (const a of text.articles) {
    out.push(
      `<a id="article-${a.number}"></a>`,
      '',
      `## Article ${articleNumberFr(a.number)} — ${a.title}`,
      '',
    );
    for (const b of a.blocks) {
      if (b.kind === 'p') out.push(r(b.text), '');
      else
        out.push(
          r(b.intro),
          '',
          ...b.items.map((i, k) => `- ${r(i)}${k === b.items.length - 1 ? '.' : `${NNBSP};`}`),
          '',
        );
    }
    const src = options.sources ? sourcesLine(a, plain.get(a.number) ?? [], options.sources.specLink) : '';
    if (src) out.push(src, '');
    const d = options.diagrams;
    if (a.diagram && d)
      out.push(
        `*Diagramme${NNBSP}: [${typographyFr(d.titles.get(a.diagram) ?? a.diagram)}](${d.page}#${a.diagram})*`,
        '',
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
