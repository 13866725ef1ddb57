/**
 * The back office's paged queue (issue 17), in Chromium: 55 mediation cases
 * with a running deadline in the sample court (made in-process on the
 * server's SQLite file, a day apart, so that their due dates follow their
 * order of making) and three in another court, due before them all. The
 * mediator's /bureau shows the first 50, soonest due first, « Affaires
 * suivantes » the last 5, « Revenir au début » the first 50 again; the
 * status says which cases are shown, focus goes to the list's heading, no
 * case of the other court appears, a case without a running deadline is
 * listed apart; axe-core finds nothing, and at 375 px nothing is wider than
 * the screen.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../runtime/access/policy.ts';
import { loadCatalog } from '../runtime/catalog.ts';
import { SAMPLE_COURT, OTHER_COURT } from '../runtime/dev/sample-users.ts';
import { type Runtime, rulesGuards } from '../runtime/service/context.ts';
import { fireEvent } from '../runtime/service/fire-event.ts';
import { openCaseFor } from '../runtime/service/open-case.ts';
import { openSqliteStore } from '../runtime/store/sqlite-store.ts';
import { ManualClock } from '../runtime/time/index.ts';
import { MEDIATION } from './helpers/runtime.ts';
import { capturesDir, openAs, setUpWebStack } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const web = setUpWebStack({ spec: 'test/fixtures/procedures' });

const HERE: Caller = { id: 'mediateur', name: 'Médiateur', roles: ['mediateur'], court: SAMPLE_COURT };
const THERE: Caller = { id: 'mediateur_autre', name: 'Autre', roles: ['mediateur'], court: OTHER_COURT };

/** Cases made on the server's database file: `inCourt` with a running deadline in order of due date, `elsewhere`, `noDeadline`. */
async function makeCases(): Promise<{ inCourt: string[]; elsewhere: string[]; noDeadline: string }> {
  // No server lock: only `greffe serve` takes it (sqlite-lock.ts); SQLite serialises the two writers.
  const store = openSqliteStore(join(web.server.dir, 'greffe.db'));
  const clock = new ManualClock(new Date('2027-03-01T09:00:00Z'));
  const rt: Runtime = {
    store,
    catalog: loadCatalog(MEDIATION),
    clock,
    dev: false,
    sampleUsers: [],
    defaultCourt: SAMPLE_COURT,
    guards: rulesGuards,
    afterCommit: () => undefined,
    expireDue: async () => false,
  };
  const invited = async (actor: Caller) => {
    const id = await openCaseFor(rt, actor, { procedure: 'mediation', court: actor.court ?? SAMPLE_COURT });
    await fireEvent(rt, actor, id, { event: 'inviter_voisin', data: {}, expectedVersion: 0 }, randomUUID());
    return id;
  };
  try {
    for (const u of [HERE, THERE]) await store.upsertUser({ ...u, source: 'test' }, clock.now());
    // The other court's cases are due first: were the court not filtered, they would head the first page.
    const elsewhere = [await invited(THERE), await invited(THERE), await invited(THERE)];
    const inCourt: string[] = [];
    for (let i = 0; i < 55; i++) {
      clock.advance('P1D');
      inCourt.push(await invited(HERE));
    }
    const noDeadline = await openCaseFor(rt, HERE, { procedure: 'mediation', court: SAMPLE_COURT });
    return { inCourt, elsewhere, noDeadline };
  } finally {
    await store.close();
  }
}

const region = (page: Page, name: string) => page.getByRole('region', { name });
const PAGED = 'Affaires avec un délai en cours';

/** The case ids the paged list shows, in order. */
async function shownIds(page: Page): Promise<string[]> {
  const hrefs = await region(page, PAGED)
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^\/affaires\//, ''));
}

const status = (page: Page, text: string) =>
  region(page, PAGED).getByRole('status').filter({ hasText: text }).waitFor();

describe('the paged back-office queue', () => {
  it('pages through the court’s cases 50 at a time, soonest due first, and back to the start', async () => {
    const url = web.server.url;
    const { context, page } = await openAs(web, 'mediateur');
    const { inCourt, elsewhere, noDeadline } = await makeCases();

    await page.goto(`${url}/bureau`);
    await page.getByRole('heading', { level: 1, name: 'Bureau' }).waitFor();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    expect(await page.getByRole('button', { name: 'Revenir au début' }).count()).toBe(0);
    // The case without a running deadline is listed apart, not in the paged queue.
    const apart = region(page, 'Affaires sans délai en cours');
    await apart.getByRole('link').first().waitFor();
    const apartIds = await apart
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(apartIds).toEqual([`/affaires/${noDeadline}`]);
    // Grouped by state, as the whole queue was before paging.
    await apart.getByRole('heading', { level: 3, name: 'Médiation ouverte (1)' }).waitFor();
    await expectNoAxeViolation(page, 'le bureau, première page de la file');

    await page.getByRole('button', { name: 'Affaires suivantes' }).click();
    await status(page, 'Affaires 51 à 55, fin de la file.');
    expect(await shownIds(page)).toEqual(inCourt.slice(50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-echeances-titre');
    expect(await page.getByRole('button', { name: 'Affaires suivantes' }).count()).toBe(0);
    await expectNoAxeViolation(page, 'le bureau, deuxième page de la file');
    await page.screenshot({ path: join(capturesDir(), 'bureau-pages.png'), fullPage: true });

    await page.getByRole('button', { name: 'Revenir au début' }).click();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-echeances-titre');

    // « Affaires précédentes » from the second page gives the first again.
    await page.getByRole('button', { name: 'Affaires suivantes' }).click();
    await status(page, 'Affaires 51 à 55, fin de la file.');
    await page.getByRole('button', { name: 'Affaires précédentes' }).click();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));

    // The filter by deadline keeps the same queue (every case here runs « Délai de réponse »).
    await page.getByLabel('File').selectOption({ label: 'Délai de réponse' });
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    for (const id of elsewhere) expect(await page.locator(`a[href="/affaires/${id}"]`).count()).toBe(0);
    await context.close();

    // The other court's mediator sees their three cases only.
    const other = await openAs(web, 'mediateur_autre');
    await other.page.goto(`${url}/bureau`);
    await status(other.page, 'Affaires 1 à 3, fin de la file.');
    expect(await shownIds(other.page)).toEqual(elsewhere);
    await other.context.close();

    // A phone: nothing wider than the screen, the buttons reachable.
    const phone = await openAs(web, 'mediateur', 375);
    await phone.page.goto(`${url}/bureau`);
    await status(phone.page, 'Affaires 1 à 50.');
    await phone.page.getByRole('button', { name: 'Affaires suivantes' }).click();
    await status(phone.page, 'Affaires 51 à 55, fin de la file.');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolation(phone.page, 'le bureau, deuxième page (375 px)');
    await phone.page.screenshot({ path: join(capturesDir(), 'bureau-pages-375.png'), fullPage: true });
    await phone.context.close();
  }, 180_000);
});
