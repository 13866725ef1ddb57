/**
 * `npm run build:web`: bundles the web app into forms/web/dist/ for the
 * runtime to serve. JavaScript with esbuild (the back office and statistics
 * split into chunks citizens never download); CSS from the DSFR, reduced to
 * the rules our components use, with its fonts and icons copied beside it —
 * the pages load nothing from any other host. Every text asset is also
 * written pre-compressed (.br, .gz) for the server to send as is.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { WEB_DIST_DIR } from '../web-dist.ts';
import { classesIn, parseCss, pruneCustomProperties, purgeCss } from './css-purge.ts';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const require = createRequire(import.meta.url);
const dsfrDist = dirname(require.resolve('@gouvfr/dsfr/dist/dsfr.min.css'));

/** DSFR stylesheets the app's markup needs: the core and the components we use. */
const DSFR_CSS = [
  'core/core.main.min.css',
  ...['link', 'button', 'form', 'input', 'radio', 'checkbox', 'select', 'upload', 'stepper', 'alert', 'badge']
    .concat(['callout', 'card', 'header', 'modal', 'footer', 'logo', 'navigation', 'skiplink', 'table'])
    .map((c) => `component/${c}/${c}.main.min.css`),
  'utility/icons/icons.main.min.css',
];

/**
 * The back office and statistics come as chunks on demand. Measured under the
 * slow profile: a single file (4 requests instead of 7) was no faster within
 * the noise (±0.2 s), and citizens are spared the court's code.
 */
const SPLIT = true;

/**
 * React's API served by Preact's compatibility layer: the same components and
 * JSON Forms' React bindings, ~200 KB less of minified script (react-dom alone
 * was 40 % of the citizen's download). Type-checking still uses React's types.
 */
const PREACT = true;
const PREACT_ALIAS = { react: 'preact/compat', 'react-dom': 'preact/compat' } as const;

/**
 * One copy of each library in the bundle, and only the parts used. JSON Forms'
 * core imports ajv and ajv-formats for a `createAjv()` that nothing runs (the
 * app gives it its own, lib/ajv.ts): a stub, so ajv comes on demand only. lodash/fp's set and unset
 * come without lodash/fp's conversion layer (src/shims/lodash-fp.ts), and lodash's other functions
 * from es-toolkit's lodash-compatible ones. Together ~16 KB brotli off every citizen page.
 */
const dedupe: Plugin = {
  name: 'greffe-dedupe',
  setup(b) {
    // JSON Forms' own createAjv() is never called (the app always gives it its ajv): ajv stays off the
    // first screen, loaded on demand (src/lib/early-ajv.ts).
    b.onResolve({ filter: /^ajv(-formats)?$/ }, (a) =>
      /[\\/]@jsonforms[\\/]core[\\/]/.test(a.importer) ? { path: join(src, 'shims/no-ajv.ts') } : undefined,
    );
    b.onResolve({ filter: /^ajv-formats$/ }, () => ({ path: require.resolve('ajv-formats') }));
    b.onResolve({ filter: /^ajv$/ }, () => ({ path: require.resolve('ajv/dist/2020') }));
    // lodash's one-function modules that JSON Forms imports, from es-toolkit's lodash-compatible set:
    // the same answers (src/shims/lodash-compat.test.ts), ~5 KB brotli less.
    b.onResolve({ filter: /^lodash\/[a-zA-Z]+$/ }, (a) => ({
      path: require.resolve(`es-toolkit/compat/${a.path.slice('lodash/'.length)}`),
    }));
    b.onResolve({ filter: /^lodash\/fp\/(set|unset)$/ }, (a) => ({ path: a.path, namespace: 'lodash-fp' }));
    b.onLoad({ filter: /.*/, namespace: 'lodash-fp' }, (a) => ({
      contents: `export { ${a.path.slice('lodash/fp/'.length)} as default } from './lodash-fp.ts';`,
      resolveDir: join(src, 'shims'),
      loader: 'ts',
    }));
  },
};

export interface AssetSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzip: number;
  readonly brotli: number;
}

export interface BuildInfo {
  /** Files a citizen's pages load: the entry script, its static imports, the stylesheet. */
  readonly citizen: readonly AssetSize[];
  /** Chunks loaded on demand (back office, statistics). */
  readonly lazy: readonly AssetSize[];
  readonly citizenTotal: { readonly bytes: number; readonly gzip: number; readonly brotli: number };
}

const hash = (data: Buffer | string): string =>
  createHash('sha256').update(data).digest('base64url').slice(0, 10);

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

function sizeOf(outDir: string, file: string): AssetSize {
  const data = readFileSync(join(outDir, file));
  return {
    file,
    bytes: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Copies an asset the CSS points to into assets/, content-hashed; returns its new name. */
function copyAsset(from: string, assets: string, copied: Map<string, string>): string {
  const known = copied.get(from);
  if (known) return known;
  const data = readFileSync(from);
  const name = `${basename(from, extname(from))}-${hash(data)}${extname(from)}`;
  writeFileSync(join(assets, name), data);
  copied.set(from, name);
  return name;
}

/** The DSFR CSS, purged of unused rules, its url()s pointing at copies in assets/. */
function dsfrCss(used: ReadonlySet<string>, assets: string): string {
  const copied = new Map<string, string>();
  return DSFR_CSS.map((rel) => {
    const file = join(dsfrDist, rel);
    let css = purgeCss(readFileSync(file, 'utf8'), { used, drop: /data-fr-theme=dark|data-fr-scheme=dark/ });
    // Every browser the app targets reads woff2: the woff fallbacks would only be copied for nothing.
    css = css.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)/g, '');
    return css.replace(/url\((["']?)([^"')]+)\1\)/g, (whole, _q: string, url: string) => {
      if (url.startsWith('data:') || url.startsWith('#')) return whole;
      return `url(${copyAsset(resolve(dirname(file), url), assets, copied)})`;
    });
  }).join('\n');
}

/** Splits the top-level @font-face rules off a stylesheet. */
export function splitFontFaces(all: string): { css: string; fonts: string } {
  const nodes = parseCss(all);
  const isFont = (prelude: string) => prelude.startsWith('@font-face');
  const text = (n: { prelude: string; block?: string }) =>
    n.block === undefined ? `${n.prelude};` : `${n.prelude}{${n.block}}`;
  return {
    css: nodes
      .filter((n) => !isFont(n.prelude))
      .map(text)
      .join(''),
    fonts: nodes
      .filter((n) => isFont(n.prelude))
      .map(text)
      .join('\n'),
  };
}

interface Page {
  readonly css: string;
  readonly entry: string;
  readonly boot: string;
  readonly preload: readonly string[];
  readonly favicon: string;
  readonly fonts: string;
}

/**
 * The prefetcher's script comes first and asks for a high priority: over HTTP/1.1 a browser opens
 * six connections to a host, and behind the stylesheet and the chunks it arrived 0.8 s later on the
 * slow profile, and the API requests it starts with it (measured: 1.7 s → 0.9 s).
 */
function indexHtml({ css, entry, boot, preload, favicon, fonts }: Page): string {
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Saisir la justice en ligne et suivre son affaire.">
<meta name="theme-color" content="#000091">
<title>Greffe en ligne</title>
<script type="module" src="/assets/${boot}" async fetchpriority="high"></script>
<link rel="icon" href="/assets/${favicon}" type="image/svg+xml">
<link rel="stylesheet" href="/assets/${css}">
<meta name="greffe-fonts" content="/assets/${fonts}">
${preload.map((p) => `<link rel="modulepreload" href="/assets/${p}">`).join('\n')}
<script type="module" src="/assets/${entry}"></script>
</head>
<body>
<div id="app"><p class="fr-container greffe-main">Chargement de la plateforme…</p></div>
<noscript><p class="fr-container">Cette plateforme a besoin de JavaScript. Activez-le, ou adressez-vous au greffe de votre tribunal (<a href="/trouver-un-tribunal">trouver le tribunal compétent</a>).</p></noscript>
</body>
</html>
`;
}

/** Output files the entry loads before rendering (static imports, transitively). */
function staticClosure(meta: Metafile, entryOut: string): string[] {
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of meta.outputs[out]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entryOut);
  return [...seen];
}

function precompress(outDir: string): void {
  for (const file of listFiles(outDir)) {
    if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
    const data = readFileSync(file);
    const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
    const gz = gzipSync(data, { level: 9 });
    if (br.length < data.length) writeFileSync(`${file}.br`, br);
    if (gz.length < data.length) writeFileSync(`${file}.gz`, gz);
  }
}

export interface BuildOptions {
  readonly outDir?: string;
  readonly minify?: boolean;
  /** Split the back office and statistics into chunks loaded on demand (default: see SPLIT). */
  readonly split?: boolean;
  /** Bundle Preact's compatibility layer in place of React (default: see PREACT). */
  readonly preact?: boolean;
}

/** Builds the web app into `outDir` (default forms/web/dist), replacing what was there. */
export async function buildWeb(options: BuildOptions = {}): Promise<BuildInfo> {
  const outDir = resolve(options.outDir ?? WEB_DIST_DIR);
  const assets = join(outDir, 'assets');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(assets, { recursive: true });

  const result = await build({
    entryPoints: { main: join(src, 'main.tsx') },
    outdir: assets,
    bundle: true,
    splitting: options.split ?? SPLIT,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    ...((options.preact ?? PREACT) ? { alias: PREACT_ALIAS, inject: [join(src, 'preact-options.ts')] } : {}),
    minify: options.minify ?? true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'external',
    plugins: [dedupe],
    metafile: true,
    logLevel: 'warning',
  });

  // The prefetcher on its own, with no shared chunk: it must start before anything else arrives.
  const boot = await build({
    entryPoints: { boot: join(src, 'boot.ts') },
    outdir: assets,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: options.minify ?? true,
    entryNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });

  const sources = listFiles(src).filter((f) => /\.tsx?$/.test(f));
  const used = new Set(sources.flatMap((f) => [...classesIn(readFileSync(f, 'utf8'))]));
  const allCss = pruneCustomProperties(
    `${dsfrCss(used, assets)}\n${readFileSync(join(src, 'app.css'), 'utf8')}`,
  );
  // The fonts come later (the app asks for them once the page is usable): on a slow line, 170 KB of
  // Marianne would otherwise share the bandwidth with the script and the data the form needs.
  const { css, fonts } = splitFontFaces(allCss);
  const cssName = `app-${hash(css)}.css`;
  const fontsName = `fonts-${hash(fonts)}.css`;
  writeFileSync(join(assets, cssName), css);
  writeFileSync(join(assets, fontsName), fonts);
  const favicon = copyAsset(join(dsfrDist, 'favicon/favicon.svg'), assets, new Map());

  const rel = (p: string) => relative(assets, resolve(p));
  // The main entry (a dynamic import, as lib/ajv.ts, is an entry point of its own too).
  const entryOut = Object.entries(result.metafile.outputs).find(([, o]) =>
    o.entryPoint?.endsWith('main.tsx'),
  )?.[0];
  const bootOut = Object.entries(boot.metafile.outputs).find(([, o]) => o.entryPoint)?.[0];
  if (!entryOut || !bootOut) throw new Error('esbuild n’a pas produit les points d’entrée attendus.');
  const closure = staticClosure(result.metafile, entryOut);
  const preload = closure.filter((o) => o !== entryOut).map(rel);
  writeFileSync(
    join(outDir, 'index.html'),
    indexHtml({ css: cssName, entry: rel(entryOut), boot: rel(bootOut), preload, favicon, fonts: fontsName }),
  );

  const js = Object.keys(result.metafile.outputs).filter((o) => o.endsWith('.js'));
  const citizen = [rel(bootOut), ...closure.map(rel), cssName].map((f) => sizeOf(outDir, `assets/${f}`));
  citizen.unshift(sizeOf(outDir, 'index.html'));
  const lazy = js
    .filter((o) => !closure.includes(o) && o !== bootOut)
    .map((o) => sizeOf(outDir, `assets/${rel(o)}`));
  const sum = (k: 'bytes' | 'gzip' | 'brotli') => citizen.reduce((n, a) => n + a[k], 0);
  const info: BuildInfo = {
    citizen,
    lazy,
    citizenTotal: { bytes: sum('bytes'), gzip: sum('gzip'), brotli: sum('brotli') },
  };
  writeFileSync(join(outDir, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  precompress(outDir);
  return info;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2];
  const info = await buildWeb(out ? { outDir: out } : {});
  const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
  console.log(`Application web construite dans ${relative(process.cwd(), out ?? WEB_DIST_DIR) || '.'}`);
  for (const a of info.citizen)
    console.log(
      `  ${a.file.padEnd(34)} ${kb(a.bytes).padStart(10)}  gzip ${kb(a.gzip).padStart(9)}  brotli ${kb(a.brotli).padStart(9)}`,
    );
  const t = info.citizenTotal;
  console.log(`  pages citoyennes : ${kb(t.bytes)}, gzip ${kb(t.gzip)}, brotli ${kb(t.brotli)}`);
  for (const a of info.lazy) console.log(`  (à la demande) ${a.file} : brotli ${kb(a.brotli)}`);
}
