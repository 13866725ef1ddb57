/**
 * A whole case played through the pages, in real Chromium against the real
 * `greffe serve --dev`: eligibility, filing with an upload, the defendant's
 * answer, the track decision, failed conciliation, closure, provisional then
 * (a week later) final judgment. The claimant's dashboard is checked at each
 * step, axe-core on every page, and no request may leave the loopback.
 * Spec ids (events, states) come from the annex; labels are read from the API.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { capturesDir, devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import {
  actionLabel,
  type CaseView,
  caseView,
  choose,
  expectCaseState,
  expectNoAxeViolation,
  field,
  openAction,
  type ProcedureView,
  submitAction,
  tick,
} from './web-pages.ts';

const PROCEDURE = '/api/procedures/petits-litiges/1.0.0';
const web = setUpWebStack();
const recorders: ReturnType<typeof recordRequests>[] = [];
const pages: Page[] = [];
let stateLabel: (id: string) => string;

async function person(user?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  recorders.push(recordRequests(context));
  if (user) await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { context, page };
}

beforeAll(async () => {
  const view = (await (await fetch(`${web.server.url}${PROCEDURE}`)).json()) as ProcedureView;
  stateLabel = (id) => view.states.find((s) => s.id === id)?.label ?? `(état ${id} inconnu)`;
}, 120_000);

describe('a whole case through the pages', () => {
  it('runs from eligibility to the final judgment, the dashboard following each step', async () => {
    const url = web.server.url;
    const captures = capturesDir();
    onTestFailed(async () => {
      // For whoever reads the failure: each person's page as it last was.
      for (const [i, p] of pages.entries()) {
        const path = join(tmpdir(), `greffe-parcours-${i}.png`);
        await p.screenshot({ path, fullPage: true });
        console.error(`capture : ${path} (${p.url()})`);
      }
      console.error(`sortie du serveur :\n${web.server.output().slice(-4000)}`);
    });

    // --- The claimant checks eligibility, signs in, files with an upload.
    const claimant = await person();
    const c = claimant.page;
    await c.goto(`${url}/`);
    await c.getByRole('heading', { level: 2, name: 'Les procédures en ligne' }).waitFor();
    await c.getByRole('link', { name: /Vérifier si ma demande.*litiges civils/ }).waitFor();
    await expectNoAxeViolation(c, 'l’accueil');
    await c.screenshot({ path: join(captures, 'portail.png'), fullPage: true });

    await c.getByRole('link', { name: /Vérifier si ma demande.*litiges civils/ }).click();
    await field(c, /Valeur de votre demande/).fill('1 200,50');
    await tick(c, /paiement d'une somme/);
    await c.getByRole('button', { name: 'Vérifier' }).click();
    await expect
      .poll(() => c.getByTestId('resultat-eligibilite').getAttribute('class'))
      .toContain('fr-alert--success');
    await expectNoAxeViolation(c, 'le résultat d’éligibilité');

    await c.getByRole('link', { name: /commencer ma demande/i }).click();
    await c.locator('main').getByRole('link', { name: 'Se connecter' }).click();
    await c.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
    await c.locator('.greffe-user-list button').first().waitFor();
    await expectNoAxeViolation(c, 'la page de connexion');
    await c
      .locator('li', { has: c.locator('.fr-hint-text', { hasText: /^demandeur$/ }) })
      .getByRole('button')
      .click();
    await c.waitForURL(/\/actions\//, { timeout: 15_000 });
    const caseId = (c.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;
    await expectNoAxeViolation(c, 'l’étape 1 du dépôt');
    await c.getByRole('button', { name: 'Étape suivante' }).click();
    await choose(c, /Vous agissez en tant que/, /Particulier/);
    await field(c, /^Nom /).fill('Martin');
    await field(c, /^Prénom /).fill('Camille');
    await field(c, /Adresse postale/).fill('3 rue des Lilas, 69003 Lyon');
    await field(c, /Téléphone mobile/).fill('06 12 34 56 78');
    await c.getByRole('button', { name: 'Étape suivante' }).click();
    await c.getByRole('heading', { name: /L'autre partie/ }).waitFor();

    // The draft is saved at each step: a reload resumes on this step with the answers kept.
    await expect.poll(() => c.getByTestId('etat-brouillon').textContent()).toMatch(/Brouillon enregistré/);
    await c.reload();
    await c.getByRole('heading', { name: /L'autre partie/ }).waitFor();
    await c.getByRole('button', { name: 'Étape précédente' }).click();
    await expect(field(c, /Adresse postale/).inputValue()).resolves.toBe('3 rue des Lilas, 69003 Lyon');
    await c.getByRole('button', { name: 'Étape suivante' }).click();

    await choose(c, /Le défendeur est/, /Une société/);
    await field(c, /Dénomination/).fill('Meubles Durand SARL');
    await field(c, /Adresse postale/).fill('12 avenue Foch, 69006 Lyon');
    await choose(c, /adresse électronique du défendeur/, 'Oui');
    await field(c, /Adresse électronique du défendeur/).fill('contact@meubles-durand.fr');
    await c.getByRole('button', { name: 'Étape suivante' }).click();
    // The eligibility answers came along: amount and object are already filled.
    await expect(field(c, /Valeur de votre demande/).inputValue()).resolves.toBe('1200,5');
    await choose(c, /domaine se situe votre litige/, /Consommation/);
    await field(c, /Que s'est-il passé/).fill(
      'Canapé commandé le 3 mars, livré abîmé ; le vendeur refuse de rembourser.',
    );
    await field(c, /Que demandez-vous au juge/).fill('Le remboursement de 1 200,50 €.');
    await choose(c, /régler le litige à l'amiable/, 'Oui');
    await expectNoAxeViolation(c, 'l’étape « Votre litige »');
    await c.screenshot({ path: join(captures, 'saisine.png'), fullPage: true });
    await c.getByRole('button', { name: 'Étape suivante' }).click();
    await choose(c, /voie électronique/, 'Oui');
    await tick(c, /J'atteste/);

    // An upload with its progress bar: the network is slowed so the bar has time to show.
    const pdf = join(web.server.dir, 'facture.pdf');
    writeFileSync(
      pdf,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 32), Buffer.from('\n%%EOF\n')]),
    );
    const cdp = await claimant.context.newCDPSession(c);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 5_000_000,
      uploadThroughput: 500_000,
    });
    await c.getByLabel('Pièces justificatives').setInputFiles(pdf);
    await c.locator('progress').first().waitFor();
    await expect(c.getByText(/facture\.pdf : envoi en cours/)).toBeDefined();
    await c.getByText('facture.pdf : envoyé').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expectNoAxeViolation(c, 'la dernière étape du dépôt');

    const file = await actionLabel(claimant.context, url, caseId, 'deposer_demande');
    await submitAction(c, file);
    await expectCaseState(c, url, caseId, stateLabel('convocation_defendeur'));
    await c.getByRole('link', { name: /facture\.pdf/ }).waitFor();
    await expectNoAxeViolation(c, 'le tableau de bord après le dépôt');

    // --- The registry summons the defendant.
    const registry = await person('greffe');
    await registry.page.goto(`${url}/bureau`);
    await registry.page
      .getByRole('link', { name: (await caseView(registry.context, url, caseId)).reference })
      .first()
      .waitFor();
    await expectNoAxeViolation(registry.page, 'le bureau du greffe');
    await registry.page.screenshot({ path: join(captures, 'bureau.png'), fullPage: true });
    await openAction(
      registry.page,
      url,
      caseId,
      await actionLabel(registry.context, url, caseId, 'convoquer_defendeur'),
    );
    await expectNoAxeViolation(registry.page, 'la confirmation d’une action sans formulaire');
    await submitAction(registry.page, /^Confirmer/);
    await expectCaseState(c, url, caseId, stateLabel('identification_courriel'));

    // --- The defendant finds the case in their list, identifies, answers.
    const defendant = await person('defendeur');
    const d = defendant.page;
    await d.goto(`${url}/affaires`);
    await d
      .getByRole('link', { name: /Affaire/ })
      .first()
      .waitFor();
    await expectNoAxeViolation(d, 'la liste « Mes affaires »');
    await d
      .getByRole('link', { name: /Affaire/ })
      .first()
      .click();
    await d.getByTestId('etat-affaire').waitFor();
    await openAction(d, url, caseId, await actionLabel(defendant.context, url, caseId, 's_identifier'));
    await choose(d, /Comment vous êtes-vous identifié/, /FranceConnect/);
    await field(d, /Votre adresse électronique/).fill('direction@meubles-durand.fr');
    await choose(d, /voie électronique/, 'Oui');
    await expectNoAxeViolation(d, 'l’identification du défendeur');
    await submitAction(d, await actionLabel(defendant.context, url, caseId, 's_identifier'));
    await expectCaseState(c, url, caseId, stateLabel('defense'));

    const answer = await actionLabel(defendant.context, url, caseId, 'deposer_defense');
    await openAction(d, url, caseId, answer);
    await choose(d, /d'accord avec la demande/, /toute la demande/);
    await field(d, /Votre version des faits/).fill(
      'Le canapé a été livré en parfait état, le bon de livraison est signé.',
    );
    await field(d, /Ce que vous contestez/).fill('Le dommage est postérieur à la livraison.');
    await d.getByRole('button', { name: 'Étape suivante' }).click();
    await choose(d, /demande à former contre le demandeur/, 'Non');
    await d.getByRole('button', { name: 'Étape suivante' }).click();
    await choose(d, /Quelle procédure préférez-vous/, /procédure en ligne/);
    await choose(d, /voie électronique/, 'Oui');
    await expectNoAxeViolation(d, 'la défense');
    await submitAction(d, answer);
    await expectCaseState(c, url, caseId, stateLabel('orientation'));

    // --- The judge sends the case to the online track.
    const judge = await person('juge');
    const j = judge.page;
    await openAction(j, url, caseId, await actionLabel(judge.context, url, caseId, 'orienter'));
    await choose(j, /Procédure retenue/, /^Procédure en ligne$/);
    await expectNoAxeViolation(j, 'la décision d’orientation');
    // Offered under its form's title (two outcomes), sent under the label of the one the answers take.
    const toConciliation = (
      (await (await fetch(`${url}${PROCEDURE}`)).json()) as {
        transitions: { event: string; to: string; label: string }[];
      }
    ).transitions.find((t) => t.event === 'orienter' && t.to === 'conciliation');
    await submitAction(j, toConciliation?.label ?? '?');
    await expectCaseState(c, url, caseId, stateLabel('conciliation'));

    // --- Conciliation fails.
    const conciliator = await person('conciliateur');
    const failed = await actionLabel(conciliator.context, url, caseId, 'constater_echec_conciliation');
    await openAction(conciliator.page, url, caseId, failed);
    await choose(conciliator.page, /Cause de l'échec/, /ne se sont pas entendues/);
    await submitAction(conciliator.page, failed);
    await expectCaseState(c, url, caseId, stateLabel('instruction'));
    await c
      .getByText((await caseView(claimant.context, url, caseId)).deadlines[0]?.label ?? '—')
      .first()
      .waitFor();

    // --- The judge closes the instruction, renders the provisional judgment.
    await openAction(j, url, caseId, await actionLabel(judge.context, url, caseId, 'clore_instruction'));
    await submitAction(j, /^Confirmer/);
    await expectCaseState(c, url, caseId, stateLabel('jugement_provisoire_a_rendre'));
    const provisional = await actionLabel(judge.context, url, caseId, 'rendre_jugement_provisoire');
    await openAction(j, url, caseId, provisional);
    await field(j, /^Motifs/).fill(
      'Le bon de livraison ne mentionne aucune réserve ; les photographies sont postérieures.',
    );
    await field(j, /Dispositif envisagé/).fill('Rejeter la demande de remboursement.');
    await expectNoAxeViolation(j, 'le jugement provisoire');
    await submitAction(j, provisional);
    await expectCaseState(c, url, caseId, stateLabel('critique_jugement_provisoire'));
    const critique = (await caseView(claimant.context, url, caseId)).deadlines.find(
      (x) => x.id === 'delai_critique',
    );
    expect(critique).toBeDefined();
    await c
      .getByText(critique?.label as string)
      .first()
      .waitFor();
    await expectNoAxeViolation(c, 'le tableau de bord pendant la critique');
    await c.screenshot({ path: join(captures, 'tableau-de-bord.png'), fullPage: true });

    // --- A week later (dev clock), the critique window is over.
    await judge.context.request.post(`${url}/api/dev/clock`, { data: { advance: 'P7D' } });
    let view: CaseView = await caseView(claimant.context, url, caseId);
    if (view.state.id === 'critique_jugement_provisoire') {
      // The window ends at the end of its last day, later still when that is a holiday: step past it.
      await judge.context.request.post(`${url}/api/dev/clock`, {
        data: { set: new Date(Date.parse(critique?.dueAt as string) + 60_000).toISOString() },
      });
      view = await caseView(claimant.context, url, caseId);
    }
    await expectCaseState(c, url, caseId, stateLabel('jugement_definitif_a_rendre'));

    const final = await actionLabel(judge.context, url, caseId, 'rendre_jugement_definitif');
    await openAction(j, url, caseId, final);
    await choose(j, /Sens de la décision/, /La demande est rejetée/);
    await field(j, /^Motifs/).fill(
      'Aucune critique ne remet en cause le jugement provisoire ; la demande est rejetée.',
    );
    await field(j, /^Dispositif/).fill('Rejette la demande. Laisse les dépens à la charge du demandeur.');
    await choose(j, /Charge des dépens/, /À la charge du demandeur/);
    await expectNoAxeViolation(j, 'le jugement définitif');
    await submitAction(j, final);
    const after = await caseView(claimant.context, url, caseId);
    await expectCaseState(c, url, caseId, after.state.label);
    expect(after.state.id).not.toBe('jugement_definitif_a_rendre');
    await c
      .getByText((after.documents.find((x) => x.kind === 'jugement_definitif') ?? { label: '—' }).label)
      .first()
      .waitFor();
    await expectNoAxeViolation(c, 'le tableau de bord après le jugement');

    // --- The objectives, computed from the journal, as charts.
    await j.goto(`${url}/statistiques`);
    await j.locator('figure svg').first().waitFor();
    await expectNoAxeViolation(j, 'les statistiques');
    await j.screenshot({ path: join(captures, 'statistiques.png'), fullPage: true });

    for (const r of recorders) expect(r.outside(), 'requêtes hors de la boucle locale').toEqual([]);
  }, 240_000);
});
