/**
 * Every role's journey on a phone, 375 × 667 (issue 15, acceptance: "a full
 * journey at 375×667", "axe-core 0 violations on every page of every role's
 * journey, mobile included"): the claimant checks eligibility, signs in, files
 * through the review; the registry summons; the defendant identifies and
 * answers; the judge orients; the claimant and the conciliator write in the
 * conciliation thread, the conciliator records the failure; the judge closes
 * the instruction and renders the provisional then (a week later) the final
 * judgment; each party reads the outcome. Every page each of them sees —
 * lists, forms, reviews, confirmations, case pages, the notice inbox — is
 * checked with axe-core and must not be wider than the screen.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import {
  actionLabel,
  caseView,
  choose,
  expectNoAxeViolation,
  field,
  type ProcedureView,
  pageTitle,
  tick,
} from './web-pages.ts';

const WIDTH = 375;
const HEIGHT = 667;
const PROCEDURE = '/api/procedures/petits-litiges/1.0.0';
const web = setUpWebStack();
const recorders: ReturnType<typeof recordRequests>[] = [];
const pages: Page[] = [];
/** Every page checked, "role: where", for the failure message and the count at the end. */
const checked: string[] = [];
let stateLabel: (id: string) => string;

beforeAll(async () => {
  const view = (await (await fetch(`${web.server.url}${PROCEDURE}`)).json()) as ProcedureView;
  stateLabel = (id) => view.states.find((s) => s.id === id)?.label ?? `(état ${id} inconnu)`;
}, 120_000);

/** A phone (375 × 667, touch), signed in as `user` unless none is given. */
async function phone(user?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({
    locale: 'fr-FR',
    viewport: { width: WIDTH, height: HEIGHT },
    isMobile: true,
    hasTouch: true,
  });
  recorders.push(recordRequests(context));
  if (user) await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { context, page };
}

/** axe-core on the page as it is, and nothing wider than the screen. */
async function check(page: Page, where: string): Promise<void> {
  checked.push(where);
  await expectNoAxeViolation(page, `${where} (375 × 667)`);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `largeur de ${where}`,
  ).toBeLessThanOrEqual(WIDTH);
}

/** The case page, once its state badge reads the state `id`'s label; checked. */
async function casePage(page: Page, caseId: string, id: string, who: string): Promise<void> {
  await page.goto(`${web.server.url}/affaires/${caseId}`);
  await expect
    .poll(async () => (await page.getByTestId('etat-affaire').textContent())?.trim(), { timeout: 15_000 })
    .toBe(stateLabel(id));
  await check(page, `${who} : l’affaire en « ${stateLabel(id)} »`);
}

/** Opens the action `event` from the case page by its link, as a person does; checks the form. */
async function openAction(
  ctx: { context: BrowserContext; page: Page },
  caseId: string,
  event: string,
): Promise<string> {
  const label = await actionLabel(ctx.context, web.server.url, caseId, event);
  await ctx.page.goto(`${web.server.url}/affaires/${caseId}`);
  await ctx.page.getByTestId('etat-affaire').waitFor();
  await ctx.page.getByRole('link', { name: label, exact: true }).tap();
  await pageTitle(ctx.page);
  return label;
}

/**
 * Sends the open form through "Vérifiez vos réponses" (both pages checked) or confirms an action without
 * form (its confirmation checked), with the button `label`; waits for the case page.
 */
async function send(page: Page, label: string, who: string): Promise<void> {
  const review = page.getByRole('button', { name: 'Vérifier mes réponses' });
  if (await review.isVisible()) {
    await check(page, `${who} : le formulaire rempli`);
    await review.tap();
    await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
    await check(page, `${who} : « Vérifiez vos réponses »`);
    await page.getByRole('button', { name: label, exact: true }).tap();
  } else {
    const confirm = page.getByRole('button', { name: `Confirmer : ${label}` });
    await confirm.waitFor();
    await check(page, `${who} : la confirmation`);
    await confirm.tap();
  }
  await page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
  await page.getByTestId('etat-affaire').waitFor();
}

const next = (page: Page) => page.getByRole('button', { name: 'Étape suivante' }).tap();

describe('every role’s journey on a phone', () => {
  it('files, answers, converses in conciliation and judges at 375 × 667, axe-clean on every page', async () => {
    const url = web.server.url;
    onTestFailed(async () => {
      for (const [i, p] of pages.entries()) {
        const path = join(tmpdir(), `greffe-mobile-${i}.png`);
        await p.screenshot({ path, fullPage: true }).catch((e: unknown) => console.error(String(e)));
        console.error(`capture : ${path} (${p.url()})`);
      }
      console.error(`pages vérifiées :\n${checked.join('\n')}`);
      console.error(`sortie du serveur :\n${web.server.output().slice(-4000)}`);
    });

    // --- The claimant: home, eligibility, sign-in page, the five steps, the review, the case page.
    const claimant = await phone();
    const c = claimant.page;
    await c.goto(`${url}/`);
    await pageTitle(c);
    await check(c, 'demandeur : l’accueil');
    await c.getByRole('link', { name: /Vérifier si ma demande.*litiges civils/ }).tap();
    await c.locator('form.greffe-form').first().waitFor({ timeout: 20_000 });
    await check(c, 'demandeur : le questionnaire d’éligibilité');
    await field(c, /Valeur de votre demande/).fill('760');
    await tick(c, /paiement d'une somme/);
    await c.getByRole('button', { name: 'Vérifier' }).tap();
    await expect
      .poll(() => c.getByTestId('resultat-eligibilite').getAttribute('class'))
      .toContain('fr-alert--success');
    await check(c, 'demandeur : le résultat d’éligibilité');
    await c.getByRole('link', { name: /commencer ma demande/i }).tap();
    await c.locator('main').getByRole('link', { name: 'Se connecter' }).tap();
    await c.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await c.locator('.greffe-user-list button').first().waitFor();
    await check(c, 'demandeur : la page de connexion');
    await c
      .locator('li', { has: c.locator('.fr-hint-text', { hasText: /^demandeur$/ }) })
      .getByRole('button')
      .tap();
    await c.waitForURL(/\/actions\//, { timeout: 15_000 });
    await c.locator('.fr-stepper__title').waitFor();
    const caseId = (c.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;
    await check(c, 'demandeur : l’étape 1 du dépôt');
    await next(c);
    await choose(c, /Vous agissez en tant que/, /Particulier/);
    await field(c, /^Nom/).fill('Morel');
    await field(c, /^Prénom/).fill('Inès');
    await field(c, /Adresse postale/).fill('14 rue Mercière, 69002 Lyon');
    await field(c, /Téléphone mobile/).fill('06 55 44 33 22');
    await check(c, 'demandeur : l’étape « Vous »');
    await next(c);
    await choose(c, /Le défendeur est/, /Une société/);
    await field(c, /Dénomination/).fill('Vélos Rhône SAS');
    await field(c, /Adresse postale/).fill('30 cours Gambetta, 69007 Lyon');
    await choose(c, /adresse électronique du défendeur/, 'Oui');
    await field(c, /Adresse électronique du défendeur/).fill('contact@velos-rhone.example');
    await check(c, 'demandeur : l’étape « L’autre partie »');
    await next(c);
    await choose(c, /domaine se situe votre litige/, /Consommation/);
    await field(c, /Que s'est-il passé/).fill('Vélo payé 760 € le 2 juin, jamais livré ; aucune réponse.');
    await field(c, /Que demandez-vous au juge/).fill('Le remboursement des 760 €.');
    await choose(c, /régler le litige à l'amiable/, 'Oui');
    await check(c, 'demandeur : l’étape « Votre litige »');
    await next(c);
    await choose(c, /voie électronique/, 'Oui');
    await tick(c, /J'atteste/);
    const pdf = join(web.server.dir, 'bon-de-commande.pdf');
    writeFileSync(
      pdf,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8_000, 32), Buffer.from('\n%%EOF\n')]),
    );
    await c.getByLabel('Pièces justificatives').setInputFiles(pdf);
    await c.getByText('bon-de-commande.pdf : envoyé').waitFor({ timeout: 30_000 });
    await send(c, await actionLabel(claimant.context, url, caseId, 'deposer_demande'), 'demandeur');
    await casePage(c, caseId, 'convocation_defendeur', 'demandeur');
    await c.getByRole('link', { name: /accusé de réception/ }).waitFor();

    // --- The registry: its queues, the case, the summons.
    const registry = await phone('greffe');
    const r = registry.page;
    await r.goto(`${url}/bureau`);
    const reference = (await caseView(registry.context, url, caseId)).reference;
    await r.getByRole('link', { name: reference }).first().waitFor();
    await check(r, 'greffe : le bureau');
    await casePage(r, caseId, 'convocation_defendeur', 'greffe');
    const summon = await openAction(registry, caseId, 'convoquer_defendeur');
    await send(r, summon, 'greffe');
    await casePage(r, caseId, 'identification_courriel', 'greffe');

    // --- The defendant: the notices, the list of cases, identification, the defence in three steps.
    const defendant = await phone('defendeur');
    const d = defendant.page;
    await d.goto(`${url}/avis`);
    await d.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    await check(d, 'défendeur : « Mes avis »');
    await d.goto(`${url}/affaires`);
    await d
      .getByRole('link', { name: new RegExp(reference.replace('/', '\\/')) })
      .first()
      .waitFor();
    await check(d, 'défendeur : « Mes affaires »');
    await casePage(d, caseId, 'identification_courriel', 'défendeur');
    const identify = await openAction(defendant, caseId, 's_identifier');
    await choose(d, /Comment vous êtes-vous identifié/, /FranceConnect/);
    await field(d, /Votre adresse électronique/).fill('direction@velos-rhone.example');
    await choose(d, /voie électronique/, 'Oui');
    await send(d, identify, 'défendeur');
    await casePage(d, caseId, 'defense', 'défendeur');
    const answer = await openAction(defendant, caseId, 'deposer_defense');
    await choose(d, /d'accord avec la demande/, /toute la demande/);
    await field(d, /Votre version des faits/).fill('Le vélo a été livré le 10 juin, signé par le client.');
    await field(d, /Ce que vous contestez/).fill('La non-livraison.');
    await check(d, 'défendeur : l’étape 1 de la défense');
    await next(d);
    await choose(d, /demande à former contre le demandeur/, 'Non');
    await check(d, 'défendeur : l’étape 2 de la défense');
    await next(d);
    await choose(d, /Quelle procédure préférez-vous/, /procédure en ligne/);
    await choose(d, /voie électronique/, 'Oui');
    await send(d, answer, 'défendeur');
    await casePage(d, caseId, 'orientation', 'défendeur');

    // --- The judge orients the case to the online track (the recorded outcome's label on the button).
    const judge = await phone('juge');
    const j = judge.page;
    await j.goto(`${url}/bureau`);
    await j.getByRole('link', { name: reference }).first().waitFor();
    await check(j, 'juge : le bureau');
    await casePage(j, caseId, 'orientation', 'juge');
    await openAction(judge, caseId, 'orienter');
    await choose(j, /Procédure retenue/, /^Procédure en ligne$/);
    const spec = (await (await fetch(`${url}${PROCEDURE}`)).json()) as {
      transitions: { event: string; to: string; label: string }[];
    };
    const toConciliation = spec.transitions.find((t) => t.event === 'orienter' && t.to === 'conciliation');
    await send(j, toConciliation?.label ?? '?', 'juge');
    await casePage(j, caseId, 'conciliation', 'juge');

    // --- Conciliation: the claimant writes in the thread, the conciliator answers, then records the failure.
    await casePage(c, caseId, 'conciliation', 'demandeur');
    const mine = c.locator('section#echanges');
    await mine.getByRole('heading', { level: 2, name: 'Échanges — Conciliation' }).waitFor();
    await mine.getByLabel('Votre message').fill('Je joins le bon de commande ; j’accepte un avoir de 760 €.');
    await mine.locator('label', { hasText: 'bon-de-commande.pdf' }).tap();
    await check(c, 'demandeur : un message en cours dans les échanges');
    await mine.getByRole('button', { name: 'Envoyer le message' }).tap();
    await expect.poll(() => mine.getByTestId('message-echange').count(), { timeout: 15_000 }).toBe(1);
    await check(c, 'demandeur : les échanges après envoi');

    const conciliator = await phone('conciliateur');
    const k = conciliator.page;
    await casePage(k, caseId, 'conciliation', 'conciliateur');
    const theirs = k.locator('section#echanges');
    await theirs.getByTestId('message-echange').first().waitFor();
    await theirs.getByLabel('Votre message').fill('Le défendeur maintient que le vélo a été livré.');
    await theirs.getByRole('button', { name: 'Envoyer le message' }).tap();
    await expect.poll(() => theirs.getByTestId('message-echange').count(), { timeout: 15_000 }).toBe(2);
    await check(k, 'conciliateur : les échanges');
    const failed = await openAction(conciliator, caseId, 'constater_echec_conciliation');
    await choose(k, /Cause de l'échec/, /ne se sont pas entendues/);
    await send(k, failed, 'conciliateur');
    await casePage(k, caseId, 'instruction', 'conciliateur');
    // The judge never reads the thread.
    await casePage(j, caseId, 'instruction', 'juge');
    expect(await j.locator('section#echanges').count()).toBe(0);
    expect(await j.content()).not.toContain('avoir de 760');

    // --- The judge closes the instruction, renders the provisional judgment.
    const close = await openAction(judge, caseId, 'clore_instruction');
    await send(j, close, 'juge');
    await casePage(j, caseId, 'jugement_provisoire_a_rendre', 'juge');
    const provisional = await openAction(judge, caseId, 'rendre_jugement_provisoire');
    await field(j, /^Motifs/).fill('Le bon de livraison signé établit la livraison du vélo.');
    await field(j, /Dispositif envisagé/).fill('Rejeter la demande de remboursement.');
    await send(j, provisional, 'juge');
    await casePage(j, caseId, 'critique_jugement_provisoire', 'juge');
    await casePage(c, caseId, 'critique_jugement_provisoire', 'demandeur');
    await casePage(d, caseId, 'critique_jugement_provisoire', 'défendeur');

    // --- A week later (dev clock), past the critique window: the final judgment.
    const critique = (await caseView(claimant.context, url, caseId)).deadlines.find(
      (x) => x.id === 'delai_critique',
    );
    expect(critique).toBeDefined();
    await judge.context.request.post(`${url}/api/dev/clock`, { data: { advance: 'P7D' } });
    if ((await caseView(judge.context, url, caseId)).state.id === 'critique_jugement_provisoire') {
      // The window ends at the end of its last day, later when that is a holiday: step past it.
      await judge.context.request.post(`${url}/api/dev/clock`, {
        data: { set: new Date(Date.parse(critique?.dueAt as string) + 60_000).toISOString() },
      });
    }
    await casePage(j, caseId, 'jugement_definitif_a_rendre', 'juge');
    const final = await openAction(judge, caseId, 'rendre_jugement_definitif');
    await choose(j, /Sens de la décision/, /La demande est rejetée/);
    await field(j, /^Motifs/).fill('Aucune critique ne remet en cause le jugement provisoire.');
    await field(j, /^Dispositif/).fill('Rejette la demande. Laisse les dépens à la charge du demandeur.');
    await choose(j, /Charge des dépens/, /À la charge du demandeur/);
    await send(j, final, 'juge');
    const after = await caseView(judge.context, url, caseId);
    expect(after.state.id).not.toBe('jugement_definitif_a_rendre');
    const judgment = after.documents.find((x) => x.kind === 'jugement_definitif');
    expect(judgment).toBeDefined();

    // --- Each party reads the outcome, the judgment among the documents.
    for (const [who, page] of [
      ['demandeur', c],
      ['défendeur', d],
      ['greffe', r],
    ] as const) {
      await casePage(page, caseId, after.state.id, who);
      await page
        .getByText(judgment?.label ?? '—')
        .first()
        .waitFor();
    }
    await c.goto(`${url}/avis`);
    await c.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    await expect.poll(() => c.getByTestId('avis').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await check(c, 'demandeur : « Mes avis » à la fin');

    for (const rec of recorders) expect(rec.outside(), 'requêtes hors de la boucle locale').toEqual([]);
    // Every role, and enough pages that none was skipped silently.
    for (const role of ['demandeur', 'greffe', 'défendeur', 'juge', 'conciliateur'])
      expect(
        checked.some((w) => w.startsWith(`${role} :`)),
        role,
      ).toBe(true);
    expect(checked.length).toBeGreaterThanOrEqual(40);
  }, 420_000);
});
