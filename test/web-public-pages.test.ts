/**
 * The pages every public online service must have, and the header on a phone
 * (issue 15, points 12 and 11): the footer links to the accessibility
 * statement, legal notice, personal data, site map and contact, each a French
 * page of its own; at 375 px the navigation folds into a "Menu" button, as
 * the DSFR's header does. axe-core on every page, closed and open menu.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordRequests, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation, pageTitle } from './web-pages.ts';

const web = setUpWebStack();

async function open(width: number, height: number): Promise<{ page: Page; outside: () => string[] }> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width, height } });
  const { outside } = recordRequests(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { page, outside };
}

const FOOTER_PAGES: readonly [link: RegExp, path: string, title: string, says: RegExp][] = [
  [
    /^Accessibilité : non conforme$/,
    '/accessibilite',
    'Déclaration d’accessibilité',
    /ne remplacent\s+pas un audit/,
  ],
  [/^Mentions légales$/, '/mentions-legales', 'Mentions légales', /Hébergement/],
  [/^Données personnelles$/, '/donnees-personnelles', 'Données personnelles', /Cookies/],
  [/^Plan du site$/, '/plan-du-site', 'Plan du site', /Les procédures en ligne/],
  [/^Contact$/, '/contact', 'Contact', /Une question sur votre affaire/],
];

describe('the footer’s mandatory pages', () => {
  it('links from every page to the five pages, each a French page that passes axe-core', async () => {
    const { page, outside } = await open(1280, 900);
    const url = web.server.url;
    await page.goto(`${url}/`);
    await pageTitle(page);
    const footer = page.getByRole('contentinfo');
    for (const [link, path, title, says] of FOOTER_PAGES) {
      await footer.getByRole('link', { name: link }).click();
      await page.waitForURL(`${url}${path}`);
      expect(await pageTitle(page)).toBe(title);
      await page.locator('main').getByText(says).first().waitFor();
      expect(await page.title()).toBe(`${title} — Greffe en ligne`);
      await expectNoAxeViolation(page, path);
      // Opened directly (a bookmark, a link from elsewhere), the same page.
      await page.reload();
      expect(await pageTitle(page)).toBe(title);
    }
    // The statement is honest about what is measured: the conformity status, and the tests are not an audit.
    await page.goto(`${url}/accessibilite`);
    const main = page.locator('main');
    await main.getByText(/non conforme avec le RGAA/).waitFor();
    await main
      .getByText(/axe-core/)
      .first()
      .waitFor();
    // The site map lists the procedures open online, from the API.
    const procedures = (await (await fetch(`${url}/api/procedures`)).json()) as { title: string }[];
    await page.goto(`${url}/plan-du-site`);
    for (const p of procedures) await main.getByRole('link', { name: p.title }).first().waitFor();
    await expectNoAxeViolation(page, 'le plan du site');
    expect(outside()).toEqual([]);
  }, 90_000);
});

describe('the header on a phone', () => {
  it('folds the navigation into a Menu button at 375 px, opens and closes it by mouse and keyboard', async () => {
    const { page } = await open(375, 667);
    const url = web.server.url;
    await page.goto(`${url}/`);
    await pageTitle(page);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await menu.waitFor();
    expect(await nav.isVisible()).toBe(false);
    // The header leaves most of the first screen to the page.
    const header = await page.locator('header').boundingBox();
    expect(header?.height ?? 999).toBeLessThan(667 / 3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolation(page, 'l’accueil sur téléphone, menu fermé');

    await menu.click();
    await nav.waitFor();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const close = page.getByRole('button', { name: 'Fermer' });
    expect(await close.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('dialog').getByRole('link', { name: 'Se connecter' }).waitFor();
    await expectNoAxeViolation(page, 'le menu ouvert sur téléphone');
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);

    // Keyboard: Enter opens, a link of the menu leads to its page and closes the menu.
    await page.goto(`${url}/contact`);
    await pageTitle(page);
    await menu.focus();
    await page.keyboard.press('Enter');
    await nav.getByRole('link', { name: 'Accueil' }).click();
    await page.waitForURL(`${url}/`);
    await nav.waitFor({ state: 'hidden' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
  }, 60_000);

  it('shows the navigation inline and no Menu button on a wide screen', async () => {
    const { page } = await open(1280, 900);
    await page.goto(`${web.server.url}/`);
    await pageTitle(page);
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Accueil' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    await page.locator('header').getByRole('link', { name: 'Se connecter' }).waitFor();
  }, 60_000);
});
