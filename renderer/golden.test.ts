/**
 * Golden files for the mediation fixture: the legal text (Markdown), the
 * diagrams' mermaid sources and the summary SVG, as a human reviewed them.
 * A change in the renderer shows here as a diff to review; after review,
 * `UPDATE_GOLDEN=1 npx vitest run renderer/golden.test.ts` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMermaid } from './diagrams/all-diagrams.ts';
import { renderLegalText } from './legal/legal-text.ts';
import { legalTextMarkdown } from './legal/markdown.ts';
import { mermaidFile } from './site/version-files.ts';
import { renderSummarySvg } from './summary/summary-svg.ts';
import { loadOrThrow, MEDIATION } from './test-procedures.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'mediation');
const p = loadOrThrow(MEDIATION);
const diagrams = renderMermaid(p);

const outputs: [string, string][] = [
  [
    'annexe.md',
    legalTextMarkdown(renderLegalText(p), {
      diagrams: { page: 'diagrammes.html', titles: new Map(diagrams.map((d) => [d.id, d.title])) },
    }),
  ],
  ['resume.svg', renderSummarySvg(p)],
  ...diagrams.map((d): [string, string] => [`${d.id}.mmd`, mermaidFile(d)]),
];

describe('golden files of the mediation fixture', () => {
  it.each(outputs)('%s is as reviewed', (file, content) => {
    const path = join(dir, file);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, content);
    }
    expect(content).toBe(readFileSync(path, 'utf8'));
  });
});
