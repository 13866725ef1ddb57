/**
 * The DSFR renderer set on every kind of field, in real Chromium: a select
 * list beyond five options, a date, an integer, a group, checkboxes, a list
 * of items with add and remove, an upload inside a form with its progress and
 * its refusal of a wrong file type — from a fixture procedure made for it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devLogin, recordRequests, setUpWebStack } from './web-helpers.ts';
import { caseView, expectNoAxeViolation, field, getJson, reviewAndSend, tick } from './web-pages.ts';

const web = setUpWebStack({ spec: 'test/fixtures/web' });

describe('the DSFR renderer set', () => {
  it('draws and checks each kind of field, and uploads from inside a form', async () => {
    const url = web.server.url;
    const context = await web.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const { outside } = recordRequests(context);
    await devLogin(context, url, 'usager');
    const page = await context.newPage();
    await page.goto(`${url}/procedures/formulaires/1.0.0/deposer`);
    await page.waitForURL(/\/actions\//);
    const caseId = (page.url().match(/\/affaires\/([^/]+)\//) as RegExpMatchArray)[1] as string;

    // Step 1: a group with a row of two fields, a date, a select, an integer, checkboxes.
    await page.getByRole('group', { name: 'Identité' }).waitFor();
    await page.getByRole('button', { name: 'Étape suivante' }).click();
    const summary = page.locator('.fr-alert--error').first();
    await summary.getByText('Nom : Ce champ est obligatoire.').waitFor();
    await summary.getByText('Pays de résidence : Choisissez une réponse.').waitFor();
    await expectNoAxeViolation(page, 'une étape en erreur');

    await field(page, /^Nom/).fill('Diallo');
    const birth = field(page, /Date de naissance/);
    expect(await birth.getAttribute('type')).toBe('date');
    await birth.fill('1990-05-17');
    const country = page.getByRole('combobox', { name: /Pays de résidence/ });
    expect(await country.locator('option').count()).toBe(8);
    await country.selectOption({ label: 'Belgique' });
    const children = field(page, /Nombre d'enfants/);
    await children.fill('2,5');
    await children.blur();
    await page.getByText('Saisissez un nombre entier, sans virgule.').waitFor();
    await children.fill('2');
    await tick(page, 'Français');
    await tick(page, 'Arabe');
    await expectNoAxeViolation(page, 'la première étape remplie');
    await page.getByRole('button', { name: 'Étape suivante' }).click();

    // Step 2: a static text, a list with add/remove, an upload inside the form.
    await page.getByText('Indiquez les personnes qui vivent avec vous.').waitFor();
    await page.getByRole('button', { name: /Ajouter : occupant/ }).click();
    await page.getByRole('button', { name: /Ajouter : occupant/ }).click();
    await page.getByRole('group', { name: 'Occupant n° 2' }).waitFor();
    await page.getByRole('button', { name: /Supprimer occupant n° 2/ }).click();
    expect(await page.getByRole('group', { name: /^Occupant n°/ }).count()).toBe(1);
    await field(page, /Nom de l'occupant/).fill('Aïssatou Diallo');
    await field(page, /Lien avec vous/).fill('Fille');

    const upload = page.getByLabel(/Justificatif de ressources/);
    const wrong = join(web.server.dir, 'notes.txt');
    writeFileSync(wrong, 'pas un justificatif');
    await upload.setInputFiles(wrong);
    // The server checks the bytes and refuses; its French message shows under the field.
    await page.locator('.fr-upload-group .fr-message--error', { hasText: 'notes.txt' }).waitFor();

    // Over the kind's maximum size (5 Mo here): refused in the browser, before a byte is sent.
    const big = join(web.server.dir, 'trop-gros.pdf');
    writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6_000_000, 32)]));
    const uploadsSent: string[] = [];
    const onRequest = (r: { url(): string; method(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/documents')) uploadsSent.push(r.url());
    };
    page.on('request', onRequest);
    await upload.setInputFiles(big);
    await page
      .locator('.fr-upload-group .fr-message--error', {
        hasText: /trop-gros\.pdf.*au-delà de la taille maximale de 5 Mo/,
      })
      .waitFor();
    page.off('request', onRequest);
    expect(uploadsSent).toEqual([]);

    const pdf = join(web.server.dir, 'avis.pdf');
    writeFileSync(
      pdf,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(600_000, 32), Buffer.from('\n%%EOF\n')]),
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: 5_000_000,
      uploadThroughput: 300_000,
    });
    await upload.setInputFiles(pdf);
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText(/avis\.pdf .*— envoyé/).waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expectNoAxeViolation(page, 'la seconde étape avec sa pièce');
    await reviewAndSend(page, 'Déposer le dossier');
    await page.waitForURL(/\/affaires\/[^/]+$/);

    // What was sent: the fields as typed, the list, the stored document's reference.
    const view = await caseView(context, url, caseId);
    const filed = (
      await getJson<{ timeline: { event: string; data?: Record<string, unknown> }[] }>(
        context,
        `${url}/api/cases/${caseId}`,
      )
    ).timeline.find((e) => e.event === 'deposer')?.data;
    expect(view.state.id).toBe('examen');
    expect(filed).toMatchObject({
      identite: { nom: 'Diallo', naissance: '1990-05-17' },
      pays: 'be',
      enfants: 2,
      langues: ['fr', 'ar'],
      occupants: [{ nom: 'Aïssatou Diallo', lien: 'Fille' }],
    });
    const stored = ((filed?.justificatifs ?? []) as { id: string; filename: string }[])[0];
    expect(stored?.filename).toBe('avis.pdf');
    expect(view.documents.map((d) => d.id)).toContain(stored?.id);
    expect(outside()).toEqual([]);
    await context.close();
  }, 120_000);
});
