/**
 * The filing form as a citizen meets it (issue 15): Back and Forward move
 * between its steps, one history entry per step (point 8); a field an earlier
 * answer makes obligatory says so as soon as that answer is given, never
 * "(facultatif)" then "Ce champ est obligatoire." (point 1).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { choose, expectNoAxeViolation, field, openEligibility } from './web-pages.ts';

const BASE = '/procedures/petits-litiges/1.0.0';
const web = setUpWebStack();

const open = (user: string) => openAs(web, user);

/** The stepper's title: "<step label>Étape n sur N". */
const stepTitle = (page: Page) => page.locator('.fr-stepper__title');

async function expectStep(page: Page, n: number): Promise<void> {
  await expect
    .poll(() => stepTitle(page).textContent(), { timeout: 10_000 })
    .toMatch(new RegExp(`Étape ${n} sur`));
}

/** Opens the filing form from the eligibility page, as a citizen does. */
async function fromEligibility(page: Page): Promise<void> {
  const url = web.server.url;
  await openEligibility(page, `${url}${BASE}/eligibilite`);
  await field(page, /Valeur de votre demande/).fill('900');
  await page
    .locator('label', { hasText: /paiement d'une somme/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await page.getByRole('link', { name: /commencer ma demande/i }).click();
  await page.waitForURL(/\/actions\//, { timeout: 15_000 });
  await expectStep(page, 1);
}

/** Text of the label of the field whose label starts with `name` (its hint excluded). */
const labelOf = (page: Page, name: RegExp) =>
  page
    .locator('label.fr-label', { hasText: name })
    .first()
    .evaluate((l) => (l.firstChild?.textContent ?? '').trim());

describe('the filing form’s steps in the browser history', () => {
  it('goes back to the previous step with Back, forward with Forward, and leaves the form from step 1', async () => {
    const { page } = await open('demandeur');
    await fromEligibility(page);
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await expectStep(page, 2);
    await choose(page, /Vous agissez en tant que/, /Particulier/);
    await field(page, /^Nom/).fill('Roux');
    await field(page, /^Prénom/).fill('Alix');
    await field(page, /Adresse postale/).fill('5 rue Sala, 69002 Lyon');
    await field(page, /Téléphone mobile/).fill('06 00 00 00 01');
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await expectStep(page, 3);

    await page.goBack();
    await expectStep(page, 2);
    // The answers of the step are still there.
    expect(await field(page, /^Nom/).inputValue()).toBe('Roux');
    await page.goBack();
    await expectStep(page, 1);
    expect(page.url()).toMatch(/\/actions\//);
    await page.goForward();
    await expectStep(page, 2);
    await page.goForward();
    await expectStep(page, 3);
    // A reload stays on the step the address names.
    // The case (with its draft) comes in the reloaded page and the form mounts on it; Back is pressed once
    // the form is whole, its validator come and its buttons enabled (Back in the same instant as the reload
    // is not the journey under test, and under load it raced the form's mount).
    await page.reload();
    await expect
      .poll(() => page.locator('.greffe-stepper button.fr-btn:not(.fr-btn--secondary)').last().isEnabled())
      .toBe(true);
    await expectStep(page, 3);
    await page.goBack();
    await expectStep(page, 2);
    await page.goBack();
    await expectStep(page, 1);
    // Back from the first step leaves the form for the page before it.
    await page.goBack();
    await page.waitForURL(/\/eligibilite/);
    await expectNoAxeViolation(page, 'la page d’éligibilité après retour');
  }, 90_000);
});

describe('requirements that follow the answers', () => {
  it('marks a field obligatory as soon as an answer requires it, and never refuses a field said optional', async () => {
    const { page } = await open('demandeur_2');
    await page.goto(`${web.server.url}${BASE}/deposer`);
    await page.waitForURL(/\/actions\//, { timeout: 15_000 });
    await expectStep(page, 1);
    await choose(page, /Comment la demande est-elle déposée/, /Au greffe/);
    expect(await labelOf(page, /Pourquoi la procédure habituelle/)).not.toMatch(/facultatif/);
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.locator('.fr-message--error', { hasText: /./ }).first().waitFor();
    await expectNoOptionalRefused(page);
    await choose(page, /Comment la demande est-elle déposée/, /En ligne/);
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await expectStep(page, 2);

    await choose(page, /Vous agissez en tant que/, /Particulier/);
    expect(await labelOf(page, /^Nom/)).toBe('Nom');
    expect(await labelOf(page, /^Prénom/)).toBe('Prénom');
    expect(await field(page, /^Nom/).getAttribute('aria-required')).toBe('true');
    await choose(page, /Vous agissez en tant que/, /Société/);
    expect(await labelOf(page, /^Dénomination/)).toBe('Dénomination');
    expect(await labelOf(page, /^Numéro SIREN/)).toMatch(/\(facultatif\)$/);
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.locator('.fr-message--error', { hasText: /./ }).first().waitFor();
    await expectNoOptionalRefused(page);
    await expectNoAxeViolation(page, 'l’étape « Vous » en erreur');
    await field(page, /^Dénomination/).fill('Atelier Roux SAS');
    await field(page, /Adresse postale/).fill('5 rue Sala, 69002 Lyon');
    await field(page, /Téléphone mobile/).fill('06 00 00 00 02');
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await expectStep(page, 3);

    await choose(page, /Le défendeur est/, /particulier/);
    await choose(page, /adresse électronique du défendeur/, 'Oui');
    expect(await labelOf(page, /Adresse électronique du défendeur/)).toBe(
      'Adresse électronique du défendeur',
    );
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.locator('.fr-message--error', { hasText: /./ }).first().waitFor();
    await expectNoOptionalRefused(page);
  }, 90_000);
});

/** Every field with an error message: its label must not say "(facultatif)". */
async function expectNoOptionalRefused(page: Page): Promise<void> {
  const refused = await page.evaluate(() =>
    [...document.querySelectorAll('.fr-messages-group')]
      .filter((m) => m.querySelector('.fr-message--error'))
      .map((m) => {
        const group = m.closest('.fr-input-group, .fr-select-group, .fr-fieldset, .fr-upload-group');
        const label = group?.querySelector('label.fr-label, legend')?.textContent ?? '';
        return `${label.trim()} → ${m.textContent?.trim()}`;
      }),
  );
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((r) => /facultatif/.test(r.split(' → ')[0] ?? ''))).toEqual([]);
}
