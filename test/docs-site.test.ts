/**
 * The published annex, built for the real annex and the mediation fixture
 * with the same code, opened from disk in Chromium: the three forms (summary,
 * diagrams, legal text) are there and readable with JavaScript off, axe-core
 * finds no violation, every link between pages resolves, and nothing the
 * site loads comes from another host.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSite,
  launchBrowser,
  plainArticles,
  renderLegalText,
  renderMermaid,
  type SiteReport,
} from '../renderer/index.ts';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { ANNEX_DIR, FIXTURE_DIR } from './helpers/spec-copy.ts';

let browser: Browser;
let out: string;
let report: SiteReport;
const procedures: Procedure[] = [];

beforeAll(async () => {
  for (const dir of [ANNEX_DIR, FIXTURE_DIR]) {
    const { procedure, diagnostics } = loadProcedure(dir);
    if (!procedure) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    procedures.push(procedure);
  }
  browser = await launchBrowser();
  out = mkdtempSync(join(tmpdir(), 'greffe-annexe-'));
  report = await buildSite(procedures, out, { browser });
  // The ELK layout of the diagrams takes about twice dagre's time (docs/annexe.md).
}, 480_000);

afterAll(async () => {
  await browser?.close();
});

/** The text a reader sees (Playwright's innerText: rendered, laid out, CSS-hidden text excluded). */
// biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, not the DOM property
const seen = (l: Locator) => l.innerText();

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) =>
    statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)],
  );
const versionDir = (p: Procedure) => join(out, p.id, p.version);
const url = (p: Procedure, page: string) => pathToFileURL(join(versionDir(p), page)).href;

describe.each([0, 1])('annex site of procedure #%i', (i) => {
  const p = () => procedures[i] as Procedure;

  it('shows the three forms, readable with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(url(p(), 'index.html'));
      await page.getByRole('link', { name: 'Récapitulatif graphique' }).first().click();
      expect(page.url()).toMatch(/resume\.html$/);
      const summary = page.locator('figure.summary-figure img');
      expect(await summary.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
        true,
      );
      await expect
        .poll(() => seen(page.locator('table')))
        .toContain(Object.values(p().phases)[0]?.label ?? '');

      await page.goto(url(p(), 'diagrammes.html'));
      const diagrams = renderMermaid(p());
      const images = page.locator('section.diagram img');
      expect(await images.count()).toBe(diagrams.length);
      await page.waitForLoadState('load');
      const broken = await images.evaluateAll((imgs) =>
        (imgs as HTMLImageElement[])
          .filter((img) => !(img.complete && img.naturalWidth > 0))
          .map((img) => img.src),
      );
      expect(broken).toEqual([]);
      for (const d of diagrams) expect(await seen(page.locator(`section#${d.id} p.comment`))).toBe(d.comment);

      await page.goto(url(p(), 'texte.html'));
      const text = renderLegalText(p());
      expect(await page.locator('article.legal').count()).toBe(text.articles.length);
      await expect
        .poll(() => seen(page.locator('#article-1 h2')))
        .toBe(`Article 1er — ${text.articles[0]?.title}`);
      expect(await page.locator('#article-1').isVisible()).toBe(true);
      const body = (await seen(page.locator('main'))).replace(/\s+/g, ' ');
      for (const unit of plainArticles(text)[0]?.units ?? [])
        expect(body).toContain(unit.replace(/\s+/g, ' '));
    } finally {
      await context.close();
    }
  });

  it.each([
    'index.html',
    'resume.html',
    'diagrammes.html',
    'texte.html',
    'formulaires.html',
    'versions.html',
    'source/procedure.yaml.html',
  ])(
    'axe-core finds no violation on %s',
    async (file) => {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(url(p(), file));
        const result = await new AxeBuilder({ page }).analyze();
        const summary = result.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`,
        );
        expect(summary).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );

  it('lists every form of the procedure with its fields', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(url(p(), 'formulaires.html'));
      for (const f of Object.values(p().forms)) {
        const section = page.locator(`section#formulaire-${f.id}`);
        expect(await section.count()).toBe(1);
        const fields = Object.keys((f.schema.properties ?? {}) as object).length;
        expect(await section.locator('tbody tr').count()).toBeGreaterThanOrEqual(fields);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the site as files', () => {
  it('reports a build for each procedure, with a PDF of the legal text', () => {
    expect(report.versions.map((v) => `${v.id}/${v.version}`)).toEqual(
      procedures.map((p) => `${p.id}/${p.version}`),
    );
    for (const p of procedures) {
      const pdf = readFileSync(join(versionDir(p), 'annexe.pdf'));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(versionDir(p), 'annexe.md'), 'utf8')).toContain('## Article 1er — ');
    }
  });

  it('references no outside host: no remote src/href, no remote url(), no @import', () => {
    const problems: string[] = [];
    for (const f of files(out).filter((x) => /\.(html|css|svg|md|mmd)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      const bad = [
        ...text.matchAll(/\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//gi),
        ...text.matchAll(/url\(\s*["']?\s*(?:https?:)?\/\//gi),
        ...text.matchAll(/@import/gi),
      ];
      for (const m of bad) problems.push(`${f}: ${m[0]}`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves every relative link and anchor, so the site works opened from disk', () => {
    const missing: string[] = [];
    const idsOf = new Map<string, Set<string>>();
    const ids = (file: string) => {
      let known = idsOf.get(file);
      if (!known) {
        known = new Set(
          [...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] as string),
        );
        idsOf.set(file, known);
      }
      return known;
    };
    for (const f of files(out).filter((x) => x.endsWith('.html'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const link = m[1] as string;
        expect(link).not.toMatch(/^(\/|[a-z]+:)/i);
        const [path, hash] = link.split('#');
        const target = path ? resolve(dirname(f), path) : f;
        if (!existsSync(target)) missing.push(`${f} → ${link}`);
        else if (hash && target.endsWith('.html') && !ids(target).has(hash))
          missing.push(`${f} → ${link} (ancre)`);
      }
    }
    expect(missing).toEqual([]);
  });
});
