/**
 * Readable diagrams: every diagram of every procedure version under spec/procedures (the catalogue
 * is read, so a procedure added later is covered), rendered as the annex publishes it, has no label
 * drawn over another and no arrow drawn across a label other than its own (renderer/diagram-overlaps.ts
 * defines both). So are the redline's diagrams, as `writeRedline` writes them, between consecutive
 * published versions of each procedure (petits-litiges 1.0.0 → 1.1.0 first). The measure itself is
 * checked on a hand-made SVG, and on mermaid's former dagre layout, which drew such overlaps.
 *
 * Always real layouts: this is the check of what mermaid and ELK draw, so it does not read the diagram
 * cache the suite turns on (vitest.config.ts); it writes to it, and the annex builds of docs-site and
 * diff-cli that follow read these drawings instead of laying the same diagrams out again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../renderer/browser.ts';
import { measureOverlaps } from '../renderer/diagram-overlaps.ts';
import { renderMermaid } from '../renderer/diagrams/all-diagrams.ts';
import { DIAGRAM_CACHE_ENV, renderMermaidSvgs } from '../renderer/mermaid-render.ts';
import { anchor } from '../renderer/html.ts';
import { writeRedline } from '../renderer/redline/index.ts';
import { DEFAULT_SPEC_ROOT, listVersions, loadProcedure, type Procedure } from '../spec/index.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir);
  if (!procedure)
    throw new Error(`${dir} ne se charge pas :\n${diagnostics.map((d) => d.message).join('\n')}`);
  return procedure;
}

const versions = listVersions(DEFAULT_SPEC_ROOT);

describe('the measure of overlaps', () => {
  it('counts labels drawn over each other and arrows drawn across another label', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">
      <g class="nodes">
        <g class="node" id="a"><text x="10" y="30" font-size="16">Premier état</text></g>
        <g class="node" id="b"><text x="20" y="36" font-size="16">Second état</text></g>
        <g class="node" id="c"><text x="200" y="100" font-size="16">Troisième état</text></g>
      </g>
      <g class="edgeLabels"><g class="edgeLabel"><g class="label" data-id="e1"><text x="300" y="180" font-size="16">Acte</text></g></g></g>
      <path data-edge="true" data-id="e1" d="M 250 20 L 250 190" stroke="black" fill="none"/>
      <path data-edge="true" data-id="e2" d="M 10 150 L 190 150" stroke="black" fill="none"/>
    </svg>`;
    const r = await measureOverlaps(page, svg);
    expect(r.labels).toBe(4);
    expect(r.edges).toBe(2);
    expect(r.labelOverlaps).toEqual(['« Premier état » / « Second état »']);
    expect(r.edgeCrossings).toEqual(['e1 → « Troisième état »']);
  });

  it('finds the overlaps mermaid’s dagre layout drew on a phase of the published annex', async () => {
    const annex = versions.find((v) => v.id === 'petits-litiges' && v.version === '1.0.0');
    expect(annex).toBeDefined();
    const phase = renderMermaid(load(annex?.dir as string)).find((d) => d.id === 'phase-conciliation');
    expect(phase).toBeDefined();
    const source = { id: 'phase-conciliation', source: phase?.source as string };
    const [dagre] = await renderMermaidSvgs(browser, [source], 1, 'dagre', { cache: 'write' });
    const before = await measureOverlaps(page, dagre?.svg as string);
    expect(before.labelOverlaps.length + before.edgeCrossings.length).toBeGreaterThan(0);
    const [elk] = await renderMermaidSvgs(browser, [source], 1, 'elk', { cache: 'write' });
    const after = await measureOverlaps(page, elk?.svg as string);
    expect([...after.labelOverlaps, ...after.edgeCrossings]).toEqual([]);
  }, 180_000);
});

describe('every diagram of every procedure under spec/procedures', () => {
  it('finds procedures to check', () => {
    expect(versions.length).toBeGreaterThan(0);
  });

  for (const v of versions) {
    it(`${v.id} ${v.version}: no label over another, no arrow across a label`, async () => {
      const diagrams = renderMermaid(load(v.dir));
      const svgs = await renderMermaidSvgs(
        browser,
        diagrams.map((d) => ({ id: d.id, source: d.source })),
        1,
        'elk',
        { cache: 'write' },
      );
      expect(svgs).toHaveLength(diagrams.length);
      expect(svgs.filter((s) => s.cached)).toEqual([]);
      const problems: string[] = [];
      for (const s of svgs) {
        const r = await measureOverlaps(page, s.svg);
        expect(r.labels, s.id).toBeGreaterThan(0);
        expect(r.edges, s.id).toBeGreaterThan(0);
        for (const o of r.labelOverlaps) problems.push(`${s.id} : étiquettes superposées ${o}`);
        for (const c of r.edgeCrossings) problems.push(`${s.id} : flèche sur une étiquette ${c}`);
      }
      expect(problems).toEqual([]);
    }, 900_000);
  }
});

/** Consecutive published versions of each procedure: the redlines `greffe docs build` publishes. */
const pairs = [...new Set(versions.map((v) => v.id))].flatMap((id) => {
  const published = versions.filter((v) => v.id === id && v.status === 'published');
  return published.slice(1).map((after, i) => [published[i] as (typeof versions)[number], after] as const);
});

describe('every diagram of the redline between consecutive published versions', () => {
  it('finds the first real redline, petits-litiges 1.0.0 → 1.1.0', () => {
    expect(pairs.map(([a, b]) => `${a.id} ${a.version} → ${b.version}`)).toContain(
      'petits-litiges 1.0.0 → 1.1.0',
    );
  });

  for (const [before, after] of pairs) {
    it(`${before.id} ${before.version} → ${after.version}: no label over another, no arrow across a label`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'greffe-redline-overlaps-'));
      // Real layouts here too: writeRedline reads the diagram cache when the suite turns it on.
      const cache = process.env[DIAGRAM_CACHE_ENV];
      delete process.env[DIAGRAM_CACHE_ENV];
      try {
        const report = await writeRedline(load(before.dir), load(after.dir), out, { browser });
        expect(report.diagrams.length).toBeGreaterThan(0);
        const problems: string[] = [];
        for (const d of report.diagrams) {
          // The files the redline site serves, as written.
          const svg = readFileSync(join(out, 'diagrammes', `${anchor(d.id)}.svg`), 'utf8');
          const r = await measureOverlaps(page, svg);
          expect(r.labels, d.id).toBeGreaterThan(0);
          for (const o of r.labelOverlaps) problems.push(`${d.id} : étiquettes superposées ${o}`);
          for (const c of r.edgeCrossings) problems.push(`${d.id} : flèche sur une étiquette ${c}`);
        }
        expect(problems).toEqual([]);
      } finally {
        if (cache !== undefined) process.env[DIAGRAM_CACHE_ENV] = cache;
        rmSync(out, { recursive: true, force: true });
      }
    }, 900_000);
  }
});
