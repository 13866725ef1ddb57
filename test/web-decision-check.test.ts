/**
 * Decisions with a second look (issue 15, point 10): a decision form's
 * consistency rules come from the spec (annex 1.1.0: a rejected claim awards
 * the claimant nothing, with the drafter's French message), checked in the
 * browser before the review and by the server, which refuses the same data.
 */
import { describe, expect, it } from 'vitest';
import { Api } from './helpers/api.ts';
import { CLAIM, DEFENCE } from './helpers/annex-1-1.ts';
import { devLogin, setUpWebStack } from './web-helpers.ts';
import { choose, expectNoAxeViolation, field } from './web-pages.ts';

const web = setUpWebStack();
const REFUSED = /La demande est rejetée : le demandeur ne peut rien obtenir/;

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

describe('a decision’s consistency', () => {
  it('refuses a rejection that awards the claimant a sum, with the spec’s French message', async () => {
    const url = web.server.url;
    const claimant = await as('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.1.0' });
    const id = opened.id;
    await claimant.ok(id, 'deposer_demande', CLAIM);
    await (await as('greffe')).ok(id, 'convoquer_defendeur');
    const defendant = await as('defendeur');
    await defendant.ok(id, 's_identifier', {
      moyen_identification: 'franceconnect',
      courriel: 'gerant@boutique-electro.example',
      consentement_signification_electronique: true,
    });
    await defendant.ok(id, 'deposer_defense', DEFENCE);
    const judge = await as('juge');
    await judge.ok(id, 'orienter', {
      orientation: 'en_ligne',
      matiere: 'consommation',
      partie_faible: 'aucune',
    });
    await (await as('conciliateur')).ok(id, 'constater_echec_conciliation', { cause: 'absence_partie' });
    await judge.ok(id, 'clore_instruction');
    await judge.ok(id, 'rendre_jugement_provisoire', {
      motifs: 'La facture est produite, la livraison établie, aucun paiement n’est justifié.',
      dispositif: 'Condamnation envisagée au paiement de la facture.',
      montant_condamnation: 800,
      astreinte_envisagee: false,
    });
    await judge.post('/api/dev/clock', { advance: 'P20D' });
    const view = await judge.get<{ state: { id: string }; caseVersion: number }>(`/api/cases/${id}`);
    expect(view.body.state.id).toBe('jugement_definitif_a_rendre');

    const inconsistent = {
      issue: 'deboute',
      motifs: 'La créance n’est pas établie : aucune pièce ne prouve la commande.',
      dispositif: 'Rejette la demande.',
      creancier: 'demandeur',
      montant_condamnation: 1_000_000,
      depens: 'demandeur',
      astreinte_prononcee: false,
    };
    // The server refuses it, with the same message.
    const refused = await judge.fire(id, 'rendre_jugement_definitif', inconsistent);
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(REFUSED);

    // The browser says it before the review.
    const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await devLogin(context, url, 'juge');
    const page = await context.newPage();
    await page.goto(`${url}/affaires/${id}/actions/rendre_jugement_definitif`);
    await choose(page, /Sens de la décision/, /La demande est rejetée/);
    await field(page, /^Motifs/).fill(inconsistent.motifs);
    await field(page, /^Dispositif/).fill(inconsistent.dispositif);
    await choose(page, /Partie créancière/, /^Le demandeur$/);
    await field(page, /Montant de la condamnation/).fill('1000000');
    await choose(page, /Charge des dépens/, /À la charge du demandeur/);
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await page.locator('.fr-alert--error', { hasText: REFUSED }).waitFor();
    expect(await page.getByRole('heading', { name: 'Vérifiez vos réponses' }).count()).toBe(0);
    await expectNoAxeViolation(page, 'un jugement incohérent refusé');
    // Made consistent, the review summarises it before it is issued.
    await choose(page, /Partie créancière/, /^Aucune/);
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
    await expect
      .poll(() => page.getByTestId('ce-qui-sera-enregistre').textContent())
      .toMatch(/Ce qui sera enregistré/);
    await context.close();
  }, 120_000);
});
