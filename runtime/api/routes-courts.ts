/** GET /api/tribunaux?code_postal=…[&commune=…]: the tribunal judiciaire of a postcode (runtime/courts). */
import { Hono } from 'hono';
import { courtFinder } from '../courts/finder.ts';
import type { Env } from './auth.ts';
import { sendJson } from './json.ts';

export function courtRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', (c) => {
    const commune = c.req.query('commune');
    return sendJson(c, courtFinder().find(c.req.query('code_postal') ?? '', commune || undefined));
  });
  return app;
}
