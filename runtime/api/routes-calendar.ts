/**
 * Calendar feeds (issue 16): a person's deadlines and hearings as an
 * iCalendar feed at a secret address (connectors/calendar/feed-tokens.ts).
 * - GET /api/calendar/feed — whether the caller has an address, and since when;
 * - POST /api/calendar/feed — a new address, shown this once (only its hash is
 *   kept); the previous one stops working;
 * - DELETE /api/calendar/feed — revokes the address;
 * - GET /api/calendar/:token.ics — the feed. An unknown or revoked address, or
 *   a disabled account's, is answered 404 like any unknown address.
 */
import { Hono } from 'hono';
import type { FeedTokens } from '../connectors/calendar/feed-tokens.ts';
import { calendarFeed } from '../connectors/calendar/ics.ts';
import { userCalendar } from '../connectors/calendar/user-calendar.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import type { Auth, Env } from './auth.ts';
import { sendJson } from './json.ts';

export interface CalendarOptions {
  readonly tokens: FeedTokens;
  /** The platform's public address (links in the feed, the feed's address); default: the request's origin. */
  readonly publicUrl?: () => string | undefined;
}

export function calendarRoutes(rt: Runtime, auth: Auth, o: CalendarOptions): Hono<Env> {
  const app = new Hono<Env>();
  const base = (requestUrl: string) => (o.publicUrl?.() ?? new URL(requestUrl).origin).replace(/\/$/, '');
  app.get('/feed', async (c) => {
    const caller = await auth.callerOf(c);
    const at = await o.tokens.issuedAt(caller.id);
    return sendJson(c, { active: at !== undefined, ...(at && { createdAt: at.toISOString() }) });
  });
  app.post('/feed', async (c) => {
    const caller = await auth.callerOf(c);
    const at = new Date();
    const token = await o.tokens.issue(caller.id, at);
    return sendJson(c, {
      active: true,
      createdAt: at.toISOString(),
      url: `${base(c.req.url)}/api/calendar/${token}.ics`,
    });
  });
  app.delete('/feed', async (c) => {
    const caller = await auth.callerOf(c);
    return sendJson(c, { active: false, revoked: await o.tokens.revoke(caller.id) });
  });
  app.get('/:file', async (c) => {
    const m = /^(.+)\.ics$/.exec(c.req.param('file'));
    const user = m ? await o.tokens.userOf(m[1] as string) : undefined;
    if (!user || (await rt.store.isDisabled(user)))
      throw new GreffeError(404, 'NOT_FOUND', 'Adresse inconnue.');
    const origin = base(c.req.url);
    const entries = await userCalendar(rt, user, (id) => `${origin}/affaires/${encodeURIComponent(id)}`);
    const body = calendarFeed('Mes délais et audiences', entries, rt.clock.now());
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
  });
  return app;
}
