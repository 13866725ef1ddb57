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
  readonly files: Map<string, string>;
}

/** `built`: versions of the same procedure produced by this build (for the versions page links). */
export function versionContent(p: Procedure, built: ReadonlySet<string>): VersionContent {
  const legal = renderLegalText(p);
  const diagrams = renderMermaid(p);
  const figures = readability(legal);
  const summary = summaryModel(p);
  const files = new Map<string, string>();
  files.set('style.css', STYLE_CSS);
  files.set('index.html', homePage(p, legal, figures, diagrams.length));
  files.set('resume.html', summaryPage(p, summary));
  files.set('resume.svg', renderSummarySvg(p));
  files.set('diagrammes.html', diagramsPage(p, diagrams));
  for (const d of diagrams) files.set(`diagrammes/${anchor(d.id)}.mmd`, mermaidFile(d));
  files.set('texte.html', legalPage(p, legal, figures, diagrams));
  const titles = new Map(diagrams.map((d) => [d.id, d.title]));
  files.set(
    'annexe.md',
    legalTextMarkdown(legal, {
      diagrams: { page: 'diagrammes.html', titles },
      sources: { specLink: (loc) => specLink(p, loc) },
    }),
  );
  files.set('formulaires.html', formsPage(p));
  files.set('versions.html', versionsPage(p, built));
  for (const f of specFiles(p)) files.set(sourcePage(f), sourcePageHtml(p, f));
  return {
    procedure: p,
    legal,
    readability: figures,
    strayNumbers: strayNumbers(legalPlainText(legal), p),
    drafting: checkDrafting(p, legal),
    diagrams,
    files,
  };
}
