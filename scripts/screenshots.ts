/**
 * `npm run screenshots`: the README's screenshots (docs/captures/), taken on a
 * fresh server — the web app built into a temporary folder, `greffe serve
 * --dev` on a temporary SQLite file, its dev clock set to a fixed day — along
 * one case of the annex (1.1.0): the portal, the filing form and its review
 * « Vérifiez vos réponses », the acknowledgement of receipt (the PDF's first
 * page), the case dashboard with the notice inbox, the conciliation thread,
 * the back office and the statistics, and the citizen's pages at 375 px.
 * Debian's Chromium through playwright-core, as the browser tests.
 * `npm run screenshots -- --out DIR` writes elsewhere.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLAIM, DEFENCE } from '../test/helpers/annex-1-1.ts';
import { buildWebTo, devLogin, launchChromium, startGreffe } from '../test/web-helpers.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1] ?? '') : join(ROOT, 'docs/captures');
const PROCEDURE = { procedure: 'petits-litiges', version: '1.1.0' };
/** The day the screenshots show (the annex 1.1.0 in force). */
const DAY = '2027-03-01T09:30:00+01:00';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 32), Buffer.from('\n%%EOF\n')]);

const written: string[] = [];

/** A screenshot of the viewport, or of the page down to `until` (its bottom edge, and a margin). */
async function shot(page: Page, name: string, until?: import('playwright-core').Locator): Promise<void> {
  // The fonts and the page settled: no "Chargement…" in a screenshot.
  await page.evaluate(() => document.fonts.ready);
  // Not "networkidle": a case page keeps a live connection open.
  await page.waitForFunction(() => !document.querySelector('.greffe-loading'), undefined, {
    timeout: 15_000,
  });
  const box = until ? await until.boundingBox() : null;
  const width = page.viewportSize()?.width ?? 1280;
  if (until && !box) throw new Error(`${name} : l’élément de fin n’est pas affiché`);
  await page.screenshot({
    path: join(OUT, name),
    ...(box && { fullPage: true, clip: { x: 0, y: 0, width, height: Math.ceil(box.y + box.height + 24) } }),
  });
  written.push(name);
}

async function person(browser: Browser, url: string, user?: string, width = 1280) {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: width < 600 ? { width, height: 667 } : { width, height: 860 },
  });
  // The browser's clock on the server's day too ("Brouillon enregistré à…", dates shown).
  await context.clock.setFixedTime(new Date(DAY));
  if (user) await devLogin(context, url, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { context, page };
}

async function ok<T>(what: string, res: Promise<import('playwright-core').APIResponse>): Promise<T> {
  const r = await res;
  if (!r.ok()) throw new Error(`${what} : ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Fires `event` on the case as the context's user, at the case's current version. */
async function fire(context: BrowserContext, url: string, id: string, event: string, data = {}) {
  const view = await ok<{ caseVersion: number }>('affaire', context.request.get(`${url}/api/cases/${id}`));
  await ok(
    event,
    context.request.post(`${url}/api/cases/${id}/events`, {
      data: { event, data, expectedVersion: view.caseVersion },
      headers: { 'idempotency-key': `captures-${id}-${event}-${view.caseVersion}` },
    }),
  );
}

/** A case whose filing draft holds the whole claim, with an invoice among its documents. */
async function draftedCase(context: BrowserContext, url: string): Promise<string> {
  const { id } = await ok<{ id: string }>(
    'ouverture',
    context.request.post(`${url}/api/cases`, { data: PROCEDURE }),
  );
  await ok(
    'pièce',
    context.request.post(`${url}/api/cases/${id}/documents?kind=pieces`, {
      data: PDF,
      headers: { 'content-type': 'application/octet-stream', 'x-filename': 'facture.pdf' },
    }),
  );
  await ok(
    'brouillon',
    context.request.put(`${url}/api/cases/${id}/draft`, {
      data: { data: { event: 'deposer_demande', values: CLAIM, step: 0 } },
    }),
  );
  return id;
}

/** Opens the filing form and goes step by step to its last one. */
async function lastStep(page: Page, url: string, id: string): Promise<void> {
  await page.goto(`${url}/affaires/${id}/actions/deposer_demande`);
  const review = page.getByRole('button', { name: 'Vérifier mes réponses' });
  const next = page.getByRole('button', { name: 'Étape suivante' });
  await next.or(review).first().waitFor();
  while (!(await review.isVisible())) await next.click();
}

/** « Vérifier mes réponses », and the review's check done (its send button usable). */
async function toReview(page: Page, url: string, id: string): Promise<string> {
  await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
  await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
  const view = await ok<{ actions: { event: string; label: string }[] }>(
    'affaire',
    page.context().request.get(`${url}/api/cases/${id}`),
  );
  const label = view.actions.find((a) => a.event === 'deposer_demande')?.label ?? 'deposer_demande';
  const send = page.getByRole('button', { name: label, exact: true });
  const deadline = Date.now() + 15_000;
  while (!(await send.isEnabled())) {
    if (Date.now() > deadline) throw new Error(`« ${label} » reste désactivé sur la vérification`);
    await page.waitForTimeout(200);
  }
  return label;
}

async function journey(browser: Browser, url: string): Promise<void> {
  const clock = await person(browser, url, 'greffe');
  await ok('horloge', clock.context.request.post(`${url}/api/dev/clock`, { data: { set: DAY } }));

  // The portal, as anyone opens it.
  const visitor = await person(browser, url);
  await visitor.page.goto(url);
  await visitor.page.getByRole('heading', { level: 1 }).waitFor();
  await shot(visitor.page, 'portail.png');

  // The filing: its last step, then « Vérifiez vos réponses », sent.
  const claimant = await person(browser, url, 'demandeur');
  const id = await draftedCase(claimant.context, url);
  await lastStep(claimant.page, url, id);
  await shot(claimant.page, 'saisine.png');
  const label = await toReview(claimant.page, url, id);
  // The whole review, down to its send button.
  await shot(
    claimant.page,
    'verification.png',
    claimant.page.getByRole('button', { name: label, exact: true }),
  );
  await claimant.page.getByRole('button', { name: label, exact: true }).click();
  await claimant.page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
  await claimant.page.getByTestId('etat-affaire').waitFor();

  // The acknowledgement of receipt: the PDF's first page.
  const href = await claimant.page.getByRole('link', { name: /accusé de réception/ }).getAttribute('href');
  const pdf = await claimant.context.request.get(new URL(href ?? '', url).toString());
  if (!pdf.ok()) throw new Error(`accusé de réception : ${pdf.status()}`);
  const pdfFile = join(OUT, '.accuse.pdf');
  writeFileSync(pdfFile, await pdf.body());
  await run('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    pdfFile,
    join(OUT, 'accuse-reception'),
  ]);
  rmSync(pdfFile);
  written.push('accuse-reception.png');

  // The registry's back office: the new claim waits for the defendant's summons.
  await clock.page.goto(`${url}/bureau`);
  await clock.page.getByRole('heading', { level: 1 }).waitFor();
  await shot(clock.page, 'bureau.png');

  // The case goes on: the defendant summoned and answering, the judge sending it to conciliation.
  await fire(clock.context, url, id, 'convoquer_defendeur');
  const defendant = await person(browser, url, 'defendeur');
  await fire(defendant.context, url, id, 's_identifier', {
    moyen_identification: 'franceconnect',
    courriel: 'gerant@boutique-electro.example',
    consentement_signification_electronique: true,
  });
  await fire(defendant.context, url, id, 'deposer_defense', DEFENCE);
  const judge = await person(browser, url, 'juge');
  await fire(judge.context, url, id, 'orienter', {
    orientation: 'en_ligne',
    matiere: 'consommation',
    partie_faible: 'aucune',
  });
  await fire(defendant.context, url, id, 'echanger_conciliation', {
    message: 'Le produit nous est revenu endommagé : nous proposons de rembourser 600 euros.',
  });
  const conciliator = await person(browser, url, 'conciliateur');
  await fire(conciliator.context, url, id, 'echanger_conciliation', {
    message: 'Madame Martin, cette proposition vous convient-elle ? Vous pouvez répondre ici.',
  });

  // The claimant's dashboard (notices counted in the header), the inbox, the thread.
  await claimant.page.goto(`${url}/affaires/${id}`);
  await claimant.page.getByTestId('etat-affaire').waitFor();
  await shot(claimant.page, 'tableau-de-bord.png');
  const thread = claimant.page.locator('section#echanges');
  await thread
    .getByLabel('Votre message')
    .fill('J’accepte 600 euros si le remboursement intervient sous quinze jours.');
  await thread.locator('label', { hasText: 'facture.pdf' }).click();
  await thread.scrollIntoViewIfNeeded();
  await thread.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(claimant.page, 'conciliation.png');
  await claimant.page.goto(`${url}/avis`);
  await claimant.page.getByRole('heading', { level: 1 }).waitFor();
  await shot(claimant.page, 'avis.png');

  // The court's side: the statistics.
  await judge.page.goto(`${url}/statistiques`);
  await judge.page.getByRole('heading', { level: 1 }).waitFor();
  await shot(judge.page, 'statistiques.png');

  // On a phone (375 px): the case, a filing's last step and its review.
  const phone = await person(browser, url, 'demandeur', 375);
  await phone.page.goto(`${url}/affaires/${id}`);
  await phone.page.getByTestId('etat-affaire').waitFor();
  await shot(phone.page, 'mobile-affaire.png');
  const second = await draftedCase(phone.context, url);
  await lastStep(phone.page, url, second);
  await shot(phone.page, 'mobile-saisine.png');
  await toReview(phone.page, url, second);
  await shot(phone.page, 'mobile-verification.png');
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const { dir } = await buildWebTo();
  const server = await startGreffe({ webDir: dir });
  const browser = await launchChromium();
  try {
    await journey(browser, server.url);
  } catch (e: unknown) {
    console.error(server.output().slice(-4000));
    throw e;
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const f of written)
    console.log(`${join(OUT, f)} : ${Math.round(statSync(join(OUT, f)).size / 1024)} Ko`);
}

await main();
