/**
 * The receipt sent by e-mail (issue 15, point 2): a claim filed in the
 * browser (annex 1.1.0, the claimant's e-mail given in the form) makes the
 * outbox send the claimant an e-mail (the real mail connector: an .eml file
 * without SMTP) carrying the filing receipt as a PDF — the same one the case
 * page offers — with the case's RG number. Nobody else's e-mail carries it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { CLAIM } from './helpers/annex-1-1.ts';
import { devLogin, setUpWebStack } from './web-helpers.ts';
import { actionLabel, caseView, expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();
const run = promisify(execFile);

/** The .eml files the server wrote so far, parsed. */
async function mails() {
  const dir = join(web.server.dir, 'courriels');
  if (!existsSync(dir)) return [];
  return Promise.all(
    readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .map(async (f) => simpleParser(readFileSync(join(dir, f)))),
  );
}

describe('the receipt by e-mail', () => {
  it('sends the claimant, once his claim is filed in the browser, an e-mail with the receipt PDF', async () => {
    const url = web.server.url;
    const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    await devLogin(context, url, 'demandeur');
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      throw new Error(`Erreur JavaScript dans la page : ${e.message}`);
    });
    const opened = await context.request.post(`${url}/api/cases`, {
      data: { procedure: 'petits-litiges', version: '1.1.0' },
    });
    const { id } = (await opened.json()) as { id: string };
    const form = (await (
      await context.request.get(`${url}/api/procedures/petits-litiges/1.1.0/forms/demande`)
    ).json()) as {
      uischema: { elements: unknown[] };
    };
    const saved = await context.request.put(`${url}/api/cases/${id}/draft`, {
      data: { data: { event: 'deposer_demande', values: CLAIM, step: form.uischema.elements.length - 1 } },
    });
    expect(saved.ok()).toBe(true);
    const file = await actionLabel(context, url, id, 'deposer_demande');
    await page.goto(`${url}/affaires/${id}/actions/deposer_demande`);
    await page.getByRole('button', { name: 'Vérifier mes réponses' }).click();
    await page.getByRole('heading', { level: 2, name: 'Vérifiez vos réponses' }).waitFor();
    await page.getByRole('button', { name: file }).click();
    await page.waitForURL(/\/affaires\/[^/]+$/, { timeout: 15_000 });
    await page.getByTestId('etat-affaire').waitFor();
    await expectNoAxeViolation(page, 'l’affaire déposée');
    const filed = await caseView(context, url, id);

    // The outbox delivers in the background: wait for the claimant's e-mail.
    const mine = async () =>
      (await mails()).filter((m) => m.to && JSON.stringify(m.to).includes(CLAIM.demandeur.courriel));
    await expect.poll(async () => (await mine()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [mail] = await mine();
    expect(mail?.subject).toContain(filed.reference);
    const pdfs = (mail?.attachments ?? []).filter((a) => a.contentType === 'application/pdf');
    expect(pdfs.map((a) => a.filename)).toEqual([
      `accuse-reception-${filed.reference.replace(/[^0-9A-Za-z]+/g, '-').replace(/^-|-$/g, '')}.pdf`,
    ]);
    expect(mail?.text).toContain('en pièce jointe');
    const pdf = join(web.server.dir, 'accuse-courriel.pdf');
    writeFileSync(pdf, (pdfs[0] as { content: Buffer }).content);
    const text = (await run('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'])).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('ACCUSÉ DE RÉCEPTION');
    expect(text).toContain(filed.reference);
    expect(text).toContain('Boutique Électro SARL');

    // Only the filer's e-mail carries it.
    const others = (await mails()).filter(
      (m) => !JSON.stringify(m.to).includes(CLAIM.demandeur.courriel) && m.subject?.includes(filed.reference),
    );
    for (const m of others)
      expect(m.attachments.filter((a) => a.contentType === 'application/pdf')).toEqual([]);
    await context.close();
  }, 120_000);
});
