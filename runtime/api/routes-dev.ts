/**
 * /api/dev…: development mode only (`greffe serve --dev`), absent otherwise
 * (404): log in as a sample user of any role, and move the procedural clock
 * (then the scheduler fires what fell due and the outbox delivers).
 */
import { Hono } from 'hono';
import { findSample } from '../dev/sample-users.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import type { ManualClock } from '../time/index.ts';
import type { Auth, Env } from './auth.ts';
import { jsonBody } from './errors.ts';
import { API_HEADERS, sendJson } from './json.ts';

export interface DevHooks {
  readonly clock: ManualClock;
  /** Runs the scheduler, then the outbox, after the clock moved. */
  readonly afterClockMove: () => Promise<unknown>;
}

const publicUser = (u: { id: string; name: string; roles: readonly string[]; court?: string | null }) => ({
  id: u.id,
  name: u.name,
  roles: u.roles,
  ...(u.court && { court: u.court }),
});

export function devRoutes(rt: Runtime, hooks: DevHooks, auth: Auth): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/users', (c) =>
    sendJson(
      c,
      rt.sampleUsers.map((u) => ({ ...publicUser(u), aliases: u.aliases, role: u.sampleRole })),
    ),
  );

  app.post('/login', async (c) => {
    const name = (await jsonBody(c)).user;
    const user = typeof name === 'string' ? findSample(rt.sampleUsers, name) : undefined;
    if (!user) {
      throw new GreffeError(404, 'USER_NOT_FOUND', `Aucun utilisateur d’exemple « ${String(name)} ».`, {
        users: rt.sampleUsers.map((u) => u.id),
      });
    }
    // Marked as made under --dev: refused by a server started without it (auth.ts).
    const token = await auth.login(c, { userId: user.id, method: 'dev' });
    return c.json({ user: publicUser(user), token }, 200, API_HEADERS); // sets a cookie: hono's path
  });

  app.get('/clock', (c) => sendJson(c, { now: hooks.clock.now().toISOString() }));
  app.post('/clock', async (c) => {
    const body = await jsonBody(c);
    try {
      if (typeof body.advance === 'string') hooks.clock.advance(body.advance);
      else if (typeof body.set === 'string') hooks.clock.set(new Date(body.set));
      else
        throw new GreffeError(
          400,
          'INVALID_REQUEST',
          'Indiquez « advance » (durée ISO 8601, ex. P7D) ou « set » (instant ISO 8601).',
        );
    } catch (err: unknown) {
      if (err instanceof GreffeError) throw err;
      throw new GreffeError(400, 'INVALID_CLOCK', err instanceof Error ? err.message : String(err));
    }
    const report = await hooks.afterClockMove();
    return sendJson(c, { now: hooks.clock.now().toISOString(), scheduler: report });
  });
  return app;
}
