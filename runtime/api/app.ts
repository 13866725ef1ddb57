/** The HTTP application (hono): the API under /api, the web app's static files elsewhere. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { PatternRouter } from 'hono/router/pattern-router';
import { connectorConfigFromEnv } from '../connectors/config.ts';
import { type Mailer, mailerFromConfig } from '../connectors/mail/mailer.ts';
import { loadOidcProviders, OidcLogins, type OidcProviderConfig } from '../identity/oidc.ts';
import type { Runtime } from '../service/context.ts';
import { computeStats } from '../service/stats.ts';
import { GreffeError } from '../errors.ts';
import { exportedCheckpoint } from '../transparency/export.ts';
import { Auth, type Env, SESSION_COOKIE } from './auth.ts';
import { docsPage } from './docs-page.ts';
import { API_HEADERS, ConstantJson, JsonText, sendJson } from './json.ts';
import { notFound, onError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { cspWithInlineStyles } from './security-headers.ts';
import { caseRoutes } from './routes-cases.ts';
import { signatureRoutes } from './routes-signature.ts';
import type { SmsSender } from '../connectors/sms/ovh-client.ts';
import { noticeRoutes } from './routes-notices.ts';
import { type CalendarOptions, calendarRoutes } from './routes-calendar.ts';
import { type DevHooks, devRoutes } from './routes-dev.ts';
import { identityRoutes } from './routes-identity.ts';
import { courtRoutes } from './routes-courts.ts';
import { procedureRoutes } from './routes-procedures.ts';
import { type WebhookOptions, webhookRoutes } from './routes-webhooks.ts';
import { type ConnectorRoutesOptions, outboxRoutes, videoRoutes } from './routes-connectors.ts';
import { mountWeb } from './web-static.ts';
import { mountCourtFinderPage } from './court-finder-page.ts';
import { mountEligibilityPage } from './eligibility-page.ts';
import { mountCasePages } from './page-data.ts';

export interface AppOptions {
  /** Present in development mode only: enables /api/dev. */
  readonly dev?: DevHooks;
  /** Folder of the built web app (index.html + assets), served with SPA fallback. */
  readonly webDir?: string;
  readonly serverVersion?: string;
  /** Served behind an HTTPS reverse proxy (`--trust-proxy`): Secure cookies, HSTS, X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** Where login codes are mailed (default: GREFFE_SMTP_URL, else .eml files in the data folder's courriels/). */
  readonly mailer?: Mailer;
  /** Where signature codes go by SMS (the SMS connector's sender); absent → codes by e-mail only. */
  readonly smsSender?: SmsSender;
  /** OpenID providers (default: the GREFFE_OIDC_FILE list, identity/oidc.ts). */
  readonly oidc?: readonly OidcProviderConfig[];
  /** Signed webhooks of the commissaire de justice and the bank (routes-webhooks.ts); absent → not served. */
  readonly webhooks?: WebhookOptions;
  /** Dead letters and « Réessayer », video room links (routes-connectors.ts); absent → not served. */
  readonly connectors?: ConnectorRoutesOptions;
  /** Secret-address ICS feeds of deadlines and hearings (routes-calendar.ts); absent → not served. */
  readonly calendar?: CalendarOptions;
}

/** What the HTTP server calls: hono's `fetch` signature. */
export interface GreffeApp {
  readonly fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
}

/** Whether a request URL's path is /api or under it. */
export function isApiUrl(url: string): boolean {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  if (path < 0 || !url.startsWith('/api', path)) return false;
  const after = url.charCodeAt(path + 4);
  return Number.isNaN(after) || after === 47 /* / */ || after === 63 /* ? */;
}

/**
 * Two applications behind one prefix test: the API, where every route is a
 * single handler (no middleware, no catch-all route, unknown paths answered
 * by `notFound`) so hono answers it synchronously, and the web app's files
 * with their SPA fallback. In one application, the web app's `/*` routes and
 * an `/api/*` catch-all matched every API request too, which made each one go
 * through hono's middleware chain (a promise per handler).
 */
export function createApp(rt: Runtime, options: AppOptions = {}): GreffeApp {
  const api = createApi(rt, options);
  const web = createWeb(rt, options.webDir, (request, env) => api.fetch(request, env));
  return { fetch: (request, env) => (isApiUrl(request.url) ? api : web).fetch(request, env) };
}

/**
 * The API. Its router is hono's PatternRouter: the RegExpRouter refuses this
 * route set (`POST /cases/join` beside `POST /cases/:id/events`), and the
 * TrieRouter it fell back to allocated on every match (~5 % of a cached case
 * view's CPU under load; PatternRouter: 102 -> 92 µs per view).
 */
export function createApi(rt: Runtime, options: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>({ router: new PatternRouter() });
  app.onError(onError);
  app.notFound(notFound);
  // Every API answer carries API_HEADERS (json.ts), set with the answer itself: a c.header() here
  // made hono build a web Headers object for every answer.
  const auth = new Auth(rt, options.trustProxy === true);

  app.get('/api/health', (c) => sendJson(c, { ok: true }));
  app.get('/api/me', async (c) => {
    const { id, name, roles, court } = await auth.callerOf(c);
    return sendJson(c, { id, name, roles, ...(court && { court }) });
  });
  app.post('/api/logout', async (c) => {
    const ended = await auth.logout(c);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    // Logged in through an OpenID provider: the browser is sent to end that session too (id_token_hint).
    const provider = ended?.method.startsWith('oidc:') ? ended.method.slice(5) : undefined;
    const logoutUrl =
      provider && ended?.idTokenHint
        ? await oidc.logoutUrl(provider, ended.idTokenHint, new URL('/connexion', c.req.url).toString())
        : undefined;
    return c.json({ ok: true, ...(logoutUrl && { logoutUrl }) }, 200, API_HEADERS); // deletes a cookie: hono's path
  });
  const oidc = new OidcLogins(options.oidc ?? loadOidcProviders());
  const mailer =
    options.mailer ?? mailerFromConfig(connectorConfigFromEnv(process.env, rt.store.dataDir).mail);
  app.route('/api/auth', identityRoutes(rt, auth, mailer, oidc));
  app.route('/api/procedures', procedureRoutes(rt));
  app.route('/api/tribunaux', courtRoutes());
  app.route('/api/cases', caseRoutes(rt, auth));
  app.route(
    '/api/cases',
    signatureRoutes(rt, auth, { mailer, ...(options.smsSender && { sms: options.smsSender }) }),
  );
  app.route('/api/notices', noticeRoutes(rt, auth));
  app.get('/api/stats', async (c) => {
    await auth.callerOf(c);
    return sendJson(c, await computeStats(rt, c.req.query('procedure'), c.req.query('version')));
  });

  app.get('/api/transparence/checkpoints', async (c) => {
    const t = rt.transparency;
    if (!t) throw new GreffeError(404, 'NOT_FOUND', 'Ce serveur ne publie pas de points de contrôle.');
    const raw = c.req.query('limit');
    const limit = raw === undefined ? 20 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new GreffeError(
        400,
        'INVALID_REQUEST',
        'Le paramètre « limit » doit être un entier de 1 à 100.',
        {
          field: 'limit',
        },
      );
    }
    const rows = await rt.store.latestCheckpoints(limit);
    return sendJson(c, { ...t, checkpoints: rows.map(exportedCheckpoint) });
  });

  const openapi = openApiDocument(rt.catalog.procedures, options.serverVersion ?? '0.1.0');
  const docs = docsPage(openapi, rt.catalog.procedures);
  const openapiJson = new ConstantJson();
  app.get('/api/openapi.json', (c) =>
    sendJson(
      c,
      openapiJson.get('', () => openapi),
    ),
  );
  const docsHtml = new JsonText(docs);
  // Its one inline stylesheet allowed by hash, nothing else inline (security-headers.ts).
  const docsHeaders = { 'content-security-policy': cspWithInlineStyles(docs) };
  app.get('/api/docs', (c) => sendJson(c, docsHtml, 200, docsHeaders, 'text/html; charset=UTF-8'));

  if (options.dev) app.route('/api/dev', devRoutes(rt, options.dev, auth));
  if (options.webhooks) app.route('/api/webhooks', webhookRoutes(options.webhooks));
  if (options.calendar) app.route('/api/calendar', calendarRoutes(rt, auth, options.calendar));
  if (options.connectors) {
    app.route('/api/outbox', outboxRoutes(rt, auth, options.connectors));
    app.route('/api/visio', videoRoutes(rt, auth, options.connectors));
  }
  return app;
}

function createWeb(
  rt: Runtime,
  web: string | undefined,
  api: (request: Request, env?: unknown) => Response | Promise<Response>,
): Hono {
  const app = new Hono();
  app.onError(onError); // logged, and a French message, as on the API
  app.notFound(notFound);
  if (web && existsSync(join(web, 'index.html'))) {
    // Before the SPA fallback: the questionnaire works without JavaScript (progressive enhancement).
    const shell = readFileSync(join(web, 'index.html'), 'utf8');
    mountEligibilityPage(app, rt, () => shell);
    mountCourtFinderPage(app, () => shell);
    mountCasePages(app, () => shell, api);
    mountWeb(app, web);
  } else {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>greffe</title><body>' +
          '<h1>greffe</h1><p>L’application web n’est pas construite (<code>npm run build:web</code>). ' +
          'L’API est servie : <a href="/api/docs">référence de l’API</a>.</p></body></html>',
      ),
    );
  }
  return app;
}
