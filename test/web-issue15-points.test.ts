/**
 * Issue 15's numbered points where the other browser tests leave a case of
 * the issue's own list unchecked (docs/recette-issue-15.md maps every point):
 * point 1 for the defence's "Ce que vous contestez"; point 4 for what one
 * party filled read by another (the defendant's identification, the
 * conciliator's message, the registry reading the claim); point 7 for the
 * kind of dispute the questionnaire asks (annex 1.1.0); point 9 for the
 * jargon a citizen met (form descriptions, option keys, white-paper marks,
 * the court's id, the referral as first action).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Api } from './helpers/api.ts';
import { CLAIM, DEFENCE } from './helpers/annex-1-1.ts';
import { filing } from './helpers/annex.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import {
  choose,
  expectNoAxeViolation,
  field,
  getJson,
  openEligibility,
  pageTitle,
  tick,
} from './web-pages.ts';

const web = setUpWebStack();
const open = (user: string, width = 1280) => openAs(web, user, width);

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

const IDENTIFIED = {
  moyen_identification: 'franceconnect',
  courriel: 'gerant@boutique-electro.example',
  consentement_signification_electronique: true,
};

/** A case of `version` filed, summoned and (unless `identify` is false) joined by the defendant. */
async function summoned(version: '1.0.0' | '1.1.0' | '1.2.0', identify = true): Promise<string> {
  const claimant = await as('demandeur');
  const opened = await claimant.open('petits-litiges', { version });
  await claimant.ok(opened.id, 'deposer_demande', version === '1.0.0' ? filing() : CLAIM);
  await (await as('greffe')).ok(opened.id, 'convoquer_defendeur');
  if (identify) await (await as('defendeur')).ok(opened.id, 's_identifier', IDENTIFIED);
  return opened.id;
}

/** Text of the label of the field whose label starts with `name` (its hint excluded). */
const labelOf = (page: Page, name: RegExp) =>
  page
    .locator('label.fr-label', { hasText: name })
    .first()
    .evaluate((l) => (l.firstChild?.textContent ?? '').trim());

const SECOND_PERSON = /\b(vous|votre|vos)\b/i;

describe('point 1: a field an answer makes obligatory, in the defence', () => {
  it('says « Ce que vous contestez » obligatory once the defendant contests, and never refuses it as optional', async () => {
    const id = await summoned('1.0.0');
    const { context, page } = await open('defendeur');
    await page.goto(`${web.server.url}/affaires/${id}/actions/deposer_defense`);
    await pageTitle(page);
    await choose(page, /d'accord avec la demande/, /toute la demande/);
    expect(await labelOf(page, /^Ce que vous contestez/)).toBe('Ce que vous contestez, et pourquoi');
    expect(await field(page, /^Ce que vous contestez/).getAttribute('aria-required')).toBe('true');
    await field(page, /Votre version des faits/).fill(
      'Le produit a été livré conforme, signé à la livraison.',
    );
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    // Refused, as it must be, and said obligatory where refused.
    const refused = page.locator('.fr-input-group', { has: field(page, /^Ce que vous contestez/) });
    await refused.locator('.fr-message--error').waitFor();
    expect(await labelOf(page, /^Ce que vous contestez/)).not.toMatch(/facultatif/);
    await expectNoAxeViolation(page, 'la défense en erreur');
    // Partly contested: still obligatory, said so.
    await choose(page, /d'accord avec la demande/, /une partie de la demande/);
    expect(await labelOf(page, /^Ce que vous contestez/)).toBe('Ce que vous contestez, et pourquoi');
    // Accepting the claim: nothing to contest, the field goes (the form's rule) and the step goes on.
    await choose(page, /d'accord avec la demande/, /Je suis d'accord/);
    await field(page, /^Ce que vous contestez/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.getByRole('group', { name: /demande à former contre le demandeur/ }).waitFor();
    await context.close();
  }, 90_000);
});

/**
 * A case of annex 1.1.0 (or of the draft 1.2.0, same forms and journey) in conciliation, the conciliator
 * having written `words` in the thread.
 */
async function inConciliation(words: string, version: '1.1.0' | '1.2.0' = '1.1.0'): Promise<string> {
  const id = await summoned(version);
  await (await as('defendeur')).ok(id, 'deposer_defense', DEFENCE);
  await (await as('juge')).ok(id, 'orienter', {
    orientation: 'en_ligne',
    matiere: 'consommation',
    partie_faible: 'aucune',
  });
  await (await as('conciliateur')).ok(id, 'echanger_conciliation', { message: words });
  return id;
}

/** The labels (dt) of the history item whose content holds `value`, every content opened. */
async function itemLabels(page: Page, value: string): Promise<string[]> {
  await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
  await page
    .locator('.greffe-timeline details:not([open]) > summary')
    .evaluateAll((ss) => ss.forEach((x) => (x as HTMLElement).click()));
  const item = page.locator('.greffe-timeline > li', { has: page.locator('dd', { hasText: value }) });
  await item.first().waitFor();
  return (await item.first().locator('dt').allTextContents()).map((l) => l.trim());
}

const speaksToReader = (labels: readonly string[]) =>
  labels.filter((l) => SECOND_PERSON.test(l) || /^[a-z0-9]+(_[a-z0-9]+)+$/.test(l));

describe('point 4: what one person filled, read by another', () => {
  it('shows the registry the claim in neutral words, and the claimant the conciliator’s message as his', async () => {
    const url = web.server.url;
    const words = 'Une remise de 100 euros vous conviendrait-elle ?';
    const id = await inConciliation(words);
    const form = await getJson<{ schema: { properties: Record<string, { title_tiers?: string }> } }>(
      (await open('greffe')).context,
      `${url}/api/procedures/petits-litiges/1.1.0/forms/demande`,
    );

    const registry = await open('greffe');
    await registry.page.goto(`${url}/affaires/${id}`);
    await pageTitle(registry.page);
    const claim = await itemLabels(registry.page, String(CLAIM.description_litige));
    expect(claim).toContain(form.schema.properties.montant?.title_tiers);
    expect(speaksToReader(claim), 'la demande lue par le greffe').toEqual([]);
    await expectNoAxeViolation(registry.page, 'l’affaire lue par le greffe, contenus ouverts');

    const c = await open('demandeur');
    await c.page.goto(`${url}/affaires/${id}`);
    await pageTitle(c.page);
    const message = c.page.getByTestId('message-echange').filter({ hasText: words });
    await message.waitFor();
    expect(await message.textContent()).toMatch(/^Conciliat/);
    expect(await message.textContent()).not.toMatch(/Votre message/);
    for (const x of [c, registry]) await x.context.close();
  }, 120_000);

  /** The labels `user` reads beside the defendant's e-mail and his version of the facts on the case page. */
  const defendantLabels = async (url: string, id: string, user: string) => {
    const x = await open(user);
    await x.page.goto(`${url}/affaires/${id}`);
    await pageTitle(x.page);
    const identification = await itemLabels(x.page, IDENTIFIED.courriel);
    const defence = await itemLabels(x.page, String(DEFENCE.declarations));
    await x.context.close();
    return { identification, defence };
  };

  // The record that published versions keep their labels (issue 15, point 4): annex 1.1.0 is published
  // and never edited, and its forms other than the claim give no `title_tiers`, so on a case under 1.1.0
  // the defendant's "Votre adresse électronique", "Votre version des faits"… are still read so by the
  // claimant and the court. `it.fails` for as long as 1.1.0 is what it is; the draft 1.2.0 gives them
  // neutral labels (test below), and `greffe validate` warns on such a label in any draft
  // (`second-person-label`).
  it.fails('shows the claimant and the registry the defendant’s answers in neutral words (1.1.0: not so)', async () => {
    const url = web.server.url;
    const id = await inConciliation('Bonjour.');
    for (const user of ['demandeur', 'greffe']) {
      const { identification, defence } = await defendantLabels(url, id, user);
      expect(speaksToReader([...identification, ...defence]), `lu par ${user}`).toEqual([]);
    }
  }, 120_000);

  it('shows the claimant and the registry the defendant’s answers in neutral words under draft 1.2.0', async () => {
    const url = web.server.url;
    const id = await inConciliation('Bonjour.', '1.2.0');
    const reader = await open('greffe');
    const tiers = async (form: string) => {
      const f = await getJson<{ schema: { properties: Record<string, { title_tiers?: string }> } }>(
        reader.context,
        `${url}/api/procedures/petits-litiges/1.2.0/forms/${form}`,
      );
      return f.schema.properties;
    };
    const identificationForm = await tiers('identification_defendeur');
    const defenceForm = await tiers('defense');
    await reader.context.close();
    for (const user of ['demandeur', 'greffe']) {
      const { identification, defence } = await defendantLabels(url, id, user);
      expect(identification, `lu par ${user}`).toContain(identificationForm.courriel?.title_tiers);
      expect(identificationForm.courriel?.title_tiers).toBe('Adresse électronique du défendeur');
      expect(defence, `lu par ${user}`).toContain(defenceForm.declarations?.title_tiers);
      expect(defenceForm.declarations?.title_tiers).toBe('Version des faits du défendeur');
      expect(speaksToReader([...identification, ...defence]), `lu par ${user}`).toEqual([]);
    }
  }, 120_000);
});

describe('point 7: the kind of dispute', () => {
  it('asks it in the questionnaire (annex 1.1.0) and refuses a labour dispute with its reason', async () => {
    const { context, page } = await open('demandeur');
    await openEligibility(page, `${web.server.url}/procedures/petits-litiges/1.1.0/eligibilite`);
    await field(page, /Valeur de votre demande/).fill('900');
    await tick(page, /paiement d'une somme/);
    const kind = page.getByRole('group', { name: /nature|matière|domaine/i });
    if ((await kind.count()) === 0) await page.getByRole('button', { name: 'Vérifier' }).click();
    await kind.first().waitFor();
    await kind
      .first()
      .locator('label', { hasText: /travail/i })
      .first()
      .click();
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    expect(await result.getAttribute('class')).toContain('fr-alert--warning');
    expect(await result.textContent()).toMatch(/travail/);
    await expectNoAxeViolation(page, 'un litige du travail refusé');
    await context.close();
  }, 90_000);
});

/** What a citizen must never read: drafters' words, white-paper marks, option keys, a court's id. */
const JARGON: readonly [RegExp, string][] = [
  [/Formulaire contextuel|formulaires contextuels/i, '« formulaire contextuel »'],
  [
    /\((paiement|bien|service|expulsion|resiliation|licenciement|autre)\)/,
    'une clé d’option entre parenthèses',
  ],
  [/\((I|II|III|IV)\.[A-Z](\.\d+)?\)|livre blanc/i, 'une marque du livre blanc'],
  [/\bII\.[A-Z]\.\d\b/, 'une référence du livre blanc'],
  [/\btj-[a-z]+\b/, 'l’identifiant d’une juridiction'],
  [/\b[KMG]io\b/, 'une unité binaire'],
];

async function expectPlain(page: Page, where: string): Promise<void> {
  const text = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  for (const [re, what] of JARGON) expect(text.match(re)?.[0], `${what} sur ${where}`).toBeUndefined();
}

describe('point 9: plain language where a citizen reads', () => {
  it('shows no drafter’s jargon on the pages of the claimant’s and the defendant’s journeys', async () => {
    const url = web.server.url;
    const { context, page } = await open('demandeur');
    await page.goto(`${url}/`);
    await pageTitle(page);
    await expectPlain(page, 'l’accueil');
    await page.goto(`${url}/procedures/petits-litiges/1.0.0`);
    await pageTitle(page);
    await expectPlain(page, 'la page de la procédure');
    await openEligibility(page, `${url}/procedures/petits-litiges/1.0.0/eligibilite`);
    await expectPlain(page, 'le questionnaire');
    await field(page, /Valeur de votre demande/).fill('800');
    await tick(page, /paiement d'une somme/);
    await tick(page, /^Un bien/);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByTestId('resultat-eligibilite').waitFor();
    await expectPlain(page, 'le résultat d’éligibilité');
    await page.goto(`${url}/procedures/petits-litiges/1.0.0/deposer`);
    await page.waitForURL(/\/actions\//, { timeout: 15_000 });
    await page.locator('.fr-stepper__title').waitFor();
    await expectPlain(page, 'l’étape 1 du dépôt');
    await context.close();

    // The defendant, summoned: the case page and the defence form.
    const id = await summoned('1.0.0');
    const d = await open('defendeur');
    await d.page.goto(`${url}/affaires/${id}`);
    await pageTitle(d.page);
    await d.page.getByTestId('etat-affaire').waitFor();
    await expectPlain(d.page, 'l’affaire lue par le défendeur');
    // His first action is to answer, not the referral of a weaker party.
    const actions = d.page.locator('#a-faire ~ ul a, section[aria-labelledby="a-faire"] a.fr-btn');
    await actions.first().waitFor();
    const first = (await actions.first().textContent())?.trim() ?? '';
    expect(first, 'première action du défendeur').not.toMatch(/renvoi|partie réputée faible/i);
    await d.page.goto(`${url}/affaires/${id}/actions/deposer_defense`);
    await pageTitle(d.page);
    await expectPlain(d.page, 'le formulaire de défense');
    await d.context.close();

    // The claimant, while the defendant answers: nothing offered first but the referral.
    const c = await open('demandeur');
    await c.page.goto(`${url}/affaires/${id}`);
    await c.page.getByTestId('etat-affaire').waitFor();
    await expectPlain(c.page, 'l’affaire lue par le demandeur');
    const theirs = c.page.locator('section[aria-labelledby="a-faire"] a.fr-btn');
    await theirs.first().waitFor();
    expect((await theirs.first().textContent())?.trim(), 'première action du demandeur').not.toMatch(
      /partie réputée faible/i,
    );
    await c.context.close();
  }, 120_000);
});
