/**
 * POST /api/webhooks/:partner — answers of the commissaire de justice and the
 * bank (runtime/connectors/webhooks/); the SMS provider's delivery reports and
 * the mail server's bounces are routes-delivery-reports.ts's. Authenticated by an HMAC signature over
 * timestamp and body (signature.ts), not by a session: a bad or missing
 * signature, a timestamp outside the window or a replayed delivery → 401 and
 * nothing recorded. The same delivery id sent again (a partner's retry,
 * freshly signed) is acknowledged without being recorded twice.
 */
import { Hono } from 'hono';
import { type MailevaNotification, trackingFromMaileva } from '../connectors/post/maileva.ts';
import { GreffeError } from '../errors.ts';
import { WEBHOOK_TYPES, type WebhookInbox } from '../connectors/webhooks/inbox.ts';
import {
  DEFAULT_WINDOW_S,
  ReplayGuard,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
  type WebhookKey,
} from '../connectors/webhooks/signature.ts';
import type { Env } from './auth.ts';
import { sendJson } from './json.ts';
import type { DeliveryReportOptions } from '../connectors/delivery-reports.ts';
import { deliveryReportRoutes } from './routes-delivery-reports.ts';
import { sameSecret } from './secret-compare.ts';

export interface WebhookOptions {
  /** Keys per partner (`commissaire`, `banque`); several during a rotation. */
  readonly partners: Readonly<Record<string, readonly WebhookKey[]>>;
  readonly inbox: WebhookInbox;
  readonly windowS?: number;
  readonly now?: () => Date;
  /**
   * Maileva's notifications (`POST /api/webhooks/maileva`, GREFFE_POSTE_API=maileva): not signed by Maileva,
   * authenticated by the HTTP Basic credentials given in the subscription (its `authentication.basic`).
   */
  readonly maileva?: { readonly user: string; readonly password: string };
  /** The SMS provider's delivery reports and the mail server's bounces (routes-delivery-reports.ts). */
  readonly reports?: DeliveryReportOptions;
}

const REASONS_FR: Readonly<Record<string, string>> = {
  missing: 'en-têtes de signature absents ou mal formés',
  timestamp: 'horodatage hors de la fenêtre admise',
  signature: 'signature invalide',
  replay: 'livraison déjà reçue (rejeu)',
};

export function webhookRoutes(o: WebhookOptions): Hono<Env> {
  const app = new Hono<Env>();
  const windowS = o.windowS ?? DEFAULT_WINDOW_S;
  const seen = new ReplayGuard(windowS);
  // Before `/:partner`: their paths are the providers' own.
  if (o.reports)
    app.route(
      '/',
      deliveryReportRoutes(o.reports, seen, () => o.now?.() ?? new Date(), windowS),
    );
  const maileva = o.maileva;
  if (maileva)
    // Before `/:partner`: Maileva's own shape, translated into the neutral `courrier.suivi` of the post.
    app.post('/maileva', async (c) => {
      const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(c.req.header('authorization') ?? '');
      const given = m ? Buffer.from(m[1] as string, 'base64').toString('utf8') : '';
      if (!sameSecret(given, `${maileva.user}:${maileva.password}`))
        throw new GreffeError(
          401,
          'UNAUTHENTICATED',
          'Notification Maileva refusée : identifiants absents ou invalides.',
        );
      let n: MailevaNotification;
      try {
        n = JSON.parse(await c.req.text()) as MailevaNotification;
      } catch {
        throw new GreffeError(400, 'INVALID_JSON', 'Le corps n’est pas un objet JSON.');
      }
      let tracking: ReturnType<typeof trackingFromMaileva>;
      try {
        tracking = trackingFromMaileva(n);
      } catch (err) {
        throw new GreffeError(400, 'INVALID_REQUEST', (err as Error).message);
      }
      // Maileva counts any answer but 201 as a failure and retries: every accepted notification answers 201.
      if (!tracking) return sendJson(c, { ok: true, result: 'ignored' }, 201);
      const result = await o.inbox.record({
        partner: 'poste',
        type: 'courrier.suivi',
        ...tracking,
        keyId: 'maileva',
        receivedAt: (o.now?.() ?? new Date()).toISOString(),
      });
      return sendJson(c, { ok: true, result }, 201);
    });
  app.post('/:partner', async (c) => {
    const partner = c.req.param('partner');
    const keys = o.partners[partner];
    const types = WEBHOOK_TYPES[partner];
    if (!keys || !types) throw new GreffeError(404, 'NOT_FOUND', `Partenaire « ${partner} » inconnu.`);
    const body = await c.req.text();
    const now = o.now?.() ?? new Date();
    const timestamp = c.req.header(TIMESTAMP_HEADER);
    const verdict = verifyWebhook(
      body,
      { timestamp, signature: c.req.header(SIGNATURE_HEADER) },
      keys,
      seen,
      now,
      windowS,
    );
    if (!verdict.ok) {
      throw new GreffeError(401, 'UNAUTHENTICATED', `Webhook refusé : ${REASONS_FR[verdict.reason]}.`, {
        reason: verdict.reason,
      });
    }
    let payload: { id?: unknown; type?: unknown; caseId?: unknown; data?: unknown };
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      throw new GreffeError(400, 'INVALID_JSON', 'Le corps n’est pas un objet JSON.');
    }
    const { id, type, caseId, data } = payload;
    if (
      typeof id !== 'string' ||
      typeof caseId !== 'string' ||
      typeof type !== 'string' ||
      !types.includes(type)
    )
      throw new GreffeError(400, 'INVALID_REQUEST', 'Champs attendus : id, type, caseId, data.', {
        field: 'type',
        types,
      });
    const result = await o.inbox.record({
      partner,
      id,
      type,
      caseId,
      data: data && typeof data === 'object' ? (data as Record<string, unknown>) : {},
      keyId: verdict.keyId,
      receivedAt: now.toISOString(),
    });
    seen.add(verdict.signature, timestamp as string, now);
    return sendJson(c, { ok: true, result }, result === 'recorded' ? 202 : 200);
  });
  return app;
}
