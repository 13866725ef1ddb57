/**
 * No docket number until filing, as the citizen sees it (issue 15, point 10):
 * a started draft is listed and titled « Brouillon de demande », with no RG
 * number anywhere on its page; once filed, the same case is « Affaire RG … ».
 */
import { describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { devLogin, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();

describe('a draft in the web app', () => {
  it('is « Brouillon de demande » without an RG number until it is filed', async () => {
    const url = web.server.url;
    const api = new Api(url);
    await api.login('demandeur');
    const opened = await api.open('petits-litiges', { version: '1.0.0' });
    expect(opened.reference).toBeNull();

    const context = await web.browser.newContext({ locale: 'fr-FR' });
    await devLogin(context, url, 'demandeur');
    const page = await context.newPage();
    await page.goto(`${url}/affaires`);
    await page.getByRole('link', { name: 'Brouillon de demande' }).first().click();
    await page.waitForURL(new RegExp(`/affaires/${opened.id}$`));
    await page.getByRole('heading', { level: 1, name: 'Brouillon de demande' }).waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/RG \d{2}\/\d{5}|null/);
    await expectNoAxeViolation(page, 'la page d’un brouillon');

    const filed = await api.ok(opened.id, 'deposer_demande', filing());
    expect(filed.reference).toMatch(/^RG \d{2}\/\d{5}$/);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: `Affaire ${filed.reference}` }).waitFor();
    await page.goto(`${url}/affaires`);
    await page.getByRole('link', { name: `Affaire ${filed.reference}` }).waitFor();
    await context.close();
  });
});
