/**
 * Pre-renders mermaid sources to SVG with mermaid's own bundle, in a blank
 * Chromium page (no network: the scripts are injected from node_modules).
 * `htmlLabels: false` keeps labels as SVG text, so the files read the same
 * outside a browser (print, image viewers, <img>).
 *
 * Layout: ELK (`@mermaid-js/layout-elk`, its "layered" algorithm) rather than
 * mermaid's default dagre. dagre drew arrows across other arrows' labels and
 * stacked the labels of parallel arrows on each other (54 overlapping labels
 * and 167 arrows across a label on annex 1.1.0's diagrams); ELK routes arrows
 * orthogonally around labels it places itself: 0 and 0
 * (test/diagram-overlaps.test.ts measures it on every procedure).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/** Layout engines: `elk` (default, see above) or mermaid's `dagre` (kept to measure what ELK fixes). */
export type MermaidLayout = 'elk' | 'dagre';

const ELK_PACKAGE = '@mermaid-js/layout-elk';

/**
 * The ELK layout as one classic script defining `globalThis.greffeElkLayouts`
 * (the package ships ES modules split in chunks, which a blank page cannot
 * import). Bundled with esbuild once per installed version, then read from
 * node_modules/.cache/greffe/.
 */
async function elkScript(): Promise<string> {
  const pkgFile = require.resolve(`${ELK_PACKAGE}/package.json`);
  const { version } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  const cache = join(dirname(pkgFile), '..', '..', '.cache', 'greffe', `layout-elk-${version}.js`);
  if (existsSync(cache)) return readFileSync(cache, 'utf8');
  const { build } = await import('esbuild');
  const out = await build({
    stdin: {
      contents: `import layouts from '${ELK_PACKAGE}/dist/mermaid-layout-elk.esm.min.mjs';\nglobalThis.greffeElkLayouts = layouts;`,
      resolveDir: dirname(pkgFile),
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  const text = out.outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild n’a pas produit le script de ${ELK_PACKAGE}.`);
  mkdirSync(dirname(cache), { recursive: true });
  // Written aside then renamed: a build running at the same time never reads half a file.
  const part = `${cache}.${process.pid}.part`;
  writeFileSync(part, text);
  renameSync(part, cache);
  return text;
}

/** The part of mermaid's browser API used here (the bundle defines `window.mermaid`). */
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  registerLayoutLoaders(loaders: unknown): void;
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
  layout: MermaidLayout,
): Promise<RenderedSvg[]> {
  const page = await browser.newPage();
  try {
    await page.setContent(
      '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body></body></html>',
    );
    await page.addScriptTag({ path: mermaidBundle() });
    if (layout === 'elk') await page.addScriptTag({ content: await elkScript() });
    await page.evaluate(
      ({ config, layout }) => {
        const g = globalThis as unknown as { mermaid: MermaidApi; greffeElkLayouts?: unknown };
        if (layout === 'elk') g.mermaid.registerLayoutLoaders(g.greffeElkLayouts);
        g.mermaid.initialize({ ...config, layout });
      },
      { config: CONFIG, layout },
    );
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
  layout: MermaidLayout = 'elk',
): Promise<RenderedSvg[]> {
  const indexed = sources.map((s, index) => ({ ...s, index }));
  const lanes = Array.from({ length: Math.max(1, pages) }, (_, lane) =>
    indexed.filter((s) => s.index % Math.max(1, pages) === lane),
  );
  const done = await Promise.all(
    lanes.filter((l) => l.length > 0).map((l) => renderInPage(browser, l, layout)),
  );
  const byId = new Map(done.flat().map((r) => [r.id, r]));
  return sources.map((s) => byId.get(s.id) as RenderedSvg);
}
