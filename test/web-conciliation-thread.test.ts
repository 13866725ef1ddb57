/**
 * The conciliation as a conversation (issue 15, point 5): the parties and the
 * conciliator write to each other on the case page ("Échanges — Conciliation"),
 * not through a form titled "Compléter votre dossier"; attachments are picked
 * among the case's documents (a typed reference is refused by the server);
 * the judge sees neither the thread nor the messages' content, as the spec's
 * `visible_to` says. Axe-clean, on a phone too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Api } from './helpers/api.ts';
import { CLAIM, DEFENCE } from './helpers/annex-1-1.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation, pageTitle } from './web-pages.ts';

const web = setUpWebStack();
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

const open = (user: string, width = 1280) => openAs(web, user, width);

const thread = (page: Page) => page.locator('section#echanges');

describe('the conciliation thread', () => {
  it('lets the parties and the conciliator converse, attachments picked from the case, hidden from the judge', async () => {
    const url = web.server.url;
    const claimant = await as('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.1.0' });
    const id = opened.id;
    await claimant.ok(id, 'deposer_demande', CLAIM);
    const invoice = await claimant.upload(id, 'pieces', PDF, 'facture.pdf');
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    await (await as('greffe')).ok(id, 'convoquer_defendeur');
    const defendant = await as('defendeur');
    await defendant.ok(id, 's_identifier', {
      moyen_identification: 'franceconnect',
      courriel: 'gerant@boutique-electro.example',
      consentement_signification_electronique: true,
    });
    await defendant.ok(id, 'deposer_defense', DEFENCE);
    await (await as('juge')).ok(id, 'orienter', {
      orientation: 'en_ligne',
      matiere: 'consommation',
      partie_faible: 'aucune',
    });

    // A reference typed by hand is not an attachment: the server refuses it.
    const typed = await defendant.fire(id, 'echanger_conciliation', {
      message: 'Voir notre pièce.',
      pieces: ['facture-inventee.pdf'],
    });
    expect(typed.status).toBe(422);
    expect((typed.body as unknown as { error: { code: string } }).error.code).toBe('UNKNOWN_ATTACHMENT');

    // The claimant writes on the case page, with the invoice picked from the case's documents.
    const c = await open('demandeur', 375);
    await c.page.goto(`${url}/affaires/${id}`);
    await pageTitle(c.page);
    const mine = thread(c.page);
    await mine.getByRole('heading', { level: 2, name: 'Échanges — Conciliation' }).waitFor();
    expect(await c.page.getByText('Compléter votre dossier').count()).toBe(0);
    // No button to a form page for a message: the action list points to the conversation.
    expect(
      await c.page.getByRole('link', { name: /Échanger dans le cadre de la conciliation/ }).count(),
    ).toBe(0);
    await mine.getByLabel('Votre message').fill('Je propose 700 euros, voici la facture.');
    await mine.locator('label', { hasText: 'facture.pdf' }).click();
    expect(await mine.getByRole('checkbox', { name: /facture\.pdf/ }).isChecked()).toBe(true);
    await expectNoAxeViolation(c.page, 'les échanges de la conciliation sur téléphone');
    await mine.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect.poll(() => mine.getByTestId('message-echange').count(), { timeout: 15_000 }).toBe(1);
    const sent = mine.getByTestId('message-echange').first();
    expect(await sent.textContent()).toMatch(/^Vous/);
    expect(await sent.textContent()).toContain('Je propose 700 euros, voici la facture.');
    await sent.getByRole('link', { name: /facture\.pdf/ }).waitFor();
    await c.context.close();

    // The conciliator reads it under the claimant's role and answers.
    const k = await open('conciliateur');
    await k.page.goto(`${url}/affaires/${id}`);
    await pageTitle(k.page);
    const theirs = thread(k.page);
    await theirs.getByTestId('message-echange').first().waitFor();
    expect(await theirs.getByTestId('message-echange').first().textContent()).toMatch(/^Demandeur/);
    await theirs.getByLabel('Votre message').fill('Le défendeur propose 600 euros. Qu’en pensez-vous ?');
    await theirs.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect.poll(() => theirs.getByTestId('message-echange').count(), { timeout: 15_000 }).toBe(2);
    await expectNoAxeViolation(k.page, 'les échanges lus par le conciliateur');
    await k.context.close();

    // The API: two messages, in order, the attachment resolved to the case's document.
    const seen = (await claimant.view(id)).body as unknown as {
      thread: { messages: { mine: boolean; attachments: { id: string }[]; data: { message: string } }[] };
    };
    expect(seen.thread.messages.map((m) => m.mine)).toEqual([true, false]);
    expect(seen.thread.messages[0]?.attachments.map((a) => a.id)).toEqual([invoice.body.id]);

    // The judge: no thread, no message's words anywhere on the page or in the view.
    const judgeView = (await (await as('juge')).view(id)).body as unknown as { thread: unknown };
    expect(judgeView.thread).toBeNull();
    expect(JSON.stringify(judgeView)).not.toContain('700 euros');
    const j = await open('juge');
    await j.page.goto(`${url}/affaires/${id}`);
    await pageTitle(j.page);
    await j.page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    expect(await thread(j.page).count()).toBe(0);
    expect(await j.page.content()).not.toContain('700 euros');
    await expectNoAxeViolation(j.page, 'l’affaire en conciliation lue par le juge');
    await j.context.close();
  }, 150_000);
});
