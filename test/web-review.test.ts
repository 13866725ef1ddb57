/**
 * "Vérifiez vos réponses" (issue 15, point 2; point 10's summary before a
 * decision): a form's last button shows every answer it will record, section
 * by section, in the form's words (labels, option labels — never raw keys),
 * each section with "Modifier" back to its step; nothing is recorded until
 * the action's own button is pressed there. Back returns to the last step.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { actionLabel, caseView, choose, expectNoAxeViolation, field, getJson } from './web-pages.ts';

const web = setUpWebStack();
const run = promisify(execFile);

const open = (user: string, width = 1280) => openAs(web, user, width);

/** A case whose filing draft holds a complete claim, resumed on the form's last step. */
async function draftedCase(context: BrowserContext, step = 4): Promise<string> {
  const url = web.server.url;
  const opened = await context.request.post(`${url}/api/cases`, {
    data: { procedure: 'petits-litiges', version: '1.0.0' },
  });
  if (!opened.ok()) throw new Error(`ouverture : ${opened.status()} ${await opened.text()}`);
  const { id } = (await opened.json()) as { id: string };
  const piece = await context.request.post(`${url}/api/cases/${id}/documents?kind=pieces`, {
    data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 32), Buffer.from('\n%%EOF\n')]),
    headers: { 'content-type': 'application/octet-stream', 'x-filename': 'facture.pdf' },
  });
  if (!piece.ok()) throw new Error(`pièce : ${piece.status()} ${await piece.text()}`);
  const saved = await context.request.put(`${url}/api/cases/${id}/draft`, {
    data: { data: { event: 'deposer_demande', values: filing(), step } },
  });
  if (!saved.ok()) throw new Error(`brouillon : ${saved.status()} ${await saved.text()}`);
  return id;
}

const reviewHeading = (page: Page) => page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' });

/** The review's rows as "label → answer", section by section. */
const reviewRows = (page: Page) =>
  page.getByTestId('verification').evaluate((root) =>
    [...root.querySelectorAll('section')].map((s) => ({
      title: s.querySelector('h3')?.textContent ?? '',
      rows: [...s.querySelectorAll('dl > div')].map(
        (d) => `${d.querySelector('dt')?.textContent} → ${d.querySelector('dd')?.textContent}`,
      ),
    })),
  );

describe('the review before a filing is sent', () => {
  it('shows every answer in the form’s words, goes back to a step with « Modifier », and records only on confirmation', async () => {
    const url = web.server.url;
    const { context, page } = await open('demandeur');
    const id = await draftedCase(context);
    const file = await actionLabel(context, url, id, 'deposer_demande');
    await page.goto(`${url}/affaires/${id}/actions/deposer_demande`);
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await reviewHeading(page).waitFor();
    // The review's title has the focus: a screen reader says where the person is.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Vérifiez vos réponses');
    expect(page.url()).toMatch(/etape=verification/);

    const sections = await reviewRows(page);
    const form = await getJson<{ uischema: { elements: { label: string }[] } }>(
      context,
      `${url}/api/procedures/petits-litiges/1.0.0/forms/demande`,
    );
    expect(sections.map((s) => s.title)).toEqual(form.uischema.elements.map((c) => c.label));
    const all = sections.flatMap((s) => s.rows);
    expect(all).toContain('Nom → Martin');
    expect(all.some((r) => /^Montant.* → 800/.test(r) || /Valeur.* → 800/.test(r))).toBe(true);
    // Options by their labels, never the stored keys.
    const text = all.join('\n');
    for (const raw of ['personne_physique', 'personne_morale', 'consommation', 'en_ligne', 'true'])
      expect(text).not.toMatch(new RegExp(`→ ${raw}$`, 'm'));
    // Nothing recorded yet.
    expect((await caseView(context, url, id)).state.id).toBe('saisine_en_ligne');
    await expectNoAxeViolation(page, 'la vérification des réponses');

    // « Modifier » on the claimant's section: back to that step, then on to the review again.
    const claimantSection = sections.findIndex((s) => s.rows.includes('Nom → Martin'));
    await page
      .getByTestId('verification')
      .locator('section')
      .nth(claimantSection)
      .getByRole('button', { name: /^Modifier/ })
      .click();
    await expect
      .poll(() => page.locator('.fr-stepper__title').textContent())
      .toMatch(new RegExp(`Étape ${claimantSection + 1} sur`));
    await field(page, /^Nom/).fill('Martinez');
    for (let i = claimantSection; i < sections.length - 1; i++)
      await page.getByRole('button', { name: 'Étape suivante' }).click();
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await reviewHeading(page).waitFor();
    expect((await reviewRows(page)).flatMap((s) => s.rows)).toContain('Nom → Martinez');

    // Back: the last step again, answers kept; Forward: the review.
    await page.goBack();
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).waitFor();
    expect(await reviewHeading(page).count()).toBe(0);
    await page.goForward();
    await reviewHeading(page).waitFor();

    await page.getByRole('button', { name: file }).click();
    await page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
    await page.getByTestId('etat-affaire').waitFor();
    const filed = await caseView(context, url, id);
    expect(filed.state.id).not.toBe('saisine_en_ligne');

    // The receipt, downloaded from the case page: RG, date and time, court, the claim, the documents' SHA-256.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /accusé de réception/ }).click(),
    ]);
    const pdf = join(web.server.dir, 'accuse.pdf');
    await download.saveAs(pdf);
    expect(download.suggestedFilename()).toMatch(/^accuse-reception-.*\.pdf$/);
    const receipt = (await run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'])).stdout.replace(
      /\s+/g,
      ' ',
    );
    expect(receipt).toContain('ACCUSÉ DE RÉCEPTION');
    expect(receipt).toContain(filed.reference);
    expect(receipt).toContain('Tribunal judiciaire d’exemple');
    expect(receipt).toMatch(/enregistrée le \d{1,2}(er)? \S+ \d{4} à \d{2} h \d{2}/);
    expect(receipt).toContain('Martinez');
    expect(receipt).toContain('Boutique Électro SARL');
    expect(receipt).not.toMatch(/personne_morale|consentement_signification_electronique/);
    expect(receipt).toContain(filed.state.label);
    const facture = (await caseView(context, url, id)).documents.find((d) => d.filename === 'facture.pdf');
    expect(receipt).toContain('facture.pdf');
    expect(receipt).toContain(`SHA-256 : ${(facture as { sha256?: string } | undefined)?.sha256}`);
    for (const d of filed.deadlines) expect(receipt).toContain(d.label);
    await expectNoAxeViolation(page, 'l’affaire déposée, avec son accusé de réception');
    await context.close();
  }, 120_000);

  it('is readable on a phone (375 × 667) with no accessibility violation', async () => {
    const { context, page } = await open('demandeur_2', 375);
    const id = await draftedCase(context);
    await page.goto(`${web.server.url}/affaires/${id}/actions/deposer_demande`);
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await reviewHeading(page).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolation(page, 'la vérification sur téléphone');
    await context.close();
  }, 90_000);

  it('shows the maximum length of a long text, and keeps to it', async () => {
    const { context, page } = await open('demandeur_2');
    const id = await draftedCase(context, 3);
    await page.goto(`${web.server.url}/affaires/${id}/actions/deposer_demande`);
    const story = field(page, /Que s'est-il passé/);
    await story.waitFor();
    const told = filing().description_litige as string;
    const count = page.locator('.fr-input-group', { has: story }).getByTestId('longueur');
    // The spec of 1.0.0 sets no bound: the server's (5 000 characters) is shown and kept by the field.
    expect(await count.textContent()).toBe(`${told.length} sur 5\u202f000 caractères au maximum`);
    expect(await story.getAttribute('maxlength')).toBe('5000');
    expect(await story.getAttribute('aria-describedby')).toContain(await count.getAttribute('id'));
    await story.fill('x'.repeat(200_000));
    expect((await story.inputValue()).length).toBe(5000);
    expect(await count.textContent()).toBe('5\u202f000 sur 5\u202f000 caractères au maximum');
    await expectNoAxeViolation(page, 'un texte long et sa longueur maximale');
    await context.close();
  }, 90_000);

  it('asks the claimant, in annex 1.1.0, his consent to electronic notice and then his own e-mail', async () => {
    const url = web.server.url;
    const { context, page } = await open('demandeur');
    const opened = await context.request.post(`${url}/api/cases`, {
      data: { procedure: 'petits-litiges', version: '1.1.0' },
    });
    const { id } = (await opened.json()) as { id: string };
    await context.request.put(`${url}/api/cases/${id}/draft`, {
      data: { data: { event: 'deposer_demande', values: {}, step: 1 } },
    });
    await page.goto(`${url}/affaires/${id}/actions/deposer_demande`);
    const consent = /recevoir les avis et convocations du tribunal par voie électronique/;
    await page.getByRole('group', { name: consent }).waitFor();
    expect(await page.getByLabel(/Votre adresse électronique/).count()).toBe(0);
    await choose(page, consent, 'Oui');
    const email = field(page, /Votre adresse électronique/);
    await email.waitFor();
    // Required as soon as the consent is given, and said so.
    expect(await email.getAttribute('aria-required')).toBe('true');
    const label = await page
      .locator('label.fr-label', { hasText: /Votre adresse électronique/ })
      .evaluate((l) => (l.firstChild?.textContent ?? '').trim());
    expect(label).toBe('Votre adresse électronique');
    expect(await email.getAttribute('type')).toBe('email');
    await expectNoAxeViolation(page, 'l’étape « Vous » de l’annexe 1.1.0');
    await context.close();
  }, 90_000);
});
