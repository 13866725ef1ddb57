/** renderer: the published annex — legal text, commented mermaid diagrams, graphical summary and the static site. */
export { chromiumPath, launchBrowser, withBrowser } from './browser.ts';
export { findCascades } from './cascade.ts';
export type { Cascade, CascadeStep } from './cascade.ts';
export { renderMermaid } from './diagrams/all-diagrams.ts';
export type { Diagram, DiagramKind } from './diagrams/types.ts';
export { formatDateFr } from './french.ts';
export {
  articleIndex,
  legalPlainText,
  plainArticles,
  renderLegalText,
  resolveRefs,
} from './legal/legal-text.ts';
export { legalTextMarkdown } from './legal/markdown.ts';
export { countWords, formatReadability, readability, splitSentences } from './legal/readability.ts';
export type { Readability } from './legal/readability.ts';
export { strayNumbers } from './legal/stray-numbers.ts';
export { articleNumberFr, durationsInWords, NNBSP, typographyFr } from './legal/typography.ts';
export type { StrayNumber } from './legal/stray-numbers.ts';
export type { Article, Block, LegalText, SpecRef } from './legal/types.ts';
export { renderMermaidSvgs } from './mermaid-render.ts';
export type { MermaidSource, RenderedSvg } from './mermaid-render.ts';
export { buildSite, ProcedureLoadError } from './site/build-site.ts';
export type { BuildOptions, RedlineEntry, SiteReport, VersionReport } from './site/build-site.ts';
export { legalTextPdf, printHtml } from './site/pdf.ts';
export { summaryModel } from './summary/summary-model.ts';
export type { SummaryModel } from './summary/summary-model.ts';
export { renderSummarySvg, summarySvg } from './summary/summary-svg.ts';
export { checkDrafting, DRAFTING_CODES, formatDraftingCounts } from './legal/drafting-check.ts';
export type { DraftingCode, DraftingReport } from './legal/drafting-check.ts';
