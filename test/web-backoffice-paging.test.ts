/**
 * The back office's paged queue (issue 17), in Chromium: 55 mediation cases
 * with a running deadline in the sample court (made in-process on the
 * server's SQLite file, a day apart, so that their due dates follow their
 * order of making) and three in another court, due before them all. The
 * mediator's /bureau shows the first 50, soonest due first, « Affaires
 * suivantes » the last 5, « Revenir au début » the first 50 again; the
 * status says which cases are shown, focus goes to the list's heading, no
 * case of the other court appears. The 53 cases without a running deadline
 * (one made each day beside them, least recently active first) are paged
 * apart the same way, without the other court's nor a closed case;
 * axe-core finds nothing, and at 375 px nothing is wider than the screen.
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

/**
 * Cases made on the server's database file: `inCourt` with a running deadline in order of due date,
 * `elsewhere`, `noDeadline` (in order of making), `otherIdle` (another court's, and one closed: not listed).
 */
async function makeCases(): Promise<{
  inCourt: string[];
  elsewhere: string[];
  noDeadline: string[];
  notIdle: string[];
}> {
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
    const noDeadline: string[] = [];
    const open = (actor: Caller) =>
      openCaseFor(rt, actor, { procedure: 'mediation', court: actor.court ?? SAMPLE_COURT });
    // The other court's case without a deadline and a closed one of ours come first: were they not left out,
    // they would head the first page.
    const notIdle = [await open(THERE), await open(HERE)];
    await fireEvent(
      rt,
      HERE,
      notIdle[1] as string,
      { event: 'constater_echec', data: {}, expectedVersion: 0 },
      randomUUID(),
    );
    for (let i = 0; i < 55; i++) {
      clock.advance('P1D');
      inCourt.push(await invited(HERE));
      if (i < 53) noDeadline.push(await open(HERE));
    }
    return { inCourt, elsewhere, noDeadline, notIdle };
  } finally {
    await store.close();
  }
}

const region = (page: Page, name: string) => page.getByRole('region', { name });
const PAGED = 'Affaires avec un délai en cours';
const IDLE = 'Affaires sans délai en cours';

/** The case ids a paged list shows, in order. */
async function shownIds(page: Page, list = PAGED): Promise<string[]> {
  const hrefs = await region(page, list)
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^\/affaires\//, ''));
}

const status = (page: Page, text: string, list = PAGED) =>
  region(page, list).getByRole('status').filter({ hasText: text }).waitFor();
const button = (page: Page, name: string, list = PAGED) => region(page, list).getByRole('button', { name });

describe('the paged back-office queue', () => {
  it('pages through the court’s cases 50 at a time, soonest due first, and back to the start', async () => {
    const url = web.server.url;
    const { context, page } = await openAs(web, 'mediateur');
    const { inCourt, elsewhere, noDeadline, notIdle } = await makeCases();

    await page.goto(`${url}/bureau`);
    await page.getByRole('heading', { level: 1, name: 'Bureau' }).waitFor();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    expect(await button(page, 'Revenir au début').count()).toBe(0);
    // The cases without a running deadline are paged apart, least recently active first.
    await status(page, 'Affaires 1 à 50.', IDLE);
    expect(await shownIds(page, IDLE)).toEqual(noDeadline.slice(0, 50));
    await expectNoAxeViolation(page, 'le bureau, première page de la file');

    await button(page, 'Affaires suivantes').click();
    await status(page, 'Affaires 51 à 55, fin de la file.');
    expect(await shownIds(page)).toEqual(inCourt.slice(50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-echeances-titre');
    expect(await button(page, 'Affaires suivantes').count()).toBe(0);
    await expectNoAxeViolation(page, 'le bureau, deuxième page de la file');
    await page.screenshot({ path: join(capturesDir(), 'bureau-pages.png'), fullPage: true });

    await button(page, 'Revenir au début').click();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-echeances-titre');

    // « Affaires précédentes » from the second page gives the first again.
    await button(page, 'Affaires suivantes').click();
    await status(page, 'Affaires 51 à 55, fin de la file.');
    await button(page, 'Affaires précédentes').click();
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));

    // The list without deadline pages on its own, its focus to its own heading; the other list stays.
    await button(page, 'Affaires suivantes', IDLE).click();
    await status(page, 'Affaires 51 à 53, fin de la file.', IDLE);
    expect(await shownIds(page, IDLE)).toEqual(noDeadline.slice(50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-sans-delai-titre');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    await expectNoAxeViolation(page, 'le bureau, deuxième page des affaires sans délai');
    await button(page, 'Revenir au début', IDLE).click();
    await status(page, 'Affaires 1 à 50.', IDLE);
    expect(await shownIds(page, IDLE)).toEqual(noDeadline.slice(0, 50));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-sans-delai-titre');
    for (const id of notIdle) expect(await page.locator(`a[href="/affaires/${id}"]`).count()).toBe(0);

    // The filter by deadline keeps the same queue (every case here runs « Délai de réponse »), and empties
    // the list without deadline.
    await page.getByLabel('File').selectOption({ label: 'Délai de réponse' });
    await status(page, 'Affaires 1 à 50.');
    expect(await shownIds(page)).toEqual(inCourt.slice(0, 50));
    await status(
      page,
      'Aucune affaire sans délai en cours n’attend d’action de votre part dans cette file.',
      IDLE,
    );
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
    await button(phone.page, 'Affaires suivantes').click();
    await status(phone.page, 'Affaires 51 à 55, fin de la file.');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectNoAxeViolation(phone.page, 'le bureau, deuxième page (375 px)');
    await phone.page.screenshot({ path: join(capturesDir(), 'bureau-pages-375.png'), fullPage: true });
    await phone.context.close();
  }, 180_000);
});
