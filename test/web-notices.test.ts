/**
 * The in-app notice inbox (issue 15, point 6): the notices of the
 * "plateforme" channel are counted in the header, listed on "Mes avis"
 * (newest first, unread marked), each leading to its case and to the action
 * it asks for; following one or "Marquer comme lu" marks it read and the
 * header's count follows. Axe-clean, on a phone too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { actionLabel, expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();

const open = (user: string, width = 1280) => openAs(web, user, width);

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

const badge = (page: Page) => page.locator('.fr-header__menu [data-testid="avis-non-lus"]');

describe('the notice inbox', () => {
  it('counts unread notices in the header, lists them, leads to the action asked and marks them read', async () => {
    const url = web.server.url;
    const claimant = await as('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    const { reference } = await claimant.ok(opened.id, 'deposer_demande', filing());
    if (reference === null) throw new Error('la demande déposée n’a pas de numéro de rôle');

    // The registry is told to summon the defendant: its notice leads to that action.
    const registry = await open('greffe');
    const r = registry.page;
    await r.goto(`${url}/`);
    await expect.poll(() => badge(r).textContent(), { timeout: 15_000 }).toMatch(/^\d+ non lus?$/);
    const before = Number((await badge(r).textContent())?.split(' ')[0]);
    await r
      .locator('.fr-header__menu')
      .getByRole('link', { name: /Mes avis/ })
      .click();
    await r.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    const notice = r.getByTestId('avis').filter({ hasText: reference }).first();
    await notice.getByText('Nouveau').waitFor();
    await expectNoAxeViolation(r, 'la page « Mes avis »');
    const summon = await actionLabel(registry.context, url, opened.id, 'convoquer_defendeur');
    await notice.getByRole('link', { name: summon }).click();
    await r.waitForURL(new RegExp(`/affaires/${opened.id}/actions/convoquer_defendeur$`));
    await r.getByRole('button', { name: `Confirmer : ${summon}` }).waitFor();
    // Followed, the notice is read: the header counts one less.
    await expect
      .poll(async () =>
        (await badge(r).count()) ? Number((await badge(r).textContent())?.split(' ')[0]) : 0,
      )
      .toBe(before - 1);
    await r.getByRole('button', { name: `Confirmer : ${summon}` }).click();
    await r.waitForURL(/\/affaires\/[^/]+$/);
    await registry.context.close();

    await (await as('defendeur')).ok(opened.id, 's_identifier', {
      moyen_identification: 'franceconnect',
      courriel: 'gerant@boutique-electro.example',
      consentement_signification_electronique: true,
    });

    // The claimant: two notices (filing recorded, defendant identified), newest first; one marked read.
    const { context, page } = await open('demandeur', 375);
    await page.goto(`${url}/avis`);
    await page.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    await expect.poll(() => page.getByTestId('avis').count(), { timeout: 15_000 }).toBe(2);
    const texts = await page.getByTestId('avis').allTextContents();
    expect(texts[0]).toMatch(/défendeur s'est identifié/);
    expect(texts[1]).toMatch(/Votre demande est enregistrée/);
    expect(await page.getByTestId('resume-avis').textContent()).toBe('2 avis non lus sur 2.');
    await expectNoAxeViolation(page, 'la page « Mes avis » sur téléphone');
    await page
      .getByTestId('avis')
      .nth(1)
      .getByRole('button', { name: /^Marquer comme lu/ })
      .click();
    await expect.poll(() => page.getByTestId('resume-avis').textContent()).toBe('1 avis non lu sur 2.');
    expect(await badge(page).textContent()).toBe('1 non lu');
    // The menu button says it to a screen reader while the menu is closed.
    expect(await page.getByRole('button', { name: /^Menu/ }).textContent()).toMatch(/1 avis non lu/);
    await context.close();
  }, 120_000);
});
