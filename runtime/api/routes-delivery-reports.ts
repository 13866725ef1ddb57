/**
 * What the e-mail and SMS providers say after accepting a message, under
 * /api/webhooks (runtime/connectors/delivery-reports.ts journals it):
 * - GET|POST /sms/ovh/:token — OVHcloud's delivery report (sms/ovh-dlr.ts),
 *   its values in the query string. OVH signs nothing: the secret token in
 *   the callback URL is its authentication; a wrong one → 401, nothing read.
 * - POST /courriel/dsn — a bounce (RFC 3464 DSN), the raw message as the
 *   mail server received it, posted by its bounce pipe and signed like the
 *   partners' webhooks (HMAC over timestamp and body, replay window: a bad
 *   signature, an old timestamp or a replayed body → 401, nothing read).
 *   `?to=` may carry the address the mail server received it for.
 * A report about a message the platform does not know, an intermediate
 * state or a message that is no DSN is acknowledged and ignored (200), so
 * that the provider does not retry it; one about a known message is
 * journaled once (202; 200 `duplicate` when it was already).
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { DeliveryReportOptions } from '../connectors/delivery-reports.ts';
import { bounceReason, parseBounce } from '../connectors/mail/dsn.ts';
import { ovhDeliveryReport } from '../connectors/sms/ovh-dlr.ts';
import {
  type ReplayGuard,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
} from '../connectors/webhooks/signature.ts';
import { GreffeError } from '../errors.ts';
import type { Env } from './auth.ts';
import { sendJson } from './json.ts';
import { sameSecret } from './secret-compare.ts';

const REASONS_FR: Readonly<Record<string, string>> = {
  missing: 'en-têtes de signature absents ou mal formés',
  timestamp: 'horodatage hors de la fenêtre admise',
  signature: 'signature invalide',
  replay: 'avis déjà reçu (rejeu)',
};

const answer = (c: Context<Env>, result: string, extra: Record<string, unknown> = {}) =>
  sendJson(c, { ok: true, result, ...extra }, result === 'recorded' ? 202 : 200);

/** Mounted by webhookRoutes (routes-webhooks.ts), which shares its replay guard and clock. */
export function deliveryReportRoutes(
  o: DeliveryReportOptions,
  seen: ReplayGuard,
  now: () => Date,
  windowS: number,
): Hono<Env> {
  const app = new Hono<Env>();
  const smsToken = o.smsToken;
  if (smsToken) {
    const sms = async (c: Context<Env>) => {
      if (!sameSecret(c.req.param('token') ?? '', smsToken))
        throw new GreffeError(401, 'UNAUTHENTICATED', 'Avis de distribution SMS refusé : adresse inconnue.');
      // OVH puts its values in the query string; a form body is read too, in case.
      const form = c.req.method === 'POST' ? await c.req.parseBody().catch(() => ({})) : {};
      const values = { ...(form as Record<string, string>), ...c.req.query() };
      let report: ReturnType<typeof ovhDeliveryReport>;
      try {
        report = ovhDeliveryReport(values);
      } catch (err) {
        throw new GreffeError(400, 'INVALID_REQUEST', (err as Error).message);
      }
      if (!report.status) return answer(c, 'ignored', { reason: 'état intermédiaire' });
      const outboxId = await o.inbox.outboxIdOf('sms', report.providerId);
      if (outboxId === undefined) return answer(c, 'unknown');
      const result = await o.inbox.record({
        connector: 'sms',
        outboxId,
        status: report.status,
        ...(report.reason && { reason: report.reason }),
        data: report.data,
      });
      return answer(c, result);
    };
    app.get('/sms/ovh/:token', sms);
    app.post('/sms/ovh/:token', sms);
  }
  const dsn = o.dsn;
  if (dsn)
    app.post('/courriel/dsn', async (c) => {
      const body = await c.req.text();
      const at = now();
      const timestamp = c.req.header(TIMESTAMP_HEADER);
      const verdict = verifyWebhook(
        body,
        { timestamp, signature: c.req.header(SIGNATURE_HEADER) },
        dsn.keys,
        seen,
        at,
        windowS,
      );
      if (!verdict.ok)
        throw new GreffeError(
          401,
          'UNAUTHENTICATED',
          `Avis de non-distribution refusé : ${REASONS_FR[verdict.reason]}.`,
          {
            reason: verdict.reason,
          },
        );
      const bounce = await parseBounce(body, dsn.bounce, c.req.query('to'));
      seen.add(verdict.signature, timestamp as string, at);
      if (!bounce) return answer(c, 'ignored', { reason: 'pas un avis de non-distribution (RFC 3464)' });
      const outboxId = /^outbox-(\d+)$/.exec(bounce.key ?? '')?.[1];
      if (!outboxId) return answer(c, 'unknown');
      const status =
        bounce.action === 'failed' ? 'echec' : bounce.action === 'delivered' ? 'distribue' : undefined;
      if (!status) return answer(c, 'ignored', { reason: `action « ${bounce.action} »` });
      const result = await o.inbox.record({
        connector: 'courriel',
        outboxId: Number(outboxId),
        status,
        ...(status === 'echec' && { reason: bounceReason(bounce) }),
        data: {
          source: 'dsn',
          dsn: bounce.id,
          ...(bounce.status && { statut: bounce.status }),
          ...(bounce.reportingMta && { reportingMta: bounce.reportingMta }),
        },
      });
      return answer(c, result);
    });
  return app;
}
