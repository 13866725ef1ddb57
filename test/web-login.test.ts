/**
 * Issue 14 acceptance, in Chromium: on a server started as `npm start` would
 * (no --dev), a citizen logs in on /connexion with the code read from the
 * .eml file the server wrote, and files a claim; a judge created with
 * `greffe users add` logs in the same way and finds it in his queue. The
 * pages stay free of axe-core violations.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ANNEX, filing } from './helpers/annex.ts';
import { mailedCode } from './helpers/mail.ts';
import { buildWebTo, type Greffe, launchChromium, startGreffe } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

const ROOT = resolve(import.meta.dirname, '..');
let server: Greffe;
let browser: Browser;
beforeAll(async () => {
  const { dir } = await buildWebTo();
  server = await startGreffe({ webDir: dir, spec: ANNEX, dev: false });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The 6-digit code of the newest .eml written for `email` in the server's mail folder. */
const codeFromMail = (email: string): string => mailedCode(join(server.dir, 'courriels'), email);

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/connexion`);
  await page.getByLabel(/^Adresse électronique/).fill(email);
  await page.getByRole('button', { name: 'Recevoir un code' }).click();
  await page
    .getByRole('status')
    .getByText(/un code de 6 chiffres/)
    .waitFor();
  await expectNoAxeViolation(page, 'la connexion par code');
  await page.getByLabel(/^Code reçu par courriel/).fill(codeFromMail(email));
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

/** A same-origin API call from the page (the browser's own Origin and Sec-Fetch-Site headers). */
const call = (
  page: Page,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  page.evaluate(
    async ([m, p, b, h]) => {
      const r = await fetch(p as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', ...(h as Record<string, string>) },
        body: JSON.stringify(b),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
    [method, path, body, headers] as const,
  );

describe('logging in without --dev', () => {
  it('lets a citizen in with the e-mailed code to file a claim, and a judge made by `greffe users add` find it', async () => {
    expect(server.output()).toMatch(/courriels sont écrits dans .*courriels/);
    const citizen = await browser.newContext();
    const page = await citizen.newPage();
    await logIn(page, 'claire.martin@example.fr');
    const opened = await call(page, 'POST', '/api/cases', { procedure: 'petits-litiges' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    const filed = await call(
      page,
      'POST',
      `/api/cases/${id}/events`,
      { event: 'deposer_demande', data: filing(), expectedVersion: opened.body.caseVersion },
      { 'idempotency-key': `depot-${id}` },
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    await page.goto(`${server.url}/affaires/${id}`);
    // The docket number comes with the filing (issue 15).
    expect(opened.body.reference).toBeNull();
    const reference = String((await call(page, 'GET', `/api/cases/${id}`, undefined)).body.reference);
    expect(reference).toMatch(/^RG \d{2}\/\d{5}$/);
    await page.getByText(reference).first().waitFor();
    await citizen.close();

    const added = await new Promise<string>((done, fail) =>
      execFile(
        join(ROOT, 'node_modules/.bin/tsx'),
        ['cli/main.ts', 'users', 'add', '--email', 'juge@tj-exemple.example', '--role', 'juge'].concat([
          '--court',
          'tj-exemple',
          '--name',
          'Jeanne Juge',
          '--db',
          join(server.dir, 'greffe.db'),
        ]),
        { cwd: ROOT, encoding: 'utf8' },
        (err, stdout, stderr) => (err ? fail(new Error(stderr)) : done(stdout)),
      ),
    );
    expect(added).toMatch(/peut se connecter/);
    const judge = await browser.newContext();
    const bench = await judge.newPage();
    await logIn(bench, 'juge@tj-exemple.example');
    await bench.goto(`${server.url}/bureau`);
    await bench.getByRole('link', { name: reference }).first().waitFor();
    await expectNoAxeViolation(bench, 'le bureau du juge connecté par code');
    await judge.close();
  }, 180_000);
});
