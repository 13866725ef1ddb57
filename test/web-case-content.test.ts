/**
 * What people read on the pages (issue 15): a filing's answers shown in the
 * order the form asks them, each with its form's own label, never a raw key
 * nor the stored (alphabetical) order (point 4); plain language where a
 * citizen reads — no white-paper marks, "1er janvier 2027" said as future
 * while it is, "Mo" rather than "Mio" (point 9).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { devLogin, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation, field, openEligibility, pageTitle, tick } from './web-pages.ts';

const BASE = 'petits-litiges/1.0.0';
const web = setUpWebStack();

interface Schema {
  title?: string;
  properties?: Record<string, Schema>;
}

/** Top-level keys of the form's data, in the order its UI schema shows their controls. */
function formOrder(uischema: unknown, out: string[] = []): string[] {
  const el = uischema as { scope?: string; elements?: unknown[] };
  if (typeof el.scope === 'string') {
    const key = el.scope.split('/')[2] as string;
    if (!out.includes(key)) out.push(key);
  }
  for (const child of el.elements ?? []) formOrder(child, out);
  return out;
}

async function open(user?: string, width = 1280): Promise<Page> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  if (user) await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return page;
}

describe('a filing’s answers as the court reads them', () => {
  it('lists them in the form’s order, with the form’s labels, never a raw key', async () => {
    const url = web.server.url;
    const claimant = new Api(url);
    await claimant.login('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    const data = filing();
    await claimant.ok(opened.id, 'deposer_demande', data);
    const form = (await (await fetch(`${url}/api/procedures/${BASE}/forms/demande`)).json()) as {
      schema: Schema;
      uischema: unknown;
    };
    const props = form.schema.properties ?? {};
    const expected = formOrder(form.uischema)
      .filter((k) => k in data)
      .map((k) => props[k]?.title);

    const page = await open('juge');
    await page.goto(`${url}/affaires/${opened.id}`);
    await pageTitle(page);
    const attest = props.attestation?.title as string;
    const content = page.locator('.greffe-timeline details', {
      has: page.locator('dt', { hasText: attest }),
    });
    await content.locator('summary').click();
    const top = content.locator(':scope > dl > div > dt');
    expect(await top.allTextContents()).toEqual(expected);
    // Inside a group, the same: the claimant's identity in the form's order.
    const claimantTitle = props.demandeur?.title as string;
    const inner = content.locator(':scope > dl > div', {
      has: page.locator(':scope > dt', { hasText: claimantTitle }),
    });
    const innerProps = props.demandeur?.properties ?? {};
    const ui = JSON.stringify(form.uischema);
    const at = (k: string) => ui.indexOf(`/demandeur/properties/${k}"`);
    const innerExpected = Object.keys(data.demandeur as object)
      .sort((x, y) => at(x) - at(y))
      .map((k) => innerProps[k]?.title);
    expect(await inner.locator('dd dt').allTextContents()).toEqual(innerExpected);
    // An option is shown by its label, not its value.
    await content.getByText('Particulier (personne physique)').waitFor();
    // No label on the page is a spec key.
    const raw = (await page.locator('dt').allTextContents()).filter((t) =>
      /^[a-z0-9]+(_[a-z0-9]+)+$/.test(t.trim()),
    );
    expect(raw).toEqual([]);
    await expectNoAxeViolation(page, 'l’affaire vue par le juge, contenu ouvert');
  }, 90_000);
});

describe('plain language where a citizen reads', () => {
  it('says dates, sizes and legal bases as a citizen reads them', async () => {
    const url = web.server.url;
    const procedures = (await (await fetch(`${url}/api/procedures`)).json()) as { effective: string }[];
    const effective = procedures[0]?.effective as string;
    const page = await open();
    await page.goto(`${url}/`);
    await pageTitle(page);
    const card = page.locator('.fr-card__desc').first();
    await card.waitFor();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    const day = Number(effective.slice(8, 10));
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(effective > today ? /En vigueur à partir du / : /En vigueur depuis le /);
    if (day === 1) expect(text).toMatch(/ 1er /);

    // A refused claim: the reasons' legal basis, without the drafters' white-paper marks.
    await openEligibility(page, `${url}/procedures/${BASE}/eligibilite`);
    await field(page, /Valeur de votre demande/).fill('9000');
    await tick(page, /paiement d'une somme/);
    await tick(page, /expulsion/);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result
      .getByText(/Fondement/)
      .first()
      .waitFor();
    const said = (await result.textContent()) ?? '';
    expect(said).not.toMatch(/livre blanc/i);
    expect(said).not.toMatch(/\b[IVX]+\.[A-Z](\.\d+)?\b/);

    // Sizes in Mo, on the procedure's page and in the filing form's upload limits.
    await page.goto(`${url}/procedures/${BASE}`);
    await pageTitle(page);
    await page.locator('.greffe-figures').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/\b[KMG]io\b/);
    const citizen = await open('demandeur');
    await citizen.goto(`${url}/procedures/${BASE}/deposer`);
    await citizen.waitForURL(/\/actions\//, { timeout: 15_000 });
    await citizen.locator('.fr-stepper__title').waitFor();
    const main = (await citizen.locator('main').textContent()) ?? '';
    expect(main).toMatch(/\bMo\b/);
    expect(main).not.toMatch(/\b[KMG]io\b/);
  }, 90_000);
});
