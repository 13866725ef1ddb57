/**
 * The connectors' routes:
 * - GET /api/outbox/dead-letters — the messages that failed for good, with
 *   their error (registry staff of the court: a court role and a court);
 * - POST /api/outbox/:id/retry — « Réessayer »: back in the queue now, its
 *   attempts counted anew;
 * - GET /api/visio/:caseId — the case's video room link (hearings and
 *   conciliation sessions), for whoever takes part in the case; the court's
 *   roles are moderators.
 */
import { Hono } from 'hono';
import { caseAccess } from '../access/case-access.ts';
import type { Caller } from '../access/policy.ts';
import { courtRoles } from '../connectors/receipts.ts';
import { type VideoConfig, videoLink } from '../connectors/video/jitsi.ts';
import { GreffeError } from '../errors.ts';
import type { Runtime } from '../service/context.ts';
import type { Auth, Env } from './auth.ts';
import { sendJson } from './json.ts';

export interface ConnectorRoutesOptions {
  readonly video: VideoConfig;
  /** Wakes the outbox worker after a retry. */
  readonly kick: () => void;
}

/** Registry staff: a person holding court roles in a court (the dead letters are that court's). */
function staffCourt(caller: Caller): string {
  if (!caller.court || caller.roles.length === 0)
    throw new GreffeError(403, 'FORBIDDEN', 'Réservé au personnel du greffe.');
  return caller.court;
}

export function outboxRoutes(rt: Runtime, auth: Auth, o: ConnectorRoutesOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/dead-letters', async (c) => {
    const court = staffCourt(await auth.callerOf(c));
    const rows = await rt.store.deadLetters(court);
    return sendJson(c, {
      deadLetters: rows.map((r) => {
        const payload = JSON.parse(r.payload) as Record<string, unknown>;
        return {
          id: r.id,
          caseId: r.caseId,
          reference: r.reference,
          connector: r.connector,
          kind: r.kind,
          recipient: String(payload.recipient ?? ''),
          recipientRole: r.recipientRole,
          subject: String(payload.subject ?? ''),
          attempts: r.attempts,
          error: r.lastError,
          createdAt: r.createdAt,
        };
      }),
    });
  });
  app.post('/:id/retry', async (c) => {
    const court = staffCourt(await auth.callerOf(c));
    const id = Number(c.req.param('id'));
    const row = Number.isInteger(id) ? await rt.store.outboxMessage(id) : undefined;
    const owner = row?.caseId ? await rt.store.getCase(row.caseId) : undefined;
    if (!row || owner?.court !== court)
      throw new GreffeError(404, 'NOT_FOUND', `Message ${c.req.param('id')} introuvable.`);
    if (!(await rt.store.retryOutbox(id, rt.clock.now().toISOString())))
      throw new GreffeError(
        409,
        'INVALID_STATE',
        'Ce message n’est pas en échec : il n’y a rien à réessayer.',
      );
    o.kick();
    return sendJson(c, { ok: true, id });
  });
  return app;
}

export function videoRoutes(rt: Runtime, auth: Auth, o: ConnectorRoutesOptions): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/:caseId', async (c) => {
    const caller = await auth.callerOf(c);
    const a = await caseAccess(rt, caller, c.req.param('caseId'));
    if (a.procedure.states[a.case.state]?.final)
      throw new GreffeError(409, 'INVALID_STATE', 'L’affaire est close : aucune salle d’audience en ligne.');
    const court = courtRoles(a.procedure);
    const link = videoLink(
      o.video,
      a.case.id,
      { id: caller.id, name: caller.name, moderator: a.roles.some((r) => court.includes(r)) },
      rt.clock.now(),
    );
    return sendJson(c, link);
  });
  return app;
}
