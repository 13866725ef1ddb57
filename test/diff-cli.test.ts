/**
 * `npx greffe diff` through the real command, and the redline sites in
 * Chromium: 1.0.0 against a copy with seuil 5 000 € (in a folder named after
 * neither id nor version), 1.0.0 → 1.1.0, and the redline `greffe docs build`
 * publishes between two consecutive published versions. axe-core finds no
 * violation on any page; words removed and added are <del>/<ins> with text
 * marks; every diagram image loads.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, launchBrowser, plainArticles, renderLegalText } from '../renderer/index.ts';
import { writeRedline } from '../renderer/redline/index.ts';
import { loadProcedure, type Procedure } from '../spec/index.ts';
import { runGreffe, runGreffeHere } from './helpers/cli.ts';
import { copySpec, editSpec, FIXTURE_DIR } from './helpers/spec-copy.ts';

const V100 = 'spec/procedures/petits-litiges/1.0.0';
const V110 = 'spec/procedures/petits-litiges/1.1.0';
const flat = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const tmp = () => mkdtempSync(join(tmpdir(), 'greffe-diff-'));

function load(dir: string): Procedure {
  const { procedure, diagnostics } = loadProcedure(dir, { matchFolderNames: false });
  if (!procedure) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return procedure;
}

/** A copy of 1.0.0 with seuil at 5 000 €, in a folder that is neither "petits-litiges/1.0.0". */
function seuil5000(): string {
  const dir = join(tmp(), 'brouillon');
  cpSync(V100, dir, { recursive: true });
  const file = join(dir, 'procedure.yaml');
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(
    'value: { amount: 4000, currency: EUR }',
    'value: { amount: 5000, currency: EUR }',
  );
  if (edited === text) throw new Error('seuil introuvable dans procedure.yaml');
  writeFileSync(file, edited);
  return dir;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** The text a reader sees (Playwright's innerText: rendered, laid out, CSS-hidden text excluded). */
// biome-ignore lint/performance/useDomNodeTextContent: this is Playwright's Locator.innerText, not the DOM property
const seen = (l: Locator) => l.innerText();

async function axe(url: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`,
    );
  } finally {
    await context.close();
  }
}

const PAGES = ['index.html', 'texte.html', 'diagrammes.html', 'formulaires.html'];
const pageUrl = (dir: string, file: string) => pathToFileURL(join(dir, file)).href;

async function withPage<T>(url: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(url);
    return await fn(page);
  } finally {
    await context.close();
  }
}

describe('greffe diff 1.0.0 <copy with seuil 5000>', () => {
  let out: string;
  let stdout: string;
  let changedArticles: string[];
  beforeAll(async () => {
    out = join(tmp(), 'redline');
    // The command's main() in this process (the redline it writes is what is checked); the exit
    // codes through the binary are the last test's.
    const r = await runGreffeHere(['diff', V100, seuil5000(), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = flat(r.stdout);
    changedArticles = plainArticles(renderLegalText(load(V100)))
      .filter((x) => [x.title, ...x.units].some((u) => flat(u).includes('4 000 €')))
      .map((x) => `Article ${x.article.number === 1 ? '1er' : x.article.number} — ${x.title}`);
  }, 120_000);

  it('prints the parameter change and every changed article with 4 000 removed and 5 000 added', () => {
    expect(stdout).toContain('Paramètres : 1 modification');
    expect(stdout).toContain('~ modification : « Seuil de la procédure en ligne » (seuil)');
    expect(stdout).toContain('Valeur : 4 000 € → 5 000 €');
    expect(changedArticles.length).toBeGreaterThan(0);
    for (const a of changedArticles) expect(stdout).toContain(`${flat(a)} : modifié`);
    const listed = stdout.match(/^ {2}Article .* : (modifié|ajouté|supprimé)$/gm) ?? [];
    expect(listed.length).toBe(changedArticles.length);
    // Every edit, in the articles and in the forms' help texts, is the amount; the legend line aside.
    const edits = (stdout.match(/\[-[^\]]*-\]|\{\+[^}]*\+\}/g) ?? []).filter((e) => !e.includes('…'));
    expect(edits.length).toBeGreaterThan(0);
    expect(new Set(edits)).toEqual(new Set(['[-4 000-]', '{+5 000+}']));
  });

  it.each(PAGES)(
    'axe-core finds no violation on the redline’s %s',
    async (f) => {
      expect(await axe(pageUrl(out, f))).toEqual([]);
    },
    180_000,
  );

  it('writes a redline site with the words removed and added marked', async () => {
    await withPage(pageUrl(out, 'texte.html'), async (page) => {
      const dels = (await page.locator('article.legal del').allInnerTexts()).map(flat);
      const inss = (await page.locator('article.legal ins').allInnerTexts()).map(flat);
      expect(dels.length).toBeGreaterThan(0);
      expect(new Set(dels)).toEqual(new Set(['[−4 000]']));
      expect(new Set(inss)).toEqual(new Set(['[+5 000]']));
      expect(await page.locator('article.legal.changed').count()).toBe(changedArticles.length);
    });
    await withPage(pageUrl(out, 'index.html'), async (page) => {
      const row = page.locator('section#parameters tbody tr');
      expect(await row.count()).toBe(1);
      expect(flat(await seen(row))).toMatch(
        /Seuil de la procédure en ligne.*modifié.*Valeur.*\[−4 000\] €.*\[\+5 000\] €/s,
      );
    });
  }, 120_000);

  it('refuses a wrong call and says why a folder does not load', async () => {
    const [one, missing] = await Promise.all([
      runGreffe(['diff', V100]),
      runGreffe(['diff', V100, join(tmp(), 'absent')]),
    ]);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('deux dossiers attendus');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ne se charge pas');
  }, 60_000);
});

describe('redline 1.0.0 → 1.1.0', () => {
  let out: string;
  let a: Procedure;
  let b: Procedure;
  let report: Awaited<ReturnType<typeof writeRedline>>;
  beforeAll(async () => {
    a = load(V100);
    b = load(V110);
    out = join(tmp(), 'redline');
    report = await writeRedline(a, b, out, { browser });
  }, 180_000);

  it.each(PAGES)(
    'axe-core finds no violation on %s',
    async (f) => {
      expect(await axe(pageUrl(out, f))).toEqual([]);
    },
    180_000,
  );

  it('lists the new constructs', async () => {
    const newRemedies = Object.values(b.remedies).filter((r) => !(r.id in a.remedies));
    const newForms = Object.values(b.forms).filter((f) => !(f.id in a.forms));
    const newStates = Object.values(b.states).filter((s) => !(s.id in a.states));
    expect(newRemedies.length * newForms.length * newStates.length).toBeGreaterThan(0);
    await withPage(pageUrl(out, 'index.html'), async (page) => {
      const remedies = await page.locator('section#remedies tbody th').allInnerTexts();
      for (const r of newRemedies) expect(remedies).toContain(`${r.label} (${r.id})`);
      const states = await page.locator('section#states tbody th').allInnerTexts();
      for (const s of newStates) expect(states).toContain(`${s.label} (${s.id})`);
    });
    await withPage(pageUrl(out, 'formulaires.html'), async (page) => {
      for (const f of newForms)
        expect(await seen(page.locator(`section#formulaire-${f.id} h2`))).toContain('formulaire ajouté');
    });
  }, 120_000);

  it('shows each changed phase as a loaded diagram with its changes listed beside it', async () => {
    expect(report.diagrams.length).toBeGreaterThan(0);
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(pageUrl(out, 'diagrammes.html'));
      await page.waitForLoadState('load');
      const images = page.locator('section.diagram img');
      expect(await images.count()).toBe(report.diagrams.length);
      const broken = await images.evaluateAll((imgs) =>
        (imgs as HTMLImageElement[]).filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src),
      );
      expect(broken).toEqual([]);
      for (const d of report.diagrams) {
        const list = await seen(page.locator(`section#${d.id} .changes`));
        for (const s of d.states.filter((x) => !x.outside && x.status !== 'same'))
          expect(list).toContain(`« ${s.label} »`);
        const svg = readFileSync(join(out, 'diagrammes', `${d.id}.svg`), 'utf8');
        // The drawn image says each change in words: one "(ajouté)" per added state or act, and so on.
        for (const [status, word] of [
          ['added', '(ajouté)'],
          ['removed', '(supprimé)'],
          ['changed', '(modifié)'],
        ] as const) {
          const n = [...d.states, ...d.edges].filter((x) => x.status === status).length;
          expect(svg.split(word).length - 1, `${d.id} ${word}`).toBe(n);
        }
      }
    } finally {
      await context.close();
    }
  }, 120_000);
});

describe('greffe docs build publishes the redline between consecutive published versions', () => {
  it('links it from the versions page', async () => {
    const v1 = copySpec(FIXTURE_DIR);
    const v2 = join(v1, '..', '1.1.0');
    cpSync(v1, v2, { recursive: true });
    editSpec(v2, 'procedure.yaml', 'version: 1.0.0', 'version: 1.1.0');
    editSpec(v2, 'procedure.yaml', 'amount: 1500', 'amount: 2000');
    const out = tmp();
    const site = await buildSite([v1, v2], out, { browser });
    expect(site.redlines.map((r) => `${r.id} ${r.from} → ${r.to}`)).toEqual(['mediation 1.0.0 → 1.1.0']);
    const dir = join(out, 'mediation', '1.1.0', 'modifications');
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    await withPage(pageUrl(join(out, 'mediation', '1.0.0'), 'versions.html'), async (page) => {
      await page.getByRole('link', { name: 'Modifications depuis la version 1.0.0' }).click();
      expect(page.url()).toBe(pageUrl(dir, 'index.html'));
      expect(flat(await seen(page.locator('section#parameters')))).toMatch(/\[−1 500\] €.*\[\+2 000\] €/s);
    });
    expect(await axe(pageUrl(join(out, 'mediation', '1.1.0'), 'versions.html'))).toEqual([]);
  }, 240_000);
});
