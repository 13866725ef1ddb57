/**
 * The web app taking over the server-rendered eligibility questionnaire (issue
 * 15, progressive enhancement): on a slow line the citizen answers the
 * server's form before the script arrives; when it runs, the app's page shows
 * those answers (nothing typed is lost) and, if the server had already
 * answered them, the same answer. The scripts are held back by the test
 * until it releases them, as a slow network would.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpWebStack } from './web-helpers.ts';
import { field } from './web-pages.ts';

const web = setUpWebStack();
const PATH = '/procedures/petits-litiges/1.1.0/eligibilite';
const SCRIPTS = '**/assets/*.js';

/** A context whose pages' JavaScript errors are collected, and the bodies posted to the rules' API. */
async function slowLine(): Promise<{
  context: BrowserContext;
  page: Page;
  errors: string[];
  asked: unknown[];
}> {
  const context = await web.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const asked: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/procedures/') && r.url().includes('/eligibility'))
      asked.push(JSON.parse(r.postData() ?? 'null'));
  });
  return { context, page, errors, asked };
}

/** Holds every script back until `release()`. */
async function holdScripts(context: BrowserContext): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  await context.route(SCRIPTS, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

const serverForm = (page: Page) => page.locator('form[data-greffe-serveur]');
const appForm = (page: Page) => page.locator('form.greffe-form');
const pick = (page: Page, label: RegExp) => page.locator('label', { hasText: label }).first().click();

describe('the app takes over the server-rendered questionnaire', () => {
  it('keeps every answer typed before the script arrived, and answers them', async () => {
    const { context, page, errors, asked } = await slowLine();
    const release = await holdScripts(context);
    // Deferred module scripts hold DOMContentLoaded back: only the page's arrival is awaited.
    await page.goto(`${web.server.url}${PATH}`, { waitUntil: 'commit' });
    await serverForm(page).waitFor();
    await page.getByLabel(/Valeur de votre demande/).fill('1 200,50');
    await pick(page, /paiement d'une somme/);
    await pick(page, /^Consommation/);
    // Still the server's form: the script has not run.
    expect(await appForm(page).count()).toBe(0);
    expect(await serverForm(page).count()).toBe(1);

    release();
    await appForm(page).waitFor({ timeout: 20_000 });
    expect(await serverForm(page).count()).toBe(0);
    expect(await field(page, /Valeur de votre demande/).inputValue()).toMatch(/^1\s?200,5$/);
    expect(await page.getByRole('checkbox', { name: /paiement d'une somme/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Consommation/ }).isChecked()).toBe(true);
    // The server had not answered yet: the app does not ask on its own.
    expect(asked).toEqual([]);

    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    expect(await result.getByRole('heading').textContent()).toMatch(/^Oui/);
    expect(asked).toEqual([{ montant: 1200.5, objets: ['paiement'], matiere_declaree: 'consommation' }]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the answer the server gave when the questionnaire was sent before the script arrived', async () => {
    const { context, page, errors, asked } = await slowLine();
    // The first page without its script, the server's answer with it held back.
    await context.route(SCRIPTS, (route) => route.abort());
    await page.goto(`${web.server.url}${PATH}`);
    await page.getByLabel(/Valeur de votre demande/).fill('12 000');
    await pick(page, /paiement d'une somme/);
    await pick(page, /^Consommation/);
    await context.unroute(SCRIPTS);
    const release = await holdScripts(context);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    const fromServer = (await result.textContent()) ?? '';
    expect(await result.getByRole('heading').textContent()).toMatch(/^Non/);
    expect(await serverForm(page).getAttribute('data-greffe-evalue')).not.toBeNull();

    release();
    await appForm(page).waitFor({ timeout: 20_000 });
    await result.waitFor();
    expect(await result.getByRole('heading').textContent()).toMatch(/^Non/);
    // The same reasons, asked again of the same rules with the same answers.
    expect(asked).toEqual([{ montant: 12000, objets: ['paiement'], matiere_declaree: 'consommation' }]);
    const fromApp = (await result.textContent()) ?? '';
    for (const li of await result.locator('li').allTextContents()) expect(fromServer).toContain(li);
    expect(fromApp).toMatch(/Où vous adresser/);
    expect(await field(page, /Valeur de votre demande/).inputValue()).toMatch(/^12\s?000$/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
