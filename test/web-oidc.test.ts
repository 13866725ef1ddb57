/**
 * Issue 14 acceptance, in Chromium: the whole OpenID Connect dance against a
 * FranceConnect-shaped provider on the loopback (oidc-provider): the button on
 * /connexion, the provider's page, the code exchange with PKCE, state and
 * nonce, the signed ID token (acr eidas1) and JWT userinfo with the pivot
 * identity, the session, then logout ending the provider's session too with
 * id_token_hint and coming back to /connexion.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANNEX } from './helpers/annex.ts';
import { PERSONA, type StandIn, startStandIn } from './helpers/oidc-standin.ts';
import { buildWebTo, type Greffe, launchChromium, startGreffe } from './web-helpers.ts';
import { expectNoAxeViolation } from './web-pages.ts';

let op: StandIn;
let server: Greffe;
let browser: Browser;
beforeAll(async () => {
  op = await startStandIn();
  const config = join(mkdtempSync(join(tmpdir(), 'greffe-oidc-')), 'oidc.json');
  writeFileSync(
    config,
    JSON.stringify([
      {
        id: 'franceconnect',
        label: 'FranceConnect',
        audience: 'citoyen',
        issuer: op.issuer,
        clientId: op.clientId,
        clientSecret: op.clientSecret,
        scope: 'openid identite_pivot email',
        acr: 'eidas1',
        idTokenSignedResponseAlg: 'ES256',
        userinfoSignedResponseAlg: 'ES256',
        allowInsecureLoopback: true,
      },
    ]),
  );
  const { dir } = await buildWebTo();
  process.env.GREFFE_OIDC_FILE = config; // read by the server process started next
  server = await startGreffe({ webDir: dir, spec: ANNEX, dev: false });
  delete process.env.GREFFE_OIDC_FILE;
  op.configure({
    redirectUri: `${server.url}/api/auth/oidc/franceconnect/callback`,
    postLogoutRedirectUri: `${server.url}/connexion`,
  });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await op?.close();
});

describe('OpenID Connect (FranceConnect-shaped)', () => {
  it('logs a citizen in through the provider and out of both', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/connexion`);
    const button = page.getByRole('link', { name: 'Se connecter avec FranceConnect' });
    await button.waitFor();
    await expectNoAxeViolation(page, 'la connexion avec FranceConnect');
    await button.click();
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.getByRole('button', { name: /Continuer en tant qu’Angela DUBOIS/ }).click();
    await page.waitForURL(`${server.url}/affaires`);
    const me = await page.evaluate(async () => (await fetch('/api/me')).json());
    expect(me).toMatchObject({ name: `${PERSONA.given_name} ${PERSONA.family_name}`, roles: [] });

    await page.getByRole('button', { name: /Se déconnecter/ }).click();
    await page.waitForURL((u) => u.href.startsWith(op.issuer));
    await page.getByRole('button', { name: /yes|oui/i }).click();
    await page.waitForURL((u) => u.href.startsWith(`${server.url}/connexion`));
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await context.close();
  }, 120_000);

  it('refuses a callback whose state this browser did not start', async () => {
    const r = await fetch(`${server.url}/api/auth/oidc/franceconnect/callback?code=x&state=forged`);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('OIDC_STATE');
  });
});
