/**
 * GET /api/calendar/:token.ics — a user's deadlines and hearings as an
 * iCalendar feed, at a secret address (connectors/calendar/feed-tokens.ts).
 * An unknown or revoked address is answered 404, like any unknown address.
 */
import { Hono } from 'hono';
import type { CalendarEntry } from '../connectors/calendar/ics.ts';
import { calendarFeed } from '../connectors/calendar/ics.ts';
import type { FeedTokens } from '../connectors/calendar/feed-tokens.ts';
import { GreffeError } from '../errors.ts';
import type { Env } from './auth.ts';

export interface CalendarOptions {
  readonly tokens: FeedTokens;
  readonly entriesOf: (userId: string) => Promise<readonly CalendarEntry[]>;
}

export function calendarRoutes(o: CalendarOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/:file', async (c) => {
    const m = /^(.+)\.ics$/.exec(c.req.param('file'));
    const user = m ? await o.tokens.userOf(m[1] as string) : undefined;
    if (!user) throw new GreffeError(404, 'NOT_FOUND', 'Adresse inconnue.');
    const body = calendarFeed('Mes délais et audiences', await o.entriesOf(user));
    return c.body(body, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, no-store',
      'referrer-policy': 'no-referrer',
    });
  });
  return app;
}
