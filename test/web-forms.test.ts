/**
 * The forms in real Chromium against the real server: an ineligible claim gets
 * the rules' reasons on screen, an invalid field its French message (announced,
 * bound to the input), and the whole filing can be done with the keyboard alone.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import {
  caseView,
  expectCaseState,
  expectNoAxeViolation,
  field,
  getJson,
  openEligibility,
  tick,
  type ProcedureView,
} from './web-pages.ts';

const ID = 'petits-litiges';
const VERSION = '1.0.0';
const web = setUpWebStack();

async function open(
  user?: string,
): Promise<{ context: BrowserContext; page: Page; outside: () => string[] }> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const { outside } = recordRequests(context);
  if (user) await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  return { context, page, outside };
}

describe('eligibility questionnaire', () => {
  it('shows an ineligible claim its reasons, as the rules give them', async () => {
    const { context, page, outside } = await open();
    const facts = { montant: 4000, objets: ['paiement', 'expulsion'] };
    const res = await context.request.post(
      `${web.server.url}/api/procedures/${ID}/eligibility?version=${VERSION}`,
      {
        data: facts,
      },
    );
    const expected = (await res.json()) as { eligible: boolean; reasons: { text: string }[] };
    expect(expected.eligible).toBe(false);
    expect(expected.reasons.length).toBeGreaterThanOrEqual(2);

    const view = await context.request.get(`${web.server.url}/api/procedures/${ID}/${VERSION}`);
    const { eligibility } = (await view.json()) as { eligibility: { alternative: string } | null };
    expect(eligibility?.alternative).toBeTruthy();
    // The questionnaire's facts come from the procedure view: the only question asked of the rules is the citizen's.
    const asked: (string | null)[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/eligibility')) asked.push(r.postData());
    });

    await openEligibility(page, `${web.server.url}/procedures/${ID}/${VERSION}/eligibilite`);
    await field(page, /Valeur de votre demande/).fill('4 000');
    await tick(page, /paiement d'une somme/);
    await tick(page, /expulsion/);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    expect(await result.getAttribute('class')).toContain('fr-alert--warning');
    for (const r of expected.reasons) await result.getByText(r.text).waitFor();
    // Where to go instead: the rule set's unsatisfied text, as the procedure view renders it.
    await result.getByText(eligibility?.alternative ?? '').waitFor();
    expect(asked).toHaveLength(1);
    expect(JSON.parse(asked[0] ?? '{}')).toMatchObject({ montant: 4000 });
    // The result takes the focus, so a screen reader reads it at once.
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
      ),
    ).toBe('resultat-eligibilite');
    await expectNoAxeViolation(page, 'le refus d’éligibilité');
    expect(outside()).toEqual([]);
    await context.close();
  }, 60_000);

  it('gives an invalid field its French message, bound to the input, and lists it above the form', async () => {
    const { context, page } = await open();
    await openEligibility(page, `${web.server.url}/procedures/${ID}/${VERSION}/eligibilite`);
    const amount = field(page, /Valeur de votre demande/);
    await amount.fill('-5');
    await amount.blur();
    const messages = page.locator(`#${await amount.getAttribute('id')}-messages`);
    await messages.getByText('Saisissez un nombre supérieur ou égal à 0.').waitFor();
    expect(await amount.getAttribute('aria-describedby')).toContain(await messages.getAttribute('id'));
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await messages.getAttribute('aria-live')).toBe('polite');

    await amount.fill('douze euros');
    await messages.getByText('Saisissez un nombre.').waitFor();

    await page.getByRole('button', { name: 'Vérifier' }).click();
    const summary = page.locator('.fr-alert--error').first();
    await summary.getByText(/Saisissez un nombre\./).waitFor();
    await summary.getByText(/Choisissez au moins une réponse\./).waitFor();
    // The summary has the focus; each line leads to its field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fr-alert--error'))).toBe(
      true,
    );
    await summary.getByRole('link', { name: /Valeur de votre demande/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await amount.getAttribute('id'));
    await expectNoAxeViolation(page, 'un formulaire en erreur');
    await context.close();
  }, 60_000);
});

/** Presses Tab until the focused element's accessible text matches `name` (a person tabbing through the page). */
async function tabTo(page: Page, name: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const input = el as HTMLInputElement;
      const labels = input.labels ? [...input.labels].map((l) => l.textContent ?? '').join(' ') : '';
      const legend = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
      return `${labels} ${el.tagName === 'BUTTON' || el.tagName === 'A' ? el.textContent : ''} ${legend}`;
    });
    if (name.test(text)) return;
  }
  throw new Error(`Tab n’atteint pas « ${name} »`);
}

/** In a focused radio group, moves with the arrow keys to the option whose label matches `option`. */
async function arrowTo(page: Page, option: RegExp): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const label = await page.evaluate(
      () => (document.activeElement as HTMLInputElement).labels?.[0]?.textContent ?? '',
    );
    if (option.test(label)) {
      await page.keyboard.press('Space');
      expect(await isChecked(page), `option « ${option} » cochée`).toBe(true);
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option « ${option} » introuvable au clavier`);
}

/** Whether the focused radio or checkbox is checked, as the page shows it. */
const isChecked = (page: Page): Promise<boolean> =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.checked === true);

async function typeInto(page: Page, name: RegExp, text: string): Promise<void> {
  await tabTo(page, name);
  await page.keyboard.type(text);
}

describe('filing with the keyboard alone', () => {
  it('fills every step and files the claim without the mouse', async () => {
    const { context, page } = await open('demandeur_2');
    // The page's timers run on a clock the test controls (see the last step).
    await page.clock.install();
    await page.goto(`${web.server.url}/procedures/${ID}/${VERSION}/deposer`);
    await page.waitForURL(/\/actions\//);
    const caseId = (page.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    const next = async () => {
      await tabTo(page, /^\s*Étape suivante/);
      await page.keyboard.press('Enter');
    };

    await next();
    await tabTo(page, /Vous agissez en tant que/);
    await arrowTo(page, /Particulier/);
    await typeInto(page, /^Nom/, 'Bernard');
    await typeInto(page, /^Prénom/, 'Dominique');
    await typeInto(page, /Adresse postale/, '8 place Bellecour, 69002 Lyon');
    await typeInto(page, /Téléphone mobile/, '07 11 22 33 44');
    await next();

    await tabTo(page, /Le défendeur est/);
    await arrowTo(page, /particulier/);
    await typeInto(page, /^Nom/, 'Petit');
    await typeInto(page, /Adresse postale/, '1 rue Neuve, 69001 Lyon');
    await tabTo(page, /adresse électronique du défendeur/);
    await arrowTo(page, /^Non$/);
    await next();

    await tabTo(page, /domaine se situe votre litige/);
    await arrowTo(page, /Civile/);
    await tabTo(page, /paiement d'une somme/);
    await page.keyboard.press('Space');
    expect(await isChecked(page)).toBe(true);
    await typeInto(page, /Valeur de votre demande/, '850');
    await typeInto(
      page,
      /Que s'est-il passé/,
      'Prêt de 850 € le 2 janvier, jamais remboursé malgré deux relances.',
    );
    await typeInto(page, /Que demandez-vous au juge/, 'Le remboursement du prêt.');
    await next();

    // A busy machine runs timers late, after the next key press: with them stopped, what is sent must still
    // be every answer given, including those of the last moments before « Déposer ».
    await page.clock.pauseAt(Date.now() + 60_000);
    await tabTo(page, /voie électronique/);
    await arrowTo(page, /^Non$/);
    await tabTo(page, /J'atteste/);
    await page.keyboard.press('Space');
    expect(await isChecked(page)).toBe(true);
    const file = (await caseView(context, web.server.url, caseId)).actions.find(
      (a) => a.event === 'deposer_demande',
    );
    // The last step leads to "Vérifiez vos réponses", its focus on the review's title; the action's button sends.
    await tabTo(page, /^\s*Vérifier mes réponses/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vérifiez vos réponses');
    await tabTo(page, new RegExp(`^\\s*${(file?.label ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/affaires\/[^/]+$/, { waitUntil: 'commit' });

    const labels = await getJson<ProcedureView>(context, `${web.server.url}/api/procedures/${ID}/${VERSION}`);
    await expectCaseState(
      page,
      web.server.url,
      caseId,
      labels.states.find((s) => s.id === 'convocation_defendeur')?.label ?? '',
    );
    await context.close();
  }, 120_000);
});
