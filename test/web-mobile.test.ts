/**
 * A citizen's whole journey on a phone, 375 × 667 (issue 15, point 11):
 * eligibility, filing with an upload, the case page — through the header's
 * Menu, with axe-core on every page, no page wider than the screen, and the
 * documents table showing every column without sideways scrolling.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { capturesDir, devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import { actionLabel, choose, expectNoAxeViolation, field, pageTitle, tick } from './web-pages.ts';

const WIDTH = 375;
const web = setUpWebStack();

/** axe-core, and nothing wider than the screen (which would make the page scroll sideways). */
async function checkPage(page: Page, where: string): Promise<void> {
  await expectNoAxeViolation(page, `${where} (375 px)`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `largeur de ${where}`,
  ).toBeLessThanOrEqual(WIDTH);
}

const next = (page: Page) => page.getByRole('button', { name: 'Étape suivante' }).click();

describe('a citizen’s journey on a phone', () => {
  it('checks eligibility, files a claim with a document and reads the case page at 375 × 667', async () => {
    const url = web.server.url;
    const context = await web.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: WIDTH, height: 667 },
      isMobile: true,
      hasTouch: true,
    });
    const { outside } = recordRequests(context);
    // Signing in is the login page's business (tested elsewhere): the session is opened through the API.
    await devLogin(context, url, 'demandeur');
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
    });

    await page.goto(`${url}/`);
    await pageTitle(page);
    await checkPage(page, 'l’accueil');
    await page.getByRole('link', { name: /Vérifier si ma demande.*litiges civils/ }).tap();
    await field(page, /Valeur de votre demande/).fill('640');
    await tick(page, /paiement d'une somme/);
    await page.getByRole('button', { name: 'Vérifier' }).tap();
    await page.getByTestId('resultat-eligibilite').waitFor();
    await checkPage(page, 'le résultat d’éligibilité');

    await page.getByRole('link', { name: /commencer ma demande/i }).tap();
    await page.waitForURL(/\/actions\//, { timeout: 15_000 });
    await page.locator('.fr-stepper__title').waitFor();
    await checkPage(page, 'l’étape 1 du dépôt');
    await next(page);
    await choose(page, /Vous agissez en tant que/, /Particulier/);
    await field(page, /^Nom/).fill('Lefèvre');
    await field(page, /^Prénom/).fill('Sam');
    await field(page, /Adresse postale/).fill('2 quai Perrache, 69002 Lyon');
    await field(page, /Téléphone mobile/).fill('06 98 76 54 32');
    await checkPage(page, 'l’étape « Vous »');
    await next(page);
    await choose(page, /Le défendeur est/, /particulier/);
    await field(page, /^Nom/).fill('Garnier');
    await field(page, /Adresse postale/).fill('9 rue Tupin, 69002 Lyon');
    await choose(page, /adresse électronique du défendeur/, /^Non$/);
    await next(page);
    await choose(page, /domaine se situe votre litige/, /Civile/);
    await field(page, /Que s'est-il passé/).fill(
      'Prêt de 640 € le 5 mai, jamais remboursé malgré mes relances.',
    );
    await field(page, /Que demandez-vous au juge/).fill('Le remboursement du prêt.');
    await checkPage(page, 'l’étape « Votre litige »');
    await next(page);
    await choose(page, /voie électronique/, 'Oui');
    await tick(page, /J'atteste/);
    const pdf = join(web.server.dir, 'reconnaissance-de-dette.pdf');
    writeFileSync(
      pdf,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20_000, 32), Buffer.from('\n%%EOF\n')]),
    );
    await page.getByLabel('Pièces justificatives').setInputFiles(pdf);
    await page.getByText('reconnaissance-de-dette.pdf : envoyé').waitFor({ timeout: 30_000 });
    await checkPage(page, 'la dernière étape du dépôt');
    await page.screenshot({ path: join(capturesDir(), 'mobile-saisine.png') });
    const caseId = (page.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).tap();
    await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
    await checkPage(page, 'la vérification des réponses');
    await page.screenshot({ path: join(capturesDir(), 'mobile-verification.png') });
    await page
      .getByRole('button', { name: await actionLabel(context, url, caseId, 'deposer_demande') })
      .tap();
    await page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
    await page.getByTestId('etat-affaire').waitFor();

    // The documents table: every column on screen, nothing to scroll sideways.
    const table = page.locator('.fr-table', {
      has: page.locator('caption', { hasText: 'Documents de l’affaire' }),
    });
    await table.getByRole('link', { name: /reconnaissance-de-dette\.pdf/ }).waitFor();
    const cells = await table.locator('td').evaluateAll((tds) =>
      tds.map((td) => {
        const r = td.getBoundingClientRect();
        return { text: td.textContent ?? '', left: r.left, right: r.right, width: r.width };
      }),
    );
    expect(cells.length).toBeGreaterThanOrEqual(3);
    for (const c of cells) {
      // Wide enough to read: no column squeezed into a sliver.
      expect(c.width, `colonne « ${c.text} »`).toBeGreaterThan(WIDTH / 2);
      expect(c.left, `colonne « ${c.text} »`).toBeGreaterThanOrEqual(0);
      expect(c.right, `colonne « ${c.text} »`).toBeLessThanOrEqual(WIDTH);
    }
    const scrolling = await table.evaluate((el) =>
      [el, ...el.querySelectorAll('*')]
        .filter((x) => x.clientWidth > 1) // visually hidden (caption, column heads): not on screen
        .filter((x) => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflowX !== 'visible')
        .map((x) => `${x.tagName}.${x.className} ${x.scrollWidth}/${x.clientWidth}`),
    );
    expect(scrolling, 'éléments du tableau qui défilent sur le côté').toEqual([]);
    await checkPage(page, 'le tableau de bord');
    // The first screen's worth around the documents, as a phone shows it.
    await page.getByRole('heading', { name: 'Documents et décisions' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(capturesDir(), 'mobile-affaire.png') });

    // The Menu leads to the list of one's cases.
    await page.getByRole('button', { name: 'Menu' }).tap();
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Mes affaires' })
      .tap();
    await page.waitForURL(`${url}/affaires`);
    await pageTitle(page);
    await checkPage(page, 'la liste « Mes affaires »');
    expect(outside()).toEqual([]);
    await context.close();
  }, 180_000);
});
