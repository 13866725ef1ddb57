/** renderer/redline: what changed between two versions of a procedure — as terminal text and as a static site. */
export { alineaDiff, diffLegal, diffLegalTexts } from './articles-diff.ts';
export type { AlineaDiff, ArticleDiff, LegalDiff } from './articles-diff.ts';
export { redlineDiagrams } from './diagrams.ts';
export type { RedlineDiagram, RedlineEdge, RedlineState } from './diagrams.ts';
export { diffProcedures, transitionKey } from './model-diff.ts';
export type { ChangeKind, FormChange, ItemChange, ProcedureDiff, PropertyChange } from './model-diff.ts';
export { redlineFiles, writeRedline } from './site.ts';
export type { RedlineOptions, RedlineReport } from './site.ts';
export { redlineSummary } from './summary-text.ts';
export { hasEdits, tokenize, wordDiff, wordDiffText } from './word-diff.ts';
export type { WordPart } from './word-diff.ts';
