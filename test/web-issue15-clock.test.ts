/**
 * The development clock survives a restart, as a person sees it (issue 15,
 * point 13: "a deadline jumped from 32 to 40 days left"): a case page read,
 * the clock moved on, the server stopped and started again on the same
 * database — the page shows the same deadlines with the same days left and
 * the same due dates. (runtime/dev/persisted-clock.test.ts checks the API.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filing } from './helpers/annex.ts';
import { Api } from './helpers/api.ts';
import { buildWebTo, devLogin, type Greffe, launchChromium, startGreffe } from './web-helpers.ts';
import { expectNoAxeViolation, pageTitle } from './web-pages.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'greffe-horloge-web-'));
let webDir = '';
let browser: Browser | undefined;
const servers: Greffe[] = [];

beforeAll(async () => {
  webDir = (await buildWebTo()).dir;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

async function start(): Promise<Greffe> {
  const s = await startGreffe({ webDir, dataDir });
  servers.push(s);
  return s;
}

async function as(url: string, user: string): Promise<Api> {
  const api = new Api(url);
  await api.login(user);
  return api;
}

/** The running deadlines as the claimant's case page shows them: "label | days left | due date". */
async function deadlinesOnPage(url: string, caseId: string): Promise<string[]> {
  if (!browser) throw new Error('Chromium n’est pas démarré');
  const context = await browser.newContext({ locale: 'fr-FR' });
  await devLogin(context, url, 'demandeur');
  const page = await context.newPage();
  await page.goto(`${url}/affaires/${caseId}`);
  await pageTitle(page);
  const items = page.locator('.greffe-deadline');
  await items.first().waitFor();
  const shown = await items.evaluateAll((lis) =>
    lis.map((li) =>
      [
        li.querySelector('.greffe-deadline__title strong')?.textContent,
        li.querySelector('.fr-badge')?.textContent,
        li.querySelector('p.fr-mb-1v strong')?.textContent,
      ].join(' | '),
    ),
  );
  await expectNoAxeViolation(page, 'l’affaire et ses délais');
  await context.close();
  return shown;
}

describe('the dev clock in the browser', () => {
  it('shows the same days left after the server restarts on the same database', async () => {
    const first = await start();
    const claimant = await as(first.url, 'demandeur');
    const opened = await claimant.open('petits-litiges', { version: '1.0.0' });
    await claimant.ok(opened.id, 'deposer_demande', filing());
    await (await as(first.url, 'greffe')).ok(opened.id, 'convoquer_defendeur');
    // Moved on, as a developer does to see a deadline run: days left drop.
    const fresh = await deadlinesOnPage(first.url, opened.id);
    const moved = await claimant.post<{ now: string }>('/api/dev/clock', { advance: 'P8D' });
    expect(moved.status).toBe(200);
    const before = await deadlinesOnPage(first.url, opened.id);
    expect(before.length).toBeGreaterThan(0);
    // The move shows: the same deadlines, fewer days left (else the comparison below proves nothing).
    expect(before).not.toEqual(fresh);
    await first.close();

    const second = await start();
    const again = await as(second.url, 'demandeur');
    expect((await again.get<{ now: string }>('/api/dev/clock')).body.now).toBe(moved.body.now);
    expect(await deadlinesOnPage(second.url, opened.id)).toEqual(before);
  }, 180_000);
});
