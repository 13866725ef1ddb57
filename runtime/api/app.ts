/** The HTTP application (hono): the API under /api, the web app's static files elsewhere. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { Runtime } from '../service/context.ts';
import { computeStats } from '../service/stats.ts';
import { deleteSession } from '../store/users.ts';
import { authenticate, callerOf, type Env, SESSION_COOKIE, SessionCache } from './auth.ts';
import { docsPage } from './docs-page.ts';
import { API_HEADERS, ConstantJson, JsonText, sendJson } from './json.ts';
import { notFound, onError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { caseRoutes } from './routes-cases.ts';
import { type DevHooks, devRoutes } from './routes-dev.ts';
import { procedureRoutes } from './routes-procedures.ts';
import { mountWeb } from './web-static.ts';

export interface AppOptions {
  /** Present in development mode only: enables /api/dev. */
  readonly dev?: DevHooks;
  /** Folder of the built web app (index.html + assets), served with SPA fallback. */
  readonly webDir?: string;
  readonly serverVersion?: string;
}

export function createApp(rt: Runtime, options: AppOptions = {}): Hono<Env> {
  const app = new Hono<Env>();
  app.onError(onError);
  // Every API answer carries API_HEADERS (json.ts), set with the answer itself: a c.header() here
  // made hono build a web Headers object for every answer.
  const sessions = new SessionCache();
  app.use('/api/*', authenticate(rt, sessions));

  app.get('/api/health', (c) => sendJson(c, { ok: true }));
  app.get('/api/me', (c) => {
    const { id, name, roles, court } = callerOf(c);
    return sendJson(c, { id, name, roles, ...(court && { court }) });
  });
  app.post('/api/logout', (c) => {
    const token = c.get('token');
    if (token) {
      sessions.forget(token);
      deleteSession(rt.store.db, token);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200, API_HEADERS); // deletes a cookie: hono's path
  });
  app.route('/api/procedures', procedureRoutes(rt));
  app.route('/api/cases', caseRoutes(rt));
  app.get('/api/stats', (c) => {
    callerOf(c);
    return sendJson(c, computeStats(rt, c.req.query('procedure'), c.req.query('version')));
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
  app.get('/api/docs', (c) => sendJson(c, docsHtml, 200, {}, 'text/html; charset=UTF-8'));

  if (options.dev) app.route('/api/dev', devRoutes(rt, options.dev));
  app.all('/api/*', notFound);

  const web = options.webDir;
  if (web && existsSync(join(web, 'index.html'))) {
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
  app.notFound(notFound);
  return app;
}
