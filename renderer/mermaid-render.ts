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
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export interface MermaidSource {
  readonly id: string;
  readonly source: string;
}

export interface RenderedSvg {
  readonly id: string;
  readonly svg: string;
  /** Time spent rendering this diagram, in milliseconds (0 when read from the cache). */
  readonly ms: number;
  /** Read from the diagram cache (GREFFE_DIAGRAM_CACHE) rather than drawn. */
  readonly cached: boolean;
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

/** The id mermaid draws a diagram under: its SVG's id, prefix of its elements' ids and of its style. */
const renderId = (d: MermaidSource & { index: number }): string => `mermaid-${d.index}-${d.id}`;

/**
 * Pages with mermaid (and ELK) loaded, kept per browser and layout between calls: loading the two
 * bundles into a page costs about 5 s of Chromium on this machine, the drawing of a diagram 0.1 to
 * 2 s, and an annex build, a redline or `greffe dev` asks for diagrams several times with the same
 * browser. A page is lent to one call at a time; it goes when its browser closes. A reused page
 * draws the same bytes as a new one (test/mermaid-cache.test.ts).
 */
const idlePages = new WeakMap<Browser, Map<MermaidLayout, Page[]>>();

async function preparedPage(browser: Browser, layout: MermaidLayout): Promise<Page> {
  const idle = idlePages.get(browser)?.get(layout) ?? [];
  for (let page = idle.pop(); page; page = idle.pop()) if (!page.isClosed()) return page;
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
    return page;
  } catch (err: unknown) {
    await page.close();
    throw err;
  }
}

function releasePage(browser: Browser, layout: MermaidLayout, page: Page): void {
  if (page.isClosed()) return;
  const byLayout = idlePages.get(browser) ?? new Map<MermaidLayout, Page[]>();
  idlePages.set(browser, byLayout);
  const idle = byLayout.get(layout) ?? [];
  byLayout.set(layout, idle);
  idle.push(page);
}

/** Renders `sources` in order in one page of `browser` with mermaid loaded (see preparedPage). */
async function renderInPage(
  browser: Browser,
  sources: readonly (MermaidSource & { index: number })[],
  layout: MermaidLayout,
): Promise<RenderedSvg[]> {
  const page = await preparedPage(browser, layout);
  let healthy = false;
  try {
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
        { id: renderId(d), source: d.source },
      );
      if ('error' in result)
        throw new Error(`Le diagramme « ${d.id} » n’a pas pu être dessiné : ${result.error}`);
      out.push({ id: d.id, svg: result.svg, ms: performance.now() - t0, cached: false });
    }
    healthy = true;
    return out;
  } finally {
    // A page that failed a drawing is not lent again: a new one is prepared next time.
    if (healthy) releasePage(browser, layout, page);
    else await page.close();
  }
}

/**
 * Opt-in disk cache of rendered diagrams, for the test suite (vitest.config.ts
 * sets it): the annex's diagrams are drawn by several test files and each takes
 * seconds of Chromium. `GREFFE_DIAGRAM_CACHE=<folder>` turns it on; unset (the
 * default, and what `greffe docs build` uses unless asked), every diagram is drawn.
 * An entry is keyed by mermaid's, ELK's and Chromium's versions (Chromium measures
 * the text the layout is built around), the config, the layout and the source. The render id (it names the SVG's elements and scopes its style)
 * is stored as a placeholder and put back on reading, so the same diagram drawn
 * under another id is a hit (test/mermaid-cache.test.ts checks the bytes match a
 * real drawing under that id).
 */
export const DIAGRAM_CACHE_ENV = 'GREFFE_DIAGRAM_CACHE';
/** NUL cannot occur in an SVG (XML), so it never collides with the diagram's text. */
const ID_PLACEHOLDER = '\u0000greffe-id\u0000';

const versionOf = (pkg: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;

function cacheKey(browser: Browser, layout: MermaidLayout, source: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        mermaid: versionOf('mermaid'),
        elk: versionOf(ELK_PACKAGE),
        chromium: browser.version(),
        config: CONFIG,
        layout,
        source,
      }),
    )
    .digest('hex');
}

/** The cached SVG for `key` drawn under `id`; undefined when absent or unreadable (then drawn again). */
function readCached(dir: string, key: string, id: string): string | undefined {
  const file = join(dir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown; svg?: unknown };
    if (entry.key !== key || typeof entry.svg !== 'string' || !entry.svg.trimEnd().endsWith('</svg>'))
      throw new Error('entrée incomplète');
    return entry.svg.split(ID_PLACEHOLDER).join(id);
  } catch (err: unknown) {
    console.warn(
      `greffe : entrée illisible dans le cache des diagrammes (${file}), diagramme redessiné : ${err instanceof Error ? err.message : String(err)}`,
    );
    return undefined;
  }
}

function writeCached(dir: string, key: string, id: string, svg: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${key}.json`);
  // Written aside then renamed: another test process never reads half an entry.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, JSON.stringify({ key, svg: svg.split(id).join(ID_PLACEHOLDER) }));
  renameSync(part, file);
}

/**
 * Renders every source with `browser`, in one page by default. `pages > 1`
 * spreads them over pages working in parallel (each has its own renderer
 * process); on this 2-core machine under load it gained nothing measurable,
 * and a single page keeps each diagram's time honest. Results keep the order
 * of `sources`. With GREFFE_DIAGRAM_CACHE set, diagrams found there are not
 * drawn (no page is opened when all are); `cache: 'write'` draws them all but
 * still stores them (test/diagram-overlaps.test.ts: real layouts every run).
 * @example const svgs = await renderMermaidSvgs(browser, [{ id: 'procedure', source }]);
 */
export async function renderMermaidSvgs(
  browser: Browser,
  sources: readonly MermaidSource[],
  pages = 1,
  layout: MermaidLayout = 'elk',
  options: { readonly cache?: 'read-write' | 'write' } = {},
): Promise<RenderedSvg[]> {
  const read = options.cache !== 'write';
  const cacheDir = process.env[DIAGRAM_CACHE_ENV] || undefined;
  const indexed = sources.map((s, index) => ({ ...s, index }));
  const hits = new Map<string, RenderedSvg>();
  const keys = new Map<string, string>();
  if (cacheDir)
    for (const s of indexed) {
      const key = cacheKey(browser, layout, s.source);
      keys.set(s.id, key);
      const svg = read ? readCached(cacheDir, key, renderId(s)) : undefined;
      if (svg !== undefined) hits.set(s.id, { id: s.id, svg, ms: 0, cached: true });
    }
  const todo = indexed.filter((s) => !hits.has(s.id));
  const lanes = Array.from({ length: Math.max(1, pages) }, (_, lane) =>
    todo.filter((_s, i) => i % Math.max(1, pages) === lane),
  );
  const done = await Promise.all(
    lanes.filter((l) => l.length > 0).map((l) => renderInPage(browser, l, layout)),
  );
  const byId = new Map(done.flat().map((r) => [r.id, r]));
  if (cacheDir)
    for (const s of todo) {
      const r = byId.get(s.id);
      if (r) writeCached(cacheDir, keys.get(s.id) as string, renderId(s), r.svg);
    }
  for (const [id, r] of hits) byId.set(id, r);
  return sources.map((s) => byId.get(s.id) as RenderedSvg);
}
