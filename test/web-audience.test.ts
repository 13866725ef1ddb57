/**
 * Labels per audience (issue 15, point 4): a form field's `title` speaks to
 * the person who fills the form ("Valeur de votre demande"), its
 * `title_tiers` (form language) to everyone else ("Valeur de la demande").
 * The claimant reads his filing in his own words, the judge in neutral ones,
 * never a raw key.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Api } from './helpers/api.ts';
import { CLAIM } from './helpers/annex-1-1.ts';
import { devLogin, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation, pageTitle } from './web-pages.ts';

const web = setUpWebStack();

/** The labels of the filing's content on the case page, as `user` reads them. */
async function filingLabels(user: string, caseId: string): Promise<{ page: Page; labels: string[] }> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  await page.goto(`${web.server.url}/affaires/${caseId}`);
  await pageTitle(page);
  const content = page.locator('.greffe-timeline details').first();
  await content.locator('summary').click();
  return { page, labels: await content.locator('dt').allTextContents() };
}

describe('labels per audience', () => {
  it('shows the claimant his own words and the judge the neutral ones', async () => {
    const form = (await (
      await fetch(`${web.server.url}/api/procedures/petits-litiges/1.1.0/forms/demande`)
    ).json()) as {
      schema: {
        properties: Record<
          string,
          {
            title: string;
            title_tiers?: string;
            properties?: Record<string, { title: string; title_tiers?: string }>;
          }
        >;
      };
    };
    const p = form.schema.properties;
    const claimant = new Api(web.server.url);
    await claimant.login('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.1.0' });
    await claimant.ok(opened.id, 'deposer_demande', CLAIM);

    const own = await filingLabels('demandeur', opened.id);
    expect(own.labels).toContain(p.montant?.title);
    expect(own.labels).toContain(p.demandeur?.properties?.courriel?.title);
    await own.page.context().close();

    const judge = await filingLabels('juge', opened.id);
    const neutral = [
      p.montant?.title_tiers,
      p.demandeur?.title_tiers,
      p.demandeur?.properties?.qualite?.title_tiers,
      p.demandeur?.properties?.courriel?.title_tiers,
      p.demandes?.title_tiers,
    ];
    for (const label of neutral) {
      expect(label).toBeTruthy();
      expect(judge.labels).toContain(label);
    }
    // Nothing written for the claimant reaches the judge: no "vous", "votre", no raw key.
    for (const l of judge.labels) {
      expect(l).not.toMatch(/\b(vous|votre|vos)\b/i);
      expect(l).not.toMatch(/^[a-z_]+$/);
    }
    await expectNoAxeViolation(judge.page, 'l’affaire lue par le juge');
    await judge.page.context().close();
  }, 90_000);
});
