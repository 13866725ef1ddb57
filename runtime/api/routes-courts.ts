/**
 * GET /api/tribunaux?code_postal=…[&commune=…]: the tribunal judiciaire of a postcode (runtime/courts);
 * GET /api/tribunaux/voie-papier: how to file with it on paper (runtime/courts/voie-papier.yaml).
 */
import { Hono } from 'hono';
import { courtFinder } from '../courts/finder.ts';
import { paperRoute } from '../courts/paper-route.ts';
import type { Env } from './auth.ts';
import { sendJson } from './json.ts';

export function courtRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', (c) => {
    const commune = c.req.query('commune');
    return sendJson(c, courtFinder().find(c.req.query('code_postal') ?? '', commune || undefined));
  });
  app.get('/voie-papier', (c) => sendJson(c, paperRoute()));
  return app;
}
