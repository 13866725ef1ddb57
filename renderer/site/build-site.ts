/**
 * Builds the annex site: for each procedure version, `<out>/<id>/<version>/`
 * with the summary, the commented diagrams (mermaid + SVG), the legal text
 * (HTML, Markdown, PDF), the forms catalogue, the versions and the spec
 * sources; and `<out>/index.html` listing them. One Chromium for the whole
 * build: every diagram is rendered in one page, then each PDF is printed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Procedure } from '../../spec/index.ts';
import { formatFolded, loadProcedure } from '../../spec/index.ts';
import { launchBrowser } from '../browser.ts';
import { anchor, esc } from '../html.ts';
import type { DraftingReport } from '../legal/drafting-check.ts';
import type { Readability } from '../legal/readability.ts';
import type { StrayNumber } from '../legal/stray-numbers.ts';
import { renderMermaidSvgs } from '../mermaid-render.ts';
import { writeRedline } from '../redline/site.ts';
import { REDLINE_DIR, redlinePairs } from './pages-versions.ts';
import { legalTextPdf } from './pdf.ts';
import { rootPage } from './root-page.ts';
import { STYLE_CSS } from './style.ts';
import { type VersionContent, versionContent } from './version-files.ts';

export interface BuildOptions {
  /** Chromium executable (default: GREFFE_CHROMIUM, else /usr/bin/chromium). */
  readonly chromium?: string;
  /** An open browser to use (left open); otherwise one is started and closed. */
  readonly browser?: Browser;
}

export interface VersionReport {
  readonly id: string;
  readonly version: string;
  /** Folder of this version's annex. */
  readonly dir: string;
  readonly readability: Readability;
  readonly strayNumbers: readonly StrayNumber[];
  /** The drafting checker's report on the legal text (errors fail the build). */
  readonly drafting: DraftingReport;
  /** Render time of each diagram, in milliseconds. */
  readonly diagrams: readonly { readonly id: string; readonly ms: number }[];
  readonly files: number;
}

/** A redline published between two consecutive published versions. */
export interface RedlineEntry {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly dir: string;
  /** Articles of the legal text added, removed or changed. */
  readonly articles: number;
  readonly diagrams: number;
}

export interface SiteReport {
  readonly outDir: string;
  readonly versions: readonly VersionReport[];
  readonly redlines: readonly RedlineEntry[];
  /** Milliseconds spent in each step. */
  readonly timings: {
    load: number;
    generate: number;
    browser: number;
    mermaid: number;
    pdf: number;
    write: number;
    total: number;
  };
}

/** Thrown when a procedure given by folder does not load; the message lists every diagnostic. */
export class ProcedureLoadError extends Error {}

function load(input: string | Procedure): Procedure {
  if (typeof input !== 'string') return input;
  const { procedure, diagnostics } = loadProcedure(input);
  if (!procedure) {
    const errors = formatFolded(diagnostics.filter((d) => d.severity === 'error'));
    throw new ProcedureLoadError(`La procédure ${input} ne se charge pas :\n${errors.join('\n')}`);
  }
  return procedure;
}

/** Adds an accessible title to a mermaid SVG shown on its own. */
const titled = (svg: string, title: string) =>
  svg.replace(/^<svg([^>]*)>/, (m) => `${m}<title>${esc(title)}</title>`);

function writeVersion(root: string, c: VersionContent, svgs: Map<string, string>, pdf: Buffer): string {
  const dir = join(root, c.procedure.id, c.procedure.version);
  rmSync(dir, { recursive: true, force: true });
  const put = (file: string, content: string | Buffer) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  };
  for (const [file, content] of c.files) put(file, content);
  for (const d of c.diagrams) put(`diagrammes/${anchor(d.id)}.svg`, titled(svgs.get(d.id) ?? '', d.title));
  put('annexe.pdf', pdf);
  return dir;
}

/**
 * Builds the site for procedure folders or loaded procedures into `outDir`.
 * @example await buildSite(['spec/procedures/petits-litiges/1.0.0'], 'out/annexe')
 */
export async function buildSite(
  inputs: readonly (string | Procedure)[],
  outDir: string,
  options: BuildOptions = {},
): Promise<SiteReport> {
  const t0 = performance.now();
  let t = t0;
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const procedures = inputs.map(load);
  const load_ = lap();
  const builtVersions = (id: string) => new Set(procedures.filter((p) => p.id === id).map((p) => p.version));
  const contents = procedures.map((p) => versionContent(p, builtVersions(p.id)));
  const generate = lap();
  const browser = options.browser ?? (await launchBrowser(options.chromium));
  const browserMs = lap();
  try {
    const sources = contents.flatMap((c, i) =>
      c.diagrams.map((d) => ({ id: `p${i}-${d.id}`, source: d.source })),
    );
    const rendered = await renderMermaidSvgs(browser, sources);
    const mermaid = lap();
    const pdfs: Buffer[] = [];
    for (const c of contents) pdfs.push(await legalTextPdf(browser, c.legal));
    const pdf = lap();
    mkdirSync(outDir, { recursive: true });
    const versions = contents.map((c, i): VersionReport => {
      const prefix = `p${i}-`;
      const mine = rendered
        .filter((r) => r.id.startsWith(prefix))
        .map((r) => ({ ...r, id: r.id.slice(prefix.length) }));
      const dir = writeVersion(outDir, c, new Map(mine.map((r) => [r.id, r.svg])), pdfs[i] as Buffer);
      return {
        id: c.procedure.id,
        version: c.procedure.version,
        dir,
        readability: c.readability,
        strayNumbers: c.strayNumbers,
        drafting: c.drafting,
        diagrams: mine.map((r) => ({ id: r.id, ms: r.ms })),
        files: c.files.size + c.diagrams.length + 1,
      };
    });
    const redlines: RedlineEntry[] = [];
    for (const [i, p] of procedures.entries()) {
      for (const [from] of redlinePairs(p, builtVersions(p.id)).filter(([, to]) => to === p.version)) {
        const older = procedures.find((x) => x.id === p.id && x.version === from) as Procedure;
        const r = await writeRedline(older, p, join(versions[i]?.dir as string, REDLINE_DIR), {
          browser,
          back: { href: '../versions.html', text: 'Versions de l’annexe' },
        });
        redlines.push({
          id: p.id,
          from,
          to: p.version,
          dir: r.dir,
          articles: r.legal.articles.filter((a) => a.kind !== 'same').length,
          diagrams: r.diagrams.length,
        });
      }
    }
    writeFileSync(join(outDir, 'index.html'), rootPage(procedures));
    writeFileSync(join(outDir, 'style.css'), STYLE_CSS);
    const write = lap();
    return {
      outDir,
      versions,
      redlines,
      timings: {
        load: load_,
        generate,
        browser: browserMs,
        mermaid,
        pdf,
        write,
        total: performance.now() - t0,
      },
    };
  } finally {
    if (!options.browser) await browser.close();
  }
}
