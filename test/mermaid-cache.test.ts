/**
 * The opt-in diagram cache of renderer/mermaid-render.ts (GREFFE_DIAGRAM_CACHE):
 * a diagram drawn once is read back, under another render id with the bytes a
 * real drawing under that id gives; a changed source is drawn again; a corrupt
 * entry is reported and drawn again; unset, nothing is read or written.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser } from '../renderer/browser.ts';
import { DIAGRAM_CACHE_ENV, renderMermaidSvgs } from '../renderer/mermaid-render.ts';

const SOURCE = 'flowchart LR\n  a[Demande déposée] -->|examen| b[Décision rendue]';
const OTHER = 'flowchart LR\n  a[Demande déposée] -->|examen| c[Demande rejetée]';

let browser: Browser;
let dir: string;

/** A browser that fails if asked for a page: proves nothing was drawn. */
const noBrowser = {
  version: () => browser.version(),
  newPage: () => {
    throw new Error('un diagramme a été dessiné alors qu’il était dans le cache');
  },
} as unknown as Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'greffe-diagram-cache-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('the diagram cache', () => {
  it('reads a drawn diagram back, also under another id, and draws a changed source', async () => {
    vi.stubEnv(DIAGRAM_CACHE_ENV, dir);
    const [first] = await renderMermaidSvgs(browser, [{ id: 'phase', source: SOURCE }]);
    expect(first?.cached).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(1);

    const [again] = await renderMermaidSvgs(noBrowser, [{ id: 'phase', source: SOURCE }]);
    expect(again?.cached).toBe(true);
    expect(again?.svg).toBe(first?.svg);

    // Another id and position: the cached drawing, renamed, is byte for byte a real drawing under that id.
    const moved = await renderMermaidSvgs(noBrowser, [
      { id: 'x', source: SOURCE },
      { id: 'p1-phase', source: SOURCE },
    ]);
    expect(moved.map((r) => r.cached)).toEqual([true, true]);
    vi.stubEnv(DIAGRAM_CACHE_ENV, '');
    const real = await renderMermaidSvgs(browser, [
      { id: 'x', source: SOURCE },
      { id: 'p1-phase', source: SOURCE },
    ]);
    expect(real.map((r) => r.cached)).toEqual([false, false]);
    expect(moved[1]?.svg).toContain('mermaid-1-p1-phase');
    expect(moved.map((r) => r.svg)).toEqual(real.map((r) => r.svg));

    vi.stubEnv(DIAGRAM_CACHE_ENV, dir);
    const changed = await renderMermaidSvgs(browser, [
      { id: 'phase', source: SOURCE },
      { id: 'autre', source: OTHER },
    ]);
    expect(changed.map((r) => r.cached)).toEqual([true, false]);
    expect(changed[1]?.svg).toContain('rejetée');
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  }, 120_000);

  it('warns about a corrupt entry and draws the diagram again', async () => {
    const own = mkdtempSync(join(tmpdir(), 'greffe-diagram-cache-'));
    try {
      vi.stubEnv(DIAGRAM_CACHE_ENV, own);
      const [first] = await renderMermaidSvgs(browser, [{ id: 'phase', source: SOURCE }]);
      const entry = readdirSync(own).find((f) => f.endsWith('.json')) as string;
      writeFileSync(join(own, entry), '{"key":"tronq');
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const [redrawn] = await renderMermaidSvgs(browser, [{ id: 'phase', source: SOURCE }]);
      expect(redrawn?.cached).toBe(false);
      expect(redrawn?.svg).toBe(first?.svg);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('entrée illisible');
      // Written again whole: the next drawing is a hit.
      const [hit] = await renderMermaidSvgs(noBrowser, [{ id: 'phase', source: SOURCE }]);
      expect(hit?.cached).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it('is off when the variable is unset: nothing read, nothing written', async () => {
    const own = mkdtempSync(join(tmpdir(), 'greffe-diagram-cache-'));
    try {
      vi.stubEnv(DIAGRAM_CACHE_ENV, own);
      await renderMermaidSvgs(browser, [{ id: 'phase', source: SOURCE }]);
      vi.stubEnv(DIAGRAM_CACHE_ENV, undefined);
      const [drawn] = await renderMermaidSvgs(browser, [{ id: 'autre', source: OTHER }]);
      expect(drawn?.cached).toBe(false);
      const [again] = await renderMermaidSvgs(browser, [{ id: 'phase', source: SOURCE }]);
      expect(again?.cached).toBe(false);
      expect(readdirSync(own)).toHaveLength(1);
      expect(existsSync(own)).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the pages mermaid is loaded in', () => {
  it('lends one page to the calls that follow, which draws the bytes a new browser’s page draws', async () => {
    vi.stubEnv(DIAGRAM_CACHE_ENV, '');
    let opened = 0;
    const counting = {
      version: () => browser.version(),
      newPage: (...args: Parameters<Browser['newPage']>) => {
        opened += 1;
        return browser.newPage(...args);
      },
    } as unknown as Browser;
    const first = await renderMermaidSvgs(counting, [{ id: 'phase', source: SOURCE }]);
    const second = await renderMermaidSvgs(counting, [
      { id: 'autre', source: OTHER },
      { id: 'phase', source: SOURCE },
    ]);
    expect(opened).toBe(1);
    expect(second.map((r) => r.cached)).toEqual([false, false]);
    const fresh = await launchBrowser();
    try {
      const drawn = await renderMermaidSvgs(fresh, [
        { id: 'autre', source: OTHER },
        { id: 'phase', source: SOURCE },
      ]);
      expect(second.map((r) => r.svg)).toEqual(drawn.map((r) => r.svg));
      expect(second[1]?.svg.replace(/mermaid-1-/g, 'mermaid-0-')).toBe(first[0]?.svg);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
