/**
 * `greffe dev` (issue 13, part 4): the real command on a temporary copy of
 * the annex, driven with Debian's Chromium. A saved parameter appears in the
 * open page without a restart; a broken save shows its diagnostic (file,
 * line, column) in the page and the terminal while the last good pages stay
 * served; the fix clears it. The forms are drawn by the web app's renderers
 * and the application serves the draft with the new value. The diagrams page
 * loads each of its SVGs (drawn by mermaid in Chromium, as the annex's), and a
 * saved state label reaches its phase's diagram.
 * The published folders are never touched: the copy is a draft 1.2.0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionOf } from './helpers/spec-copy.ts';
import { axeViolations, buildWebTo, launchChromium, recordRequests } from './web-helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
// The repository's draft 1.2.0: a copy of published 1.1.0 made a draft would warn (second-person-label).
const SOURCE = 'spec/procedures/petits-litiges/1.2.0';
const WAIT = 120_000;

let specRoot: string;
let versionDir: string;
let webDir: string;
let child: ChildProcess;
let output = '';
let url: string;
let browser: Browser;
let page: Page;

const procedureFile = () => join(versionDir, 'procedure.yaml');
const edit = (from: string | RegExp, to: string) => {
  const before = readFileSync(procedureFile(), 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`« ${String(from)} » introuvable`);
  writeFileSync(procedureFile(), after);
  return after;
};
const bodyText = () => page.evaluate(() => document.body.textContent ?? '');

beforeAll(async () => {
  specRoot = mkdtempSync(join(tmpdir(), 'greffe-dev-spec-'));
  versionDir = join(specRoot, 'petits-litiges', '1.2.0');
  cpSync(join(ROOT, SOURCE), versionDir, { recursive: true });
  ({ dir: webDir } = await buildWebTo());
  child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['cli/main.ts', 'dev', '--spec', specRoot, '--port', '0', '--web', webDir],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  url = await new Promise<string>((ok, fail) => {
    const timer = setInterval(() => {
      const m = /aperçu sur (http:\/\/\S+) ;/.exec(output);
      if (m) {
        clearInterval(timer);
        ok((m[1] as string).replace('localhost', '127.0.0.1'));
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        fail(new Error(`greffe dev s’est arrêté (${child.exitCode}) :\n${output}`));
      }
    }, 100);
  });
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(specRoot, { recursive: true, force: true });
  rmSync(webDir, { recursive: true, force: true });
});

describe('greffe dev', () => {
  it('shows a saved parameter in the open page, then a broken save’s diagnostic, then clears it', async () => {
    const requests = recordRequests(page.context());
    await page.goto(`${url}/petits-litiges/1.2.0/texte.html`);
    expect(await bodyText()).toMatch(/4\s000\s€/);
    expect(await bodyText()).not.toMatch(/4\s500\s€/);
    const pid = child.pid;
    // The page's own navigation count: a reload by the live client, not by the test.
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    expect(loads).toBe(1);

    edit('value: { amount: 4000, currency: EUR }', 'value: { amount: 4500, currency: EUR }');
    await page.waitForFunction(() => /4\s500\s€/.test(document.body.textContent), null, { timeout: WAIT });
    expect(await bodyText()).not.toMatch(/4\s000\s€/);
    expect(child.pid).toBe(pid);
    expect(child.exitCode).toBeNull();

    // A typo in a transition's target: the page lists the diagnostic where it is, the last good text stays.
    const broken = edit('    to: convocation_defendeur\n', '    to: convocation_defendeurr\n');
    const at = positionOf(broken, 'convocation_defendeurr');
    const where = `procedure.yaml:${at.line}:${at.column}`;
    await page.waitForSelector('#greffe-diagnostics', { timeout: WAIT });
    const panel = await page.locator('#greffe-diagnostics').textContent();
    expect(panel).toContain(where);
    expect(panel).toContain('erreur');
    expect(panel).toContain('La dernière version qui se chargeait reste affichée');
    expect(await bodyText()).toMatch(/4\s500\s€/);
    expect(await axeViolations(page)).toEqual([]);
    // The terminal shows it in `greffe validate`'s format.
    expect(output).toMatch(new RegExp(`${where.replace(/\./g, '\\.')}\\s+error\\s+\\S+`));

    edit('    to: convocation_defendeurr\n', '    to: convocation_defendeur\n');
    await page.waitForSelector('#greffe-diagnostics', { state: 'detached', timeout: WAIT });
    expect(await bodyText()).toMatch(/4\s500\s€/);
    expect(requests.outside()).toEqual([]);
  }, 300_000);

  it('draws the forms with the web app’s renderers and runs the draft in the application', async () => {
    await page.goto(`${url}/petits-litiges/1.2.0/formulaires-apercu.html`);
    const state = (await (await fetch(`${url}/__greffe/etat`)).json()) as { application: string };
    const forms = (await (await fetch(`${url}/petits-litiges/1.2.0/formulaires-apercu.json`)).json()) as {
      title: string;
    }[];
    expect(forms.length).toBeGreaterThan(0);
    const first = forms[0]?.title as string;
    await page.getByRole('heading', { name: first, exact: true }).waitFor({ timeout: WAIT });
    // DSFR controls, as the application draws them.
    expect(
      await page.locator('#formulaires .fr-input-group, #formulaires .fr-fieldset').count(),
    ).toBeGreaterThan(0);

    // The application restarted on the saved catalog: the draft is served with the new threshold.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${state.application}/api/procedures/petits-litiges/1.2.0`);
          return res.ok ? JSON.stringify(await res.json()) : `HTTP ${res.status}`;
        },
        { timeout: WAIT, interval: 500 },
      )
      .toMatch(/4\s?500/);

    // One click on the index opens the application signed in as that sample user.
    await page.goto(url);
    expect(await axeViolations(page)).toEqual([]);
    await page
      .getByRole('button', { name: /demandeur/i })
      .first()
      .click();
    await page.waitForURL(`${state.application}/`, { timeout: WAIT });
    const me = await page.context().request.get(`${state.application}/api/me`);
    expect(me.status()).toBe(200);
    expect(JSON.stringify(await me.json())).toContain('demandeur');
  }, 300_000);

  it('loads every diagram of the diagrams page, and a saved label reaches its phase’s diagram', async () => {
    await page.goto(`${url}/petits-litiges/1.2.0/diagrammes.html`);
    const images = page.locator('figure img');
    const count = await images.count();
    expect(count).toBeGreaterThan(1);
    const sources: string[] = [];
    for (let i = 0; i < count; i++) {
      const img = images.nth(i);
      // Lazy images: each is drawn (and asked for) once scrolled to.
      await img.scrollIntoViewIfNeeded();
      await img.evaluate(
        (el: HTMLImageElement) =>
          new Promise<void>((ok, fail) => {
            const done = () => (el.naturalWidth > 0 ? ok() : fail(new Error(`${el.src} ne s’affiche pas`)));
            if (el.complete) done();
            else {
              el.addEventListener('load', done, { once: true });
              el.addEventListener('error', done, { once: true });
            }
          }),
        undefined,
        { timeout: WAIT },
      );
      sources.push((await img.getAttribute('src')) as string);
    }
    expect(sources).toContain('diagrammes/phase-conciliation.svg');
    // The words of a label are drawn as separate tspans: the SVG's text, as a reader gets it.
    const phaseSvg = () =>
      page.evaluate(async () => {
        const res = await fetch('diagrammes/phase-conciliation.svg');
        const svg = new DOMParser().parseFromString(await res.text(), 'image/svg+xml').documentElement;
        return `${res.status} ${svg.nodeName} ${(svg.textContent ?? '').replace(/\s+/g, ' ')}`;
      });
    expect(await phaseSvg()).toMatch(/^200 svg .*Conciliation en cours/);

    const generation = await page.locator('meta[name="greffe-generation"]').getAttribute('content');
    edit('    label: "Conciliation en cours"\n', '    label: "Conciliation ouverte"\n');
    // The open page reloads on the new check, then its phase diagram is drawn again from the new source.
    await page.waitForFunction(
      (g) => document.querySelector('meta[name="greffe-generation"]')?.getAttribute('content') !== g,
      generation,
      { timeout: WAIT },
    );
    const svg = await phaseSvg();
    expect(svg).toMatch(/^200 svg .*Conciliation ouverte/);
    expect(svg).not.toContain('Conciliation en cours');
    await page.locator('img[src="diagrammes/phase-conciliation.svg"]').scrollIntoViewIfNeeded();
    await expect
      .poll(
        () =>
          page
            .locator('img[src="diagrammes/phase-conciliation.svg"]')
            .evaluate((el: HTMLImageElement) => el.naturalWidth),
        {
          timeout: WAIT,
        },
      )
      .toBeGreaterThan(0);
  }, 600_000);
});
