/** The legal text in HTML: for the site page (with provenance) and for the print/PDF page (text only). */
import type { Procedure } from '../../spec/index.ts';
import { anchor, esc } from '../html.ts';
import { articleIndex, plainArticles, resolveRefs } from '../legal/legal-text.ts';
import { articleSources } from '../legal/sources.ts';
import type { Article, LegalText, SpecRef } from '../legal/types.ts';
import { articleNumberFr, NNBSP } from '../legal/typography.ts';
import { specLink } from './source-pages.ts';

export interface LegalHtmlOptions {
  /** Add each article's diagram and spec provenance (the site); omit for the print version. */
  readonly provenance?: {
    readonly procedure: Procedure;
    readonly diagramTitles: ReadonlyMap<string, string>;
  };
}

function refItem(p: Procedure, r: SpecRef): string {
  const link = specLink(p, r.loc);
  const extra = [
    r.source ? `source : ${esc(r.source)}` : '',
    r.basis ? `fondement : ${esc(r.basis)}` : '',
    r.note ? `note de rédaction : ${esc(r.note)}` : '',
  ].filter(Boolean);
  return `<li>${esc(r.label)} — <a href="${link.href}">${esc(link.text)}</a>${extra.length ? ` ; ${extra.join(' ; ')}` : ''}</li>`;
}

/** The article's spec lines (links to the source pages), white-paper sections and texts of law (text, never an outside link). */
function sourcesHtml(p: Procedure, a: Article, units: readonly string[]): string {
  const s = articleSources(a, units);
  const parts: string[] = [];
  if (s.spec.length)
    parts.push(
      `Spécification${NNBSP}: ${s.spec
        .map((loc) => {
          const link = specLink(p, loc);
          return `<a href="${link.href}">${esc(link.text)}</a>`;
        })
        .join(', ')}`,
    );
  if (s.whitePaper.length)
    parts.push(`livre blanc${NNBSP}: ${s.whitePaper.map((w) => `<cite>${esc(w)}</cite>`).join(', ')}`);
  if (s.law.length)
    parts.push(
      `textes cités${NNBSP}: ${s.law
        .map((l) => `<cite title="Texte cité : à consulter sur Légifrance">${esc(l)}</cite>`)
        .join(`${NNBSP}; `)}`,
    );
  return parts.length ? `<p class="sources">${parts.join(`${NNBSP}; `)}.</p>` : '';
}

function provenance(
  a: Article,
  units: readonly string[],
  o: NonNullable<LegalHtmlOptions['provenance']>,
): string {
  const p = o.procedure;
  const parts: string[] = [sourcesHtml(p, a, units)].filter(Boolean);
  if (a.diagram) {
    const title = o.diagramTitles.get(a.diagram) ?? a.diagram;
    const href =
      a.diagram === 'procedure' ? 'diagrammes.html#procedure' : `diagrammes.html#${anchor(a.diagram)}`;
    parts.push(`<p>Diagramme : <a href="${href}">${esc(title)}</a></p>`);
  }
  const first = a.refs[0];
  if (first) {
    const link = specLink(p, first.loc);
    parts.push(`<p>Spécification : <a href="${link.href}">${esc(link.text)}</a></p>`);
    parts.push(
      `<details><summary>Provenance des règles de l’article ${a.number} (${a.refs.length} éléments)</summary><ul>${a.refs.map((r) => refItem(p, r)).join('')}</ul></details>`,
    );
  }
  return parts.length ? `<div class="provenance">${parts.join('')}</div>` : '';
}

/** The articles as HTML; cross-references become links to `#article-N`. */
export function articlesHtml(text: LegalText, options: LegalHtmlOptions = {}): string {
  const index = articleIndex(text);
  const plain = new Map(plainArticles(text).map((x) => [x.article.number, x.units]));
  const r = (s: string) => resolveRefs(esc(s), index, (n, words) => `<a href="#article-${n}">${words}</a>`);
  return text.articles
    .map((a) => {
      const blocks = a.blocks
        .map((b) => {
          const id = b.anchor ? ` id="${anchor(b.anchor)}"` : '';
          if (b.kind === 'p') return `<p${id}>${r(b.text)}</p>`;
          const items = b.items
            .map((i, k) => `<li>${r(i)}${k === b.items.length - 1 ? '.' : `${NNBSP};`}</li>`)
            .join('');
          return `<p${id}>${r(b.intro)}</p><ul>${items}</ul>`;
        })
        .join('\n');
      const prov = options.provenance ? provenance(a, plain.get(a.number) ?? [], options.provenance) : '';
      return `<article class="legal" id="article-${a.number}" aria-labelledby="article-${a.number}-titre">
<h2 id="article-${a.number}-titre">Article ${articleNumberFr(a.number)} — ${esc(a.title)}</h2>
${blocks}
${prov}</article>`;
    })
    .join('\n');
}
