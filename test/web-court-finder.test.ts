/**
 * The court found from a postcode (issue 15, point 7), in real Chromium: an
 * ineligible citizen is no longer told only « …au greffe » but gets the
 * tribunal judiciaire of the defendant's postcode (runtime/courts/data), its
 * address and the paper route (Cerfa n° 16042*02, filed at that court's
 * registry) — with JavaScript, and without it. An unknown postcode points to
 * justice.fr by a plain link; nothing outside the site is loaded. Axe-clean.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { recordRequests, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation, field, openEligibility, tick } from './web-pages.ts';

const web = setUpWebStack();
const PAGE = '/procedures/petits-litiges/1.1.0/eligibilite';

/** Answers the questionnaire so that the claim (12 000 €) is not eligible. */
async function answerIneligible(page: Page): Promise<void> {
  await field(page, /Valeur de votre demande/).fill('12000');
  await tick(page, /paiement d'une somme/);
  await page
    .locator('label', { hasText: /^Consommation/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Vérifier' }).click();
  const result = page.getByTestId('resultat-eligibilite');
  await result.waitFor();
  expect(await result.getByRole('heading').first().textContent()).toMatch(/^Non/);
}

async function expectGueret(page: Page): Promise<void> {
  const court = page.getByTestId('tribunal-competent');
  await court.getByText('Tribunal judiciaire de Guéret').waitFor();
  expect(await court.textContent()).toContain('23 place Bonnyaud');
  expect(await court.textContent()).toContain('23000 Guéret');
  const paper = (await page.getByTestId('voie-papier').textContent()) ?? '';
  expect(paper).toContain('Cerfa n° 16042*02');
  expect(paper).toMatch(/au greffe du tribunal judiciaire compétent/);
  expect(paper).toMatch(/assignation/);
}

describe('the competent court for an ineligible claim', () => {
  it('shows the tribunal judiciaire of the defendant’s postcode, its address and the paper route', async () => {
    const context = await web.browser.newContext({ locale: 'fr-FR' });
    const requests = recordRequests(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
    });
    await openEligibility(page, `${web.server.url}${PAGE}`);
    await answerIneligible(page);

    // No court before a postcode: the finder asks the defendant's.
    expect(await page.getByTestId('tribunal-competent').count()).toBe(0);
    await page.getByLabel(/Code postal du défendeur/).fill('23000');
    await page.getByRole('button', { name: 'Trouver le tribunal' }).click();
    await expectGueret(page);
    await expectNoAxeViolation(page, 'le tribunal compétent dans la réponse du questionnaire');

    // A postcode the data does not cover: justice.fr, by a plain link.
    await page.getByLabel(/Code postal du défendeur/).fill('75001');
    await page.getByRole('button', { name: 'Trouver le tribunal' }).click();
    const unknown = page.getByTestId('tribunal-competent');
    await unknown.getByText(/n’est pas encore couvert/).waitFor();
    expect(await unknown.getByRole('link', { name: /justice\.fr/ }).getAttribute('href')).toBe(
      'https://www.justice.fr',
    );
    expect(await page.getByTestId('voie-papier').count()).toBe(0);
    expect(requests.outside()).toEqual([]);
    await context.close();
  }, 90_000);

  it('has its own page, from the site map, that the web app fills from its address', async () => {
    const context = await web.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
    });
    await page.goto(`${web.server.url}/plan-du-site`);
    await page.locator('main').getByRole('link', { name: 'Trouver le tribunal compétent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trouver le tribunal compétent' }).waitFor();
    await page.getByLabel(/Code postal du défendeur/).fill('23300');
    await page.getByRole('button', { name: 'Trouver le tribunal' }).click();
    await expectGueret(page);
    // Opened with a postcode in its address (the page without JavaScript's link), the app looks it up.
    await page.goto(`${web.server.url}/trouver-un-tribunal?code_postal=23000`);
    await page.locator('form[data-testid="recherche-tribunal"]:not([action])').waitFor();
    await expectGueret(page);
    await context.close();
  }, 90_000);

  it('works with JavaScript off: the answer links to the finder page, which the server fills', async () => {
    const context = await web.browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
    const requests = recordRequests(context);
    const page = await context.newPage();
    await page.goto(`${web.server.url}${PAGE}`);
    await answerIneligible(page);
    await page.getByLabel(/Code postal du défendeur/).fill('23 000');
    await page.getByRole('button', { name: 'Trouver le tribunal' }).click();
    await page.waitForURL(/\/trouver-un-tribunal\?code_postal=23/);
    await page.getByRole('heading', { level: 1, name: 'Trouver le tribunal compétent' }).waitFor();
    await expectGueret(page);
    // The postcode stays in the field, to try another.
    expect(await page.getByLabel(/Code postal du défendeur/).inputValue()).toBe('23 000');
    expect(requests.outside()).toEqual([]);
    await context.close();

    // Scripts refused (axe-core needs the page's JavaScript): the same page, axe-clean.
    const blocked = await web.browser.newContext({ locale: 'fr-FR' });
    await blocked.route('**/*.js', (r) => r.abort());
    const again = await blocked.newPage();
    await again.goto(`${web.server.url}/trouver-un-tribunal?code_postal=23000`);
    await expectGueret(again);
    await expectNoAxeViolation(again, 'la page du tribunal compétent sans JavaScript');
    await blocked.close();
  }, 90_000);
});
