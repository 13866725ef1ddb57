/**
 * The dead-letter page of the back office (/bureau/envois), in Chromium: a
 * claim filed by a claimant whose account has no e-mail address leaves its
 * e-mail undeliverable; the registry clerk sees it at once (not retried) with
 * its French reason; the cause fixed (an address given to the account),
 * « Réessayer » puts it back in the queue: the e-mail goes once and leaves
 * the list. A party may not open the page. Axe-clean.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withSqliteFile } from '../runtime/store/sqlite-inspect.ts';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { openAs, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack();

const open = (user: string) => openAs(web, user);

describe('the dead-letter page', () => {
  it('shows the registry clerk an undeliverable e-mail with its reason, and « Réessayer » sends it again', async () => {
    const url = web.server.url;
    const claimant = new Api(url);
    await claimant.login('demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    // The sample claimant has no e-mail address. The docket number comes with the filing (issue 15).
    const filed = (await claimant.ok(opened.id, 'deposer_demande', filing())).reference;
    if (filed === null) throw new Error('la demande déposée n’a pas de numéro de rôle');

    const { context, page } = await open('greffe');
    await page.goto(`${url}/bureau/envois`);
    await page.getByRole('heading', { level: 1, name: 'Envois en échec' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: filed }).filter({ hasText: 'Courriel' });
    // The worker runs in the background: the page shows the dead letter once it has tried.
    await expect
      .poll(
        async () => {
          if ((await row.count()) === 0) await page.reload();
          return row.count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const cells = async () => (await row.getByRole('cell').allTextContents()).map((t) => t.trim());
    const [reference, channel, , error, attempts] = await cells();
    expect(reference).toBe(filed);
    expect(channel).toBe('Courriel');
    expect(error).toMatch(/^Aucune adresse électronique connue pour .+ \(demandeur\)\.$/);
    expect(attempts).toBe('1'); // not retried
    await expectNoAxeViolation(page, 'la page des envois en échec');

    // The cause fixed (the operator gives the account its address, in the server's SQLite file), then
    // « Réessayer »: back in the queue, the e-mail goes once and the dead letter leaves the list.
    const changed = withSqliteFile(
      join(web.server.dir, 'greffe.db'),
      (db) =>
        db.prepare("UPDATE users SET email = 'camille.martin@exemple.test' WHERE id = 'demandeur'").run()
          .changes,
      true,
    );
    expect(changed).toBe(1);
    await row.getByRole('button', { name: /^Réessayer l’envoi n° \d+$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Le message n° \d+ est remis dans la file d’envoi\.$/ })
      .waitFor();
    await expectNoAxeViolation(page, 'la page des envois en échec, après « Réessayer »');
    const mails = () =>
      readdirSync(join(web.server.dir, 'courriels'))
        .filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(join(web.server.dir, 'courriels', f), 'utf8'))
        .filter((t) => t.includes('To: camille.martin@exemple.test'));
    await expect.poll(() => mails().length, { timeout: 20_000 }).toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Envois en échec' }).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await context.close();

    // Not for the parties: the page is refused to the claimant.
    const party = await open('demandeur');
    await party.page.goto(`${url}/bureau/envois`);
    await expect.poll(() => party.page.getByRole('row').filter({ hasText: filed }).count()).toBe(0);
    await party.page
      .getByText(/accès|autoris|réservé/i)
      .first()
      .waitFor();
    await party.context.close();
  }, 120_000);
});
