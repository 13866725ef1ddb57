/**
 * The eligibility questionnaire with JavaScript off (issue 15, acceptance:
 * progressive enhancement): the server sends the questions in the page, the
 * form posts to the server, which answers with the same evaluator as the API
 * — eligible or not, with the reasons and where to go — and asks next the
 * facts still missing, keeping the answers given. Axe-clean. An eligible
 * citizen is offered « Commencer ma demande », his answers carried in the
 * address: the page it opens says, without JavaScript, what the next steps
 * need and the other way to go; with JavaScript (after sign-in) the filing
 * draft starts with those answers.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { caseView, expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();
const PATH = '/procedures/petits-litiges/1.1.0/eligibilite';

/**
 * A phone whose scripts never run: JavaScript off, or (for axe-core, which
 * needs the page's JavaScript) on but with every script of the site refused —
 * the page a slow connection shows before the script arrives.
 */
async function noScript(how: 'off' | 'blocked'): Promise<Page> {
  const context = await web.browser.newContext({
    locale: 'fr-FR',
    javaScriptEnabled: how === 'blocked',
    viewport: { width: 375, height: 667 },
  });
  if (how === 'blocked') await context.route('**/*.js', (r) => r.abort());
  return context.newPage();
}

const submit = (page: Page) => page.getByRole('button', { name: 'Vérifier' }).click();
const pick = (page: Page, label: RegExp) => page.locator('label', { hasText: label }).first().click();

describe('the eligibility questionnaire without JavaScript', () => {
  it('asks, posts to the server and answers with the reasons, on a phone', async () => {
    const api = (await (
      await fetch(`${web.server.url}/api/procedures/petits-litiges/eligibility?version=1.1.0`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ montant: 12000, objets: ['paiement'], matiere_declaree: 'consommation' }),
      })
    ).json()) as { eligible: boolean; reasons: { text: string }[] };

    // JavaScript off: the questions are in the page, and the answer comes from the server.
    const off = await noScript('off');
    await off.goto(`${web.server.url}${PATH}`);
    await off.getByRole('heading', { level: 1, name: /peut-elle être traitée en ligne/ }).waitFor();
    expect(await off.getByText('Cette plateforme a besoin de JavaScript').count()).toBe(0);
    expect(await off.textContent('main')).not.toContain('${');
    await off.getByLabel(/Valeur de votre demande/).fill('800');
    await pick(off, /paiement d'une somme/);
    await pick(off, /^Consommation/);
    await submit(off);
    await off.getByTestId('resultat-eligibilite').waitFor();
    expect(await off.getByTestId('resultat-eligibilite').getByRole('heading').textContent()).toMatch(/^Oui/);
    // The next step: « Commencer ma demande », and what it needs, said without JavaScript.
    const start = off.getByRole('link', { name: 'Commencer ma demande' });
    const href = (await start.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/procedures\/petits-litiges\/1\.1\.0\/deposer\?reponses=/);
    await start.click();
    await off.getByRole('heading', { level: 1, name: 'Commencer ma demande' }).waitFor();
    const next = (await off.getByTestId('sans-javascript').textContent()) ?? '';
    expect(next).toMatch(/besoin de JavaScript/);
    expect(next).toMatch(/procédure habituelle, au greffe/);
    expect(
      await off
        .getByTestId('sans-javascript')
        .getByRole('link', { name: /trouvez votre tribunal/ })
        .count(),
    ).toBe(1);
    expect(await off.getByText('Cette plateforme a besoin de JavaScript').count()).toBe(0);
    await off.context().close();

    // The same link with JavaScript, signed in: the case is created and its filing draft holds the answers.
    const { context: signed, page: js } = await openAs(web, 'demandeur');
    await js.goto(`${web.server.url}${href}`);
    await js.waitForURL(/\/affaires\/[^/]+\/actions\/[^/]+$/, { timeout: 20_000 });
    const caseId = new URL(js.url()).pathname.split('/')[2] ?? '';
    const draft = (await caseView(signed, web.server.url, caseId)) as unknown as {
      draft?: { data: unknown };
    };
    expect(draft.draft?.data).toMatchObject({
      values: { montant: 800, objets: ['paiement'], matiere_declaree: 'consommation' },
    });
    await signed.close();

    // Scripts refused (axe-core runs): the whole questionnaire.
    const page = await noScript('blocked');
    await page.goto(`${web.server.url}${PATH}`);
    await page.getByRole('heading', { level: 1, name: /peut-elle être traitée en ligne/ }).waitFor();
    await expectNoAxeViolation(page, 'le questionnaire sans JavaScript');

    // Eligible.
    await page.getByLabel(/Valeur de votre demande/).fill('800');
    await pick(page, /paiement d'une somme/);
    await pick(page, /^Consommation/);
    await submit(page);
    const answer = page.getByTestId('resultat-eligibilite');
    await answer.waitFor();
    expect(await answer.getByRole('heading').textContent()).toMatch(/^Oui/);
    // The answers stay in the form.
    expect(await page.getByLabel(/Valeur de votre demande/).inputValue()).toBe('800');

    // Not eligible: the same reasons as the API's, and where to go.
    await page.getByLabel(/Valeur de votre demande/).fill('12 000');
    await submit(page);
    await answer.waitFor();
    expect(await answer.getByRole('heading').textContent()).toMatch(/^Non/);
    expect(api.eligible).toBe(false);
    const text = (await answer.textContent()) ?? '';
    for (const r of api.reasons) expect(text).toContain(r.text);
    expect(text).toMatch(/Où vous adresser/);
    // Each reason's basis as the app words it: no drafter's marks.
    expect(text).toMatch(/Fondement : /);
    expect(text).not.toMatch(/livre blanc/);
    expect(await answer.getByRole('link', { name: 'Commencer ma demande' }).count()).toBe(0);
    await expectNoAxeViolation(page, 'la réponse du questionnaire sans JavaScript');

    // Only the amount: the server asks exactly what it still needs, keeping the amount.
    await page.goto(`${web.server.url}${PATH}`);
    await page.getByLabel(/Valeur de votre demande/).fill('800');
    await submit(page);
    await page.getByTestId('questions-manquantes').waitFor();
    expect(await page.getByLabel(/Valeur de votre demande/).count()).toBe(0);
    await pick(page, /paiement d'une somme/);
    await pick(page, /^Consommation/);
    await submit(page);
    await answer.waitFor();
    expect(await answer.getByRole('heading').textContent()).toMatch(/^Oui/);
    await answer.getByRole('link', { name: 'Commencer ma demande' }).click();
    await page.getByTestId('sans-javascript').waitFor();
    await expectNoAxeViolation(page, 'la page « Commencer ma demande » sans JavaScript');
    await page.context().close();
  }, 90_000);
});
