/**
 * /api/auth…: logging in without --dev. An e-mail one-time code (the
 * embedded default): ask for a code, then present it; the answer never says
 * whether an account exists. Rate-limited per address e-mailed and per client.
 */
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { GreffeError } from '../errors.ts';
import { accountForLogin, accountForOidc, userByEmail } from '../identity/accounts.ts';
import type { Mailer } from '../connectors/mail/mailer.ts';
import {
  CODE_TTL_MS,
  checkLoginCode,
  codeSecret,
  issueLoginCode,
  normalizeEmail,
} from '../identity/login-codes.ts';
import type { OidcLogins } from '../identity/oidc.ts';
import { isDisabled } from '../identity/sessions.ts';
import type { Runtime } from '../service/context.ts';
import type { Auth, Env } from './auth.ts';
import { jsonBody } from './errors.ts';
import { API_HEADERS, sendJson } from './json.ts';

const EMAIL = /^[^\s@<>()",;:]{1,64}@[^\s@<>()",;:]{1,189}\.[^\s@<>()",;:]{2,63}$/;

function emailOf(body: Record<string, unknown>): string {
  const email = typeof body.email === 'string' ? normalizeEmail(body.email) : '';
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new GreffeError(400, 'INVALID_EMAIL', 'Indiquez une adresse électronique valide.', {
      field: 'email',
    });
  }
  return email;
}

const OIDC_COOKIE = 'greffe_oidc';

export function identityRoutes(rt: Runtime, auth: Auth, mailer: Mailer, oidc: OidcLogins): Hono<Env> {
  const app = new Hono<Env>();
  const secret = codeSecret(rt.store);

  app.get('/methods', (c) => sendJson(c, { email: true, dev: rt.dev, oidc: oidc.list() }));

  // OpenID Connect: to the provider, and back (identity/oidc.ts). The state is bound to this browser by a cookie.
  const callbackOf = (c: Context, id: string) =>
    new URL(`/api/auth/oidc/${encodeURIComponent(id)}/callback`, c.req.url);
  app.get('/oidc/:provider/login', async (c) => {
    auth.limits.login.hit(auth.limits.clientIp(c));
    const id = c.req.param('provider');
    const { url, state } = await oidc.start(id, callbackOf(c, id).toString());
    setCookie(c, OIDC_COOKIE, state, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth/oidc',
      maxAge: 600,
    });
    return c.redirect(url.toString(), 302);
  });
  app.get('/oidc/:provider/callback', async (c) => {
    const id = c.req.param('provider');
    const provider = oidc.provider(id);
    const current = callbackOf(c, id);
    current.search = new URL(c.req.url).search;
    const who = await oidc.finish(id, current, getCookie(c, OIDC_COOKIE));
    deleteCookie(c, OIDC_COOKIE, { path: '/api/auth/oidc' });
    const user = await accountForOidc(rt.store, provider, who);
    if (!user || (await isDisabled(rt.store, user.id))) {
      throw new GreffeError(
        403,
        'NO_STAFF_ACCOUNT',
        'Aucun compte d’agent actif n’existe pour cette identité.',
      );
    }
    await auth.login(c, { userId: user.id, method: `oidc:${id}`, idTokenHint: who.idToken });
    return c.redirect(JSON.parse(user.roles).length > 0 ? '/bureau' : '/affaires', 302);
  });

  app.post('/code', async (c) => {
    const email = emailOf(await jsonBody(c));
    auth.limits.codeRequest.ip.hit(auth.limits.clientIp(c));
    auth.limits.codeRequest.email.hit(email);
    const known = await userByEmail(rt.store, email);
    if (!known || !(await isDisabled(rt.store, known.id))) {
      const code = await issueLoginCode(rt.store, secret, email);
      await mailer.send({
        // Each request is a new code, so a new message.
        idempotencyKey: `code-connexion-${randomUUID()}`,
        to: email,
        subject: `Votre code de connexion : ${code}`,
        text:
          `Bonjour,\n\nVotre code de connexion à la plateforme du greffe est : ${code}\n\n` +
          `Il est valable ${CODE_TTL_MS / 60_000} minutes et ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : ` +
          'personne ne peut se connecter sans ce code.\n',
      });
    }
    return sendJson(
      c,
      { sent: true, message: 'Si l’adresse est valide, un code vient d’y être envoyé.' },
      202,
    );
  });

  app.post('/code/verify', async (c) => {
    const body = await jsonBody(c);
    const email = emailOf(body);
    auth.limits.codeVerify.ip.hit(auth.limits.clientIp(c));
    auth.limits.codeVerify.email.hit(email);
    const code = typeof body.code === 'string' ? body.code.slice(0, 20) : '';
    const known = await userByEmail(rt.store, email);
    const refused =
      (known && (await isDisabled(rt.store, known.id))) ||
      !(await checkLoginCode(rt.store, secret, email, code));
    if (refused) {
      throw new GreffeError(
        400,
        'INVALID_CODE',
        'Ce code est inexact, a expiré ou a déjà servi. Demandez-en un nouveau.',
      );
    }
    const user = await accountForLogin(rt.store, email);
    const token = await auth.login(c, { userId: user.id, method: 'courriel' });
    const roles = JSON.parse(user.roles) as string[];
    return c.json(
      { user: { id: user.id, name: user.name, roles, ...(user.court && { court: user.court }) }, token },
      200,
      API_HEADERS,
    ); // sets a cookie: hono's path
  });
  return app;
}
