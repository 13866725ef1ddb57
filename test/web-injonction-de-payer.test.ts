/**
 * The second real procedure, the injonction de payer (spec/procedures/injonction-de-payer/1.0.0),
 * run through the pages in real Chromium against the real `greffe serve --dev`, with no line of
 * code written for it: the creditor files a request with a document, the judge makes the order
 * without hearing the debtor, the commissaire de justice serves it; then either the opposition time
 * runs out and the order becomes enforceable, or the debtor opposes and the registry convenes the
 * hearing. Spec ids (events, states) come from the spec; labels are read from the API.
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
  expectCaseState,
  expectNoAxeViolation,
  field,
  getJson,
  openAction,
  submitAction,
  tick,
} from './web-pages.ts';

const PROCEDURE = '/api/procedures/injonction-de-payer/1.0.0';
const web = setUpWebStack();
const recorders: ReturnType<typeof recordRequests>[] = [];
const pages: Page[] = [];

interface Spec {
  title: string;
  states: { id: string; label: string }[];
  transitions: { event: string; to: string; label: string }[];
  documents?: Record<string, { label: string }> | { id: string; label: string }[];
}
let spec: Spec;
const stateLabel = (id: string) => spec.states.find((s) => s.id === id)?.label ?? `(état ${id} inconnu)`;
/** The label of the variant of `event` that leads to `to` (the button that sends the form). */
const variantLabel = (event: string, to: string) =>
  spec.transitions.find((t) => t.event === event && t.to === to)?.label ?? `(${event} → ${to} inconnu)`;

async function person(user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  recorders.push(recordRequests(context));
  await devLogin(context, web.server.url, user);
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (e) => {
    throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
  });
  return { context, page };
}

/** The server's civil date (its dev clock), as a date field takes it. */
async function serverToday(context: BrowserContext): Promise<string> {
  const { now } = await getJson<{ now: string }>(context, `${web.server.url}/api/dev/clock`);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(now));
}

beforeAll(async () => {
  spec = (await (await fetch(`${web.server.url}${PROCEDURE}`)).json()) as Spec;
}, 120_000);

/** The creditor files a request from the procedure's page; the judge orders; the commissaire serves it. Returns the case id. */
async function orderServed(creditor: { context: BrowserContext; page: Page }, reference: string) {
  const url = web.server.url;
  const c = creditor.page;
  await c.goto(`${url}/`);
  await c.getByRole('link', { name: `Comment se déroule la procédure : ${spec.title}` }).click();
  await c.getByRole('heading', { level: 1, name: spec.title }).waitFor();
  await c.getByRole('link', { name: 'Commencer ma demande' }).click();
  await c.waitForURL(/\/actions\//, { timeout: 15_000 });
  const caseId = (c.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;

  await choose(c, /Vous agissez en tant que/, /Société/);
  await field(c, /Dénomination/).fill('Plomberie Vidal SARL');
  await field(c, /Adresse postale/).fill('8 rue des Tanneurs, 67000 Strasbourg');
  await expectNoAxeViolation(c, 'la première étape de la requête');
  await c.getByRole('button', { name: 'Étape suivante' }).click();
  await choose(c, /Le débiteur est/, /Un particulier/);
  await field(c, /^Nom/).fill('Lemoine');
  await field(c, /^Prénom/).fill('Sébastien');
  await field(c, /Adresse postale/).fill('21 allée des Pins, 67100 Strasbourg');
  await choose(c, /débiteur demeure-t-il en France/, 'Oui');
  await c.getByRole('button', { name: 'Étape suivante' }).click();
  await choose(c, /Quel juge saisissez-vous/, /président du tribunal judiciaire/);
  await choose(c, /Que demandez-vous/, /paiement d'une somme/);
  await choose(c, /D'où vient votre créance/, /Un contrat/);
  await field(c, /Somme que vous réclamez/).fill('2 450,80');
  await field(c, /Décompte de votre créance/).fill('Facture n° 2027-118 : 2 310,80 € ; intérêts : 140 €.');
  await field(c, /Sur quoi repose votre créance/).fill(
    'Devis accepté, travaux réalisés, mise en demeure restée sans réponse.',
  );
  await expectNoAxeViolation(c, 'l’étape « Votre créance »');
  await c.getByRole('button', { name: 'Étape suivante' }).click();
  await choose(c, /Joignez-vous les documents/, 'Oui');
  await field(c, /Liste des documents que vous joignez/).fill('Devis signé ; facture ; mise en demeure.');
  await tick(c, /J'atteste/);
  const pdf = join(web.server.dir, `facture-${reference}.pdf`);
  writeFileSync(
    pdf,
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2048, 32), Buffer.from('\n%%EOF\n')]),
  );
  await c.getByLabel('Pièces justificatives').setInputFiles(pdf);
  await c.getByText(`facture-${reference}.pdf : envoyé`).waitFor({ timeout: 30_000 });
  await expectNoAxeViolation(c, 'la dernière étape de la requête');
  await submitAction(c, await actionLabel(creditor.context, url, caseId, 'deposer_requete'));
  await expectCaseState(c, url, caseId, stateLabel('examen_requete'));
  await c.getByRole('link', { name: new RegExp(`facture-${reference}\\.pdf`) }).waitFor();

  // The judge makes the order on the request alone: the debtor is not heard (CPC art. 17 and 1409).
  const judge = await person('juge');
  await openAction(judge.page, url, caseId, await actionLabel(judge.context, url, caseId, 'statuer_requete'));
  await choose(judge.page, /^Décision/, /la totalité de la somme/);
  await field(judge.page, /Somme retenue en principal/).fill('2 450,80');
  await expectNoAxeViolation(judge.page, 'l’ordonnance');
  await submitAction(judge.page, variantLabel('statuer_requete', 'ordonnance_rendue'));
  await expectCaseState(c, url, caseId, stateLabel('ordonnance_rendue'));

  // The commissaire de justice serves it; the act states the opposition and starts its time.
  const officer = await person('commissaire_de_justice');
  const serve = await actionLabel(officer.context, url, caseId, 'signifier_ordonnance');
  await openAction(officer.page, url, caseId, serve);
  await field(officer.page, /Date de la signification/).fill(await serverToday(officer.context));
  await choose(officer.page, /Modalité de la signification/, /À personne/);
  await field(officer.page, /Référence de l'acte/).fill(`CJ-${reference}`);
  await expectNoAxeViolation(officer.page, 'l’acte de signification');
  await submitAction(officer.page, serve);
  await expectCaseState(c, url, caseId, stateLabel('delai_opposition_en_cours'));
  // The act of service is issued as the court's PDF, dated in the seized court's calendar (calendar: juridiction).
  await expect
    .poll(
      async () =>
        (
          await getJson<{ documents: { kind: string; origin: string }[] }>(
            creditor.context,
            `${url}/api/cases/${caseId}`,
          )
        ).documents.some((d) => d.kind === 'acte_signification_ordonnance' && d.origin === 'acte'),
      { timeout: 20_000 },
    )
    .toBe(true);
  return caseId;
}

/** For whoever reads a failure: each person's page as it last was, and the server's output. */
function explainFailure(): void {
  onTestFailed(async () => {
    for (const [i, p] of pages.entries()) {
      const path = join(tmpdir(), `greffe-injonction-${i}.png`);
      await p.screenshot({ path, fullPage: true });
      console.error(`capture : ${path} (${p.url()})`);
    }
    console.error(`sortie du serveur :\n${web.server.output().slice(-4000)}`);
  });
}

describe('the injonction de payer through the pages', () => {
  it('reaches the enforceable order when the debtor does not oppose within the month', async () => {
    explainFailure();
    const url = web.server.url;
    const creditor = await person('creancier');
    const caseId = await orderServed(creditor, 'sans-opposition');

    // The debtor was reached by the service: the opposition is open to him, its time running.
    const debtor = await person('debiteur');
    const open = await caseView(debtor.context, url, caseId);
    expect(open.actions.map((a) => a.event)).toContain('former_opposition');
    const due = open.deadlines.find((d) => d.id === 'delai_opposition');
    expect(due).toBeDefined();

    // A month later (dev clock, past the due day's end), no opposition: the formula is to be asked.
    await creditor.context.request.post(`${url}/api/dev/clock`, {
      data: { set: new Date(Date.parse(due?.dueAt as string) + 60_000).toISOString() },
    });
    await expectCaseState(creditor.page, url, caseId, stateLabel('formule_executoire_a_demander'));
    expect((await caseView(debtor.context, url, caseId)).actions.map((a) => a.event)).not.toContain(
      'former_opposition',
    );

    const ask = await actionLabel(creditor.context, url, caseId, 'demander_formule_executoire');
    await openAction(creditor.page, url, caseId, ask);
    await choose(creditor.page, /reçu un paiement depuis l'ordonnance/, 'Non');
    await expectNoAxeViolation(creditor.page, 'la demande de formule exécutoire');
    await submitAction(creditor.page, ask);
    await expectCaseState(creditor.page, url, caseId, stateLabel('apposition_formule'));

    const registry = await person('greffe');
    await openAction(
      registry.page,
      url,
      caseId,
      await actionLabel(registry.context, url, caseId, 'apposer_formule_executoire'),
    );
    await submitAction(registry.page, /^Confirmer/);
    await expectCaseState(creditor.page, url, caseId, stateLabel('ordonnance_executoire'));
    const enforceable = (await caseView(creditor.context, url, caseId)).documents.find(
      (d) => d.kind === 'ordonnance_executoire',
    );
    expect(enforceable).toBeDefined();
    await creditor.page
      .getByText(enforceable?.label as string)
      .first()
      .waitFor();
    await expectNoAxeViolation(creditor.page, 'le tableau de bord de l’ordonnance exécutoire');
    for (const r of recorders) expect(r.outside(), 'requêtes hors de la boucle locale').toEqual([]);
  }, 240_000);

  it('convenes the hearing when the debtor opposes within the month', async () => {
    explainFailure();
    const url = web.server.url;
    const creditor = await person('creancier');
    const caseId = await orderServed(creditor, 'opposition');

    const debtor = await person('debiteur');
    const d = debtor.page;
    await d.goto(`${url}/affaires`);
    await d
      .getByRole('link', { name: (await caseView(debtor.context, url, caseId)).reference })
      .first()
      .click();
    await d.getByTestId('etat-affaire').waitFor();
    const oppose = await actionLabel(debtor.context, url, caseId, 'former_opposition');
    await openAction(d, url, caseId, oppose);
    await field(d, /Pourquoi contestez-vous l'ordonnance/).fill(
      'Les travaux ont été mal exécutés : une fuite persiste sous l’évier.',
    );
    await choose(d, /délais de paiement/, 'Non');
    await expectNoAxeViolation(d, 'l’opposition');
    await submitAction(d, oppose);
    await expectCaseState(d, url, caseId, stateLabel('convocation_audience'));

    const registry = await person('greffe');
    const convene = await actionLabel(registry.context, url, caseId, 'convoquer_audience');
    await openAction(registry.page, url, caseId, convene);
    const today = await serverToday(registry.context);
    const hearing = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await field(registry.page, /Date de l'audience/).fill(hearing);
    await field(registry.page, /Lieu de l'audience/).fill('Tribunal judiciaire de Strasbourg, salle 3');
    await expectNoAxeViolation(registry.page, 'la convocation à l’audience');
    await submitAction(registry.page, convene);
    await expectCaseState(creditor.page, url, caseId, stateLabel('audience'));
    await expectCaseState(d, url, caseId, stateLabel('audience'));
    const summons = (await caseView(debtor.context, url, caseId)).documents.find(
      (x) => x.kind === 'convocation_audience',
    );
    expect(summons).toBeDefined();
    // The judge, at the hearing, may now rule on the opposition.
    const judge = await person('juge');
    expect((await caseView(judge.context, url, caseId)).actions.map((a) => a.event)).toContain(
      'rendre_jugement',
    );
    for (const r of recorders) expect(r.outside(), 'requêtes hors de la boucle locale').toEqual([]);
  }, 240_000);
});
