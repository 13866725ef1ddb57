/**
 * The eligibility questionnaire in real Chromium when the answers given do not
 * settle the decision: the server names the facts still missing and the page
 * asks exactly those (here, on a copy of the annex whose filing form does not
 * require the objects of the claim), and nothing more once one answer settles it.
 */
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedCopy } from '../rules/test-support.ts';
import { recordRequests, setUpWebStack } from './web-helpers.ts';
import { field, openEligibility, tick } from './web-pages.ts';

const copy = editedCopy('spec/procedures/petits-litiges/1.0.0', {
  'forms/demande.yaml': (t) => t.replace(/(\n {2}required: \[[^\]\n]*?)objets, /, '$1'),
});
const web = setUpWebStack({ spec: dirname(dirname(copy)) });
const PAGE = '/procedures/petits-litiges/1.0.0/eligibilite';

/** A fresh browser (no answers remembered) on the questionnaire, recording the bodies it posts to the rules. */
async function openQuestionnaire() {
  const context = await web.browser.newContext({ locale: 'fr-FR' });
  recordRequests(context);
  const page = await context.newPage();
  const asked: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/eligibility')) asked.push(JSON.parse(r.postData() ?? 'null'));
  });
  await openEligibility(page, `${web.server.url}${PAGE}`);
  return { context, page, asked };
}

describe('eligibility questionnaire: the facts still missing', () => {
  it('asks next exactly the facts the rules miss, keeping the answers given', async () => {
    const { context, page, asked } = await openQuestionnaire();
    await field(page, /Valeur de votre demande/).fill('800');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByTestId('questions-manquantes').waitFor();
    expect(await page.getByLabel(/Valeur de votre demande/).count()).toBe(0);
    await tick(page, /paiement d'une somme/);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    expect(await result.getAttribute('class')).toContain('fr-alert--success');
    expect(asked).toEqual([{ montant: 800 }, { montant: 800, objets: ['paiement'] }]);

    await context.close();
  }, 90_000);

  it('asks nothing more once one answer settles it', async () => {
    const { context, page, asked } = await openQuestionnaire();
    await field(page, /Valeur de votre demande/).fill('4000');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const result = page.getByTestId('resultat-eligibilite');
    await result.waitFor();
    expect(await result.getAttribute('class')).toContain('fr-alert--warning');
    expect(await page.getByTestId('questions-manquantes').count()).toBe(0);
    expect(asked).toEqual([{ montant: 4000 }]);
    await context.close();
  }, 90_000);
});
