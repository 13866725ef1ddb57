/**
 * Everything a procedure version's annex consists of, as files in memory
 * (path relative to the version folder → content), except what needs the
 * browser (diagram SVGs and the PDF), which `buildSite` adds.
 */
import type { Procedure } from '../../spec/index.ts';
import { renderMermaid } from '../diagrams/all-diagrams.ts';
import type { Diagram } from '../diagrams/types.ts';
import { anchor } from '../html.ts';
import { checkDrafting, type DraftingReport } from '../legal/drafting-check.ts';
import { legalPlainText, renderLegalText } from '../legal/legal-text.ts';
import { legalTextMarkdown } from '../legal/markdown.ts';
import { type Readability, readability } from '../legal/readability.ts';
import { type StrayNumber, strayNumbers } from '../legal/stray-numbers.ts';
import type { LegalText } from '../legal/types.ts';
import { summaryModel } from '../summary/summary-model.ts';
import { renderSummarySvg } from '../summary/summary-svg.ts';
import { diagramsPage } from './pages-diagrams.ts';
import { formsPage } from './pages-forms.ts';
import { homePage, legalPage, summaryPage } from './pages-main.ts';
import { versionsPage } from './pages-versions.ts';
import { sourcePage, sourcePageHtml, specFiles, specLink } from './source-pages.ts';
import { STYLE_CSS } from './style.ts';

/** A diagram's .mmd file: its source, then its comment as a mermaid comment. */
export const mermaidFile = (d: Diagram): string => `${d.source}%% ${d.comment}\n`;

export interface VersionContent {
  readonly procedure: Procedure;
  readonly legal: LegalText;
  readonly readability: Readability;
  readonly strayNumbers: readonly StrayNumber[];
  /** The drafting checker's report on the legal text. */
  readonly drafting: DraftingReport;
  readonly diagrams: readonly Diagram[];
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Files made the first time they are read: `greffe dev` checks a version at every save but
 * serves only the pages the drafter opens.
 */
class LazyFiles implements ReadonlyMap<string, string> {
  private readonly made = new Map<string, string>();
  constructor(private readonly makers: ReadonlyMap<string, () => string>) {}
  get size() {
    return this.makers.size;
  }
  has(file: string) {
    return this.makers.has(file);
  }
  get(file: string): string | undefined {
    const done = this.made.get(file);
    if (done !== undefined) return done;
    const make = this.makers.get(file);
    if (!make) return undefined;
    const content = make();
    this.made.set(file, content);
    return content;
  }
  *entries(): MapIterator<[string, string]> {
    for (const file of this.makers.keys()) yield [file, this.get(file) as string];
  }
  keys() {
    return this.makers.keys();
  }
  *values(): MapIterator<string> {
    for (const [, content] of this.entries()) yield content;
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  forEach(f: (content: string, file: string, map: ReadonlyMap<string, string>) => void) {
    for (const [file, content] of this.entries()) f(content, file, this);
  }
}

/**
 * `built`: versions of the same procedure produced by this build (for the versions page links).
 * `lazy`: each page is made when first read (the live preview) instead of all at once.
 */
export function versionContent(
  p: Procedure,
  built: ReadonlySet<string>,
  { lazy = false }: { readonly lazy?: boolean } = {},
): VersionContent {
  const legal = renderLegalText(p);
  const diagrams = renderMermaid(p);
  const figures = readability(legal);
  const makers = new Map<string, () => string>();
  makers.set('style.css', () => STYLE_CSS);
  makers.set('index.html', () => homePage(p, legal, figures, diagrams.length));
  makers.set('resume.html', () => summaryPage(p, summaryModel(p)));
  makers.set('resume.svg', () => renderSummarySvg(p));
  makers.set('diagrammes.html', () => diagramsPage(p, diagrams));
  for (const d of diagrams) makers.set(`diagrammes/${anchor(d.id)}.mmd`, () => mermaidFile(d));
  makers.set('texte.html', () => legalPage(p, legal, figures, diagrams));
  const titles = new Map(diagrams.map((d) => [d.id, d.title]));
  makers.set('annexe.md', () =>
    legalTextMarkdown(legal, {
      diagrams: { page: 'diagrammes.html', titles },
      sources: { specLink: (loc) => specLink(p, loc) },
    }),
  );
  makers.set('formulaires.html', () => formsPage(p));
  makers.set('versions.html', () => versionsPage(p, built));
  for (const f of specFiles(p)) makers.set(sourcePage(f), () => sourcePageHtml(p, f));
  const files = new LazyFiles(makers);
  return {
    procedure: p,
    legal,
    readability: figures,
    strayNumbers: strayNumbers(legalPlainText(legal), p),
    drafting: checkDrafting(p, legal),
    diagrams,
    files: lazy ? files : new Map(files),
  };
}
