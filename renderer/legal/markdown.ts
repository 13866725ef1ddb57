/** The legal text as Markdown: one heading per article, cross-references as links to the article anchors. */
import { articleIndex, resolveRefs } from './legal-text.ts';
import type { LegalText } from './types.ts';
import { articleNumberFr, NNBSP, typographyFr } from './typography.ts';

export interface MarkdownOptions {
  /** Link each article to its diagram: the diagrams page's relative path and each diagram's title. */
  readonly diagrams?: { readonly page: string; readonly titles: ReadonlyMap<string, string> };
}

export function legalTextMarkdown(text: LegalText, options: MarkdownOptions = {}): string {
  const index = articleIndex(text);
  const r = (s: string) => resolveRefs(s, index, (n, words) => `[${words}](#article-${n})`);
  const out = [`# ${text.title}`, '', `*${text.subtitle}*`, ''];
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
    const d = options.diagrams;
    if (a.diagram && d)
      out.push(
        `*Diagramme${NNBSP}: [${typographyFr(d.titles.get(a.diagram) ?? a.diagram)}](${d.page}#${a.diagram})*`,
        '',
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}
