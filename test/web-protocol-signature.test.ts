/**
 * Signing the protocol in the browser (issue 16, point 2), on a phone's
 * 375 px: the defendant asks for a code with « Recevoir un code », reads it in
 * the .eml the server wrote, types it beside its approval and signs; a wrong
 * code is refused under the field, announced (aria-live). The history then
 * says how the protocol was signed. Axe-clean.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api } from './helpers/api.ts';
import { CLAIM, DEFENCE } from './helpers/annex-1-1.ts';
import { mailedSignatureCode } from './helpers/mail.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();

async function as(user: string): Promise<Api> {
  const api = new Api(web.server.url);
  await api.login(user);
  return api;
}

describe('signing the protocol with a one-time code', () => {
  it('asks for a code, refuses a wrong one under the field, signs with the mailed one, on 375 px', async () => {
    const claimant = await as('demandeur');
    const id = (await claimant.open('petits-litiges', { version: '1.1.0' })).id;
    await claimant.ok(id, 'deposer_demande', CLAIM);
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
    await (await as('conciliateur')).ok(id, 'constater_accord', {
      termes: 'Le vendeur rembourse sept cents euros sous quinzaine.',
      montant_convenu: 700,
      fin_du_litige: true,
    });

    const { context, page } = await openAs(web, 'defendeur', 375);
    try {
      await page.goto(`${web.server.url}/affaires/${id}/actions/signer_protocole_defendeur`);
      const box = page.getByTestId('signature-code');
      await box.getByRole('heading', { name: 'Signer avec un code à usage unique' }).waitFor();
      await box.getByRole('radio', { name: 'Par courriel' }).check();
      await box.getByRole('button', { name: 'Recevoir un code' }).click();
      const status = box.getByRole('status');
      await expect
        .poll(() => status.textContent())
        .toMatch(/Un code de 6 chiffres vient d’être envoyé à \S+\*\*\*@/);
      const masked = /envoyé à (\S+)\. Il/.exec((await status.textContent()) ?? '')?.[1] ?? '';
      const code = mailedSignatureCode(join(web.server.dir, 'courriels'), masked);
      expect(code).toMatch(/^\d{6}$/);
      // Nothing wider than the phone's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expectNoAxeViolation(page, 'signature du protocole (375 px)');

      const field = box.getByRole('textbox', { name: /Code de signature reçu/ });
      await field.fill(code === '000000' ? '111111' : '000000');
      // The DSFR checkbox is styled on its label: the person clicks the label.
      await page.locator('label[for="champ-approbation"]').click();
      await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
      const send = page.getByRole('button', { name: /Signer électroniquement le protocole/ });
      await send.click();
      await box.getByText('Ce code de signature est inexact').waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');

      await field.fill(code);
      await send.click();
      await page.waitForURL(`${web.server.url}/affaires/${id}`);
      await page
        .getByText(/Signé par code à usage unique envoyé à \S+\*\*\*@\S+, le \d+/)
        .first()
        .waitFor();
    } finally {
      await context.close();
    }
    expect((await defendant.view(id)).body.state.id).toBe('attente_signature_demandeur');
  }, 120_000);
});
