/**
 * Pre-renders mermaid sources to SVG with mermaid's own bundle, in a blank
 * Chromium page (no network: the script is injected from node_modules).
 * `htmlLabels: false` keeps labels as SVG text, so the files read the same
 * outside a browser (print, image viewers, <img>).
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';

export interface MermaidSource {
  readonly id: string;
  readonly source: string;
}

export interface RenderedSvg {
  readonly id: string;
  readonly svg: string;
  /** Time spent rendering this diagram, in milliseconds. */
  readonly ms: number;
}

const require = createRequire(import.meta.url);
export const mermaidBundle = (): string => require.resolve('mermaid/dist/mermaid.min.js');

/** The part of mermaid's browser API used here (the bundle defines `window.mermaid`). */
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, source: string): Promise<{ svg: string }>;
}

const CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'neutral',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  state: { useMaxWidth: true },
  fontFamily: 'Liberation Sans, Arial, Helvetica, sans-serif',
};

/** Renders `sources` in order in one new page of `browser`. */
async function renderInPage(
  browser: Browser,
  sources: readonly (MermaidSource & { index: number })[],
): Promise<RenderedSvg[]> {
  const page = await browser.newPage();
  try {
    await page.setContent(
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>',
    );
    await page.addScriptTag({ path: mermaidBundle() });
    await page.evaluate((config) => {
      (globalThis as unknown as { mermaid: MermaidApi }).mermaid.initialize(config);
    }, CONFIG);
    const out: RenderedSvg[] = [];
    for (const d of sources) {
      const t0 = performance.now();
      const result = await page.evaluate(
        async ({ id, source }) => {
          try {
            const r = await (globalThis as unknown as { mermaid: MermaidApi }).mermaid.render(id, source);
            return { svg: r.svg };
          } catch (err: unknown) {
            return { error: err instanceof Error ? err.message : String(err) };
          }
        },
        { id: `mermaid-${d.index}-${d.id}`, source: d.source },
      );
      if ('error' in result)
        throw new Error(`Le diagramme « ${d.id} » n’a pas pu être dessiné : ${result.error}`);
      out.push({ id: d.id, svg: result.svg, ms: performance.now() - t0 });
    }
    return out;
  } finally {
    await page.close();
  }
}

/**
 * Renders every source with `browser`, in one page by default. `pages > 1`
 * spreads them over pages working in parallel (each has its own renderer
 * process); on this 2-core machine under load it gained nothing measurable,
 * and a single page keeps each diagram's time honest. Results keep the order
 * of `sources`.
 * @example const svgs = await renderMermaidSvgs(browser, [{ id: 'procedure', source }]);
 */
export async function renderMermaidSvgs(
  browser: Browser,
  sources: readonly MermaidSource[],
  pages = 1,
): Promise<RenderedSvg[]> {
  const indexed = sources.map((s, index) => ({ ...s, index }));
  const lanes = Array.from({ length: Math.max(1, pages) }, (_, lane) =>
    indexed.filter((s) => s.index % Math.max(1, pages) === lane),
  );
  const done = await Promise.all(lanes.filter((l) => l.length > 0).map((l) => renderInPage(browser, l)));
  const byId = new Map(done.flat().map((r) => [r.id, r]));
  return sources.map((s) => byId.get(s.id) as RenderedSvg);
}
