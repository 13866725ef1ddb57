/**
 * « Mon calendrier » (issue 16, point 6) in the browser: on « Mes affaires »
 * a party creates the secret address of his calendar, copies it (the
 * clipboard holds it), a calendar application reads his case there; « Révoquer
 * et créer une nouvelle adresse » gives another and the old one answers 404.
 * The registry finds the same control on its « Bureau ». Axe-clean.
 */
import { describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();

describe('« Mon calendrier »', () => {
  it('creates, copies, and replaces the address of the party’s calendar', async () => {
    const url = web.server.url;
    const claimant = new Api(url);
    await claimant.login('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    const { reference } = await claimant.ok(opened.id, 'deposer_demande', filing());
    const registry = new Api(url);
    await registry.login('greffe');
    await registry.ok(opened.id, 'convoquer_defendeur');
    // The defendant's time to answer runs: on the claimant's calendar.
    expect((await claimant.view(opened.id)).body.deadlines.length).toBeGreaterThan(0);

    const { context, page } = await openAs(web, 'demandeur');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
    await page.goto(`${url}/affaires`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Mon calendrier' }) });
    await section.getByRole('button', { name: 'Créer l’adresse de mon calendrier' }).click();
    const address = section.getByLabel(/Adresse de votre calendrier/);
    await address.waitFor();
    const first = await address.inputValue();
    expect(first).toMatch(new RegExp(`^${url}/api/calendar/[\\w-]{43}\\.ics$`));
    await section.getByRole('button', { name: 'Copier l’adresse' }).click();
    await section.getByText('Adresse copiée.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
    await expectNoAxeViolation(page, '« Mon calendrier » sur « Mes affaires »');

    // What a calendar application reads there: the case's deadline, by its reference.
    const ics = await (await fetch(first)).text();
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`affaire ${reference}`);

    await section.getByRole('button', { name: 'Révoquer et créer une nouvelle adresse' }).click();
    await expect.poll(() => address.inputValue()).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(await address.inputValue())).status).toBe(200);

    // Back later: the address is not shown again, the calendar is said active.
    await page.reload();
    await section.getByText(/Votre calendrier est actif depuis le/).waitFor();
    await section.getByRole('button', { name: 'Révoquer l’adresse' }).click();
    await section.getByRole('button', { name: 'Créer l’adresse de mon calendrier' }).waitFor();

    // « Mes avis » also follows the messages sent to him elsewhere (the filing's e-mail, point 7).
    await page.goto(`${url}/avis`);
    await page.getByRole('heading', { name: 'Suivi de vos envois' }).waitFor();
    await expect.poll(() => page.getByTestId('envoi').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('envoi').first().textContent()).toMatch(/Courriel — affaire/);
    await expectNoAxeViolation(page, '« Suivi de vos envois » sur « Mes avis »');
    await context.close();
  });

  it('is on the registry’s « Bureau » too', async () => {
    const { context, page } = await openAs(web, 'greffe');
    await page.goto(`${web.server.url}/bureau`);
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Mon calendrier' }) });
    await section.getByRole('button', { name: 'Créer l’adresse de mon calendrier' }).click();
    await section.getByLabel(/Adresse de votre calendrier/).waitFor();
    await context.close();
  });
});
