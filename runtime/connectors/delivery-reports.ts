/**
 * What the e-mail and SMS providers say of a message after accepting it: an
 * SMS delivered or not (the provider's delivery report, sms/ovh-dlr.ts), an
 * e-mail bounced (a delivery status notification, RFC 3464: mail/dsn.ts).
 * Each report becomes a journal item of the message's case (kind
 * `connecteur`) with the outbox's own event names — `sms.distribue`,
 * `sms.echec`, `courriel.echec` — once per message and outcome (receipt key
 * `outbox-<id>:<status>`, the key the outbox uses for its own failures), shown
 * to the addressee's role and the court. A failure also makes the message a
 * dead letter (the back office shows it with the provider's reason and a
 * « Réessayer » action), and, when the message was its addressee's only
 * means in the event that opened a step of the cascade, closes that step
 * (step-failure.ts): the spec's next step follows, as for a returned letter.
 */
import type { Runtime } from '../service/context.ts';
import type { BounceConfig } from './mail/verp.ts';
import type { WebhookKey } from './webhooks/signature.ts';
import { type OutboxRow, SYSTEM_ACTOR } from '../store/case-store.ts';
import { addressee, CONNECTOR_LABELS, receiptVisibility } from './receipts.ts';
import { failStep, stepOf } from './step-failure.ts';

export type ReportStatus = 'distribue' | 'echec';

export interface DeliveryReport {
  readonly connector: string;
  readonly outboxId: number;
  readonly status: ReportStatus;
  /** French: why it failed, in the provider's words (« numéro invalide », « 5.1.1 boîte inconnue »). */
  readonly reason?: string;
  /** What the report said, kept with the journal item (source, provider's codes and id). */
  readonly data: Readonly<Record<string, unknown>>;
}

export type ReportResult = 'recorded' | 'duplicate' | 'unknown';

const label = (what: string, toWhom: string, r: DeliveryReport) =>
  r.status === 'distribue'
    ? `${what}${toWhom} : distribué au destinataire`
    : `${what}${toWhom} : non distribué${r.reason ? ` — ${r.reason}` : ''}`;

/** Journals `r` on its message's case, once; `unknown` when no such message of that connector has a case. */
export async function recordDeliveryReport(rt: Runtime, r: DeliveryReport): Promise<ReportResult> {
  const row = await rt.store.outboxMessage(r.outboxId);
  if (!row || row.connector !== r.connector || !row.caseId) return 'unknown';
  const c = await rt.store.getCase(row.caseId);
  const p = c ? rt.catalog.get(c.procedureId, c.procedureVersion) : undefined;
  if (!c || !p) return 'unknown';
  const step = r.status === 'echec' ? await stepOf(rt, c, p, row, true) : undefined;
  const what = CONNECTOR_LABELS[r.connector] ?? r.connector;
  const { recorded } = await rt.store.recordReceipt({
    key: `outbox-${row.id}:${r.status}`,
    caseId: c.id,
    event: `${r.connector}.${r.status}`,
    label: label(what, addressee(p, row.recipientRole), r),
    data: {
      outboxId: row.id,
      connector: r.connector,
      status: r.status,
      ...(r.reason && { error: r.reason }),
      ...r.data,
      ...(step && { etapeClose: step.deadline }),
    },
    actorId: SYSTEM_ACTOR,
    visibleTo: receiptVisibility(p, row.recipientRole),
    at: rt.clock.now().toISOString(),
  });
  if (!recorded) return 'duplicate';
  if (r.status === 'echec') await deadLetter(rt, row, r.reason ?? 'non distribué');
  if (step) await failStep(rt, step, c, p);
  return 'recorded';
}

/** The provider could not deliver it: a dead letter, with the provider's reason, for the staff to see and retry. */
async function deadLetter(rt: Runtime, row: OutboxRow, reason: string): Promise<void> {
  await rt.store.markOutbox(row.id, {
    status: 'failed',
    attempts: row.attempts,
    error: `Non distribué (avis du prestataire) : ${reason}`,
    availableAt: row.availableAt,
  });
}

/** What the report routes (runtime/api/routes-delivery-reports.ts) hand their reports to. */
export interface DeliveryReportInbox {
  /** A report about an outbox message. */
  record(r: DeliveryReport): Promise<ReportResult>;
  /** The outbox message `connector`'s provider knows by `providerId`. */
  outboxIdOf(connector: string, providerId: string): Promise<number | undefined>;
}

export const deliveryReportInbox = (rt: Runtime): DeliveryReportInbox => ({
  record: (r) => recordDeliveryReport(rt, r),
  outboxIdOf: async (connector, providerId) => (await rt.store.outboxByProviderId(connector, providerId))?.id,
});

/** What the report routes serve: each provider's, when configured. */
export interface DeliveryReportOptions {
  readonly inbox: DeliveryReportInbox;
  /** The secret token of OVH's callback URL; absent → the SMS route is not served. */
  readonly smsToken?: string;
  /** Bounces: the keys the bounce pipe signs with and the bounce address with its secret; absent → not served. */
  readonly dsn?: { readonly keys: readonly WebhookKey[]; readonly bounce: BounceConfig };
}
