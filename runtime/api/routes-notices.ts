/**
 * /api/notices: the caller's inbox of the platform's own channel
 * (`plateforme`): the notices delivered to them, newest first, each read or
 * not, and the count still unread (shown in the header); and what became of
 * the messages sent to them elsewhere (e-mail, SMS, letters: service/deliveries.ts).
 */
import { Hono } from 'hono';
import { GreffeError } from '../errors.ts';
import type { Caller } from '../access/policy.ts';
import { readCaseView } from '../service/case-view.ts';
import { deliveryStatusesOf } from '../service/deliveries.ts';
import type { Runtime } from '../service/context.ts';
import type { Auth, Env } from './auth.ts';
import { sendJson } from './json.ts';

/** How many notices the inbox lists (the newest). */
const INBOX_SIZE = 200;

/** How many cases' current actions the inbox links to (their newest notices). */
const CASES_WITH_ACTIONS = 20;

/** The actions `caller` may take now on a case; none when the case is no longer theirs to see. */
async function actionsFor(rt: Runtime, caller: Caller, caseId: string) {
  try {
    return (await readCaseView(rt, caller, caseId)).actions.map((a) => ({ event: a.event, label: a.label }));
  } catch (e: unknown) {
    if (e instanceof GreffeError && e.code === 'CASE_NOT_FOUND') return [];
    throw e;
  }
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The header's count: the unread among the inbox's notices (the same rows in both routes). */
const unreadAmong = (rows: readonly { readAt: unknown }[]): number =>
  rows.filter((r) => r.readAt === null).length;

export function noticeRoutes(rt: Runtime, auth: Auth): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/', async (c) => {
    const caller = await auth.callerOf(c);
    const rows = await rt.store.userNotices(caller.id, INBOX_SIZE);
    const notices = rows.map((r) => {
      const payload = JSON.parse(r.payload) as Record<string, unknown>;
      return {
        id: r.id,
        caseId: r.caseId,
        reference: r.reference,
        subject: text(payload.subject),
        body: text(payload.body),
        at: r.deliveredAt,
        read: r.readAt !== null,
      };
    });
    // The newest notice of each case links to what the reader may do on it now (the case view's actions).
    const actionsOf = new Map<string, { event: string; label: string }[]>();
    for (const n of notices) {
      if (!n.caseId || actionsOf.has(n.caseId) || actionsOf.size >= CASES_WITH_ACTIONS) continue;
      actionsOf.set(n.caseId, await actionsFor(rt, caller, n.caseId));
    }
    const seen = new Set<string>();
    const withActions = notices.map((n) => {
      const first = n.caseId !== null && !seen.has(n.caseId);
      if (n.caseId) seen.add(n.caseId);
      return { ...n, actions: (first && n.caseId && actionsOf.get(n.caseId)) || [] };
    });
    return sendJson(c, {
      unread: unreadAmong(rows),
      notices: withActions,
      deliveries: await deliveryStatusesOf(rt, caller),
    });
  });
  // The header asks on every page: the count only, not the inbox's actions and deliveries (case reads).
  app.get('/non-lus', async (c) => {
    const caller = await auth.callerOf(c);
    const rows = await rt.store.userNotices(caller.id, INBOX_SIZE);
    return sendJson(c, { unread: unreadAmong(rows) });
  });
  app.post('/:id/read', async (c) => {
    const caller = await auth.callerOf(c);
    const id = Number(c.req.param('id'));
    const ok =
      Number.isSafeInteger(id) &&
      (await rt.store.markNoticeRead(caller.id, id, rt.clock.now().toISOString()));
    if (!ok)
      throw new GreffeError(404, 'NOTICE_NOT_FOUND', 'Cet avis n’existe pas ou ne vous est pas adressé.');
    return sendJson(c, { id, read: true });
  });
  return app;
}
