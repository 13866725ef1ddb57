/**
 * Connectors carry the outbox's messages out of the platform (mail, SMS,
 * letters, service by a commissaire de justice, e-signature, bank
 * attachment). One small interface, implementations keyed by the names the
 * spec uses (spec/vocabulary.ts CONNECTORS) plus `plateforme`, the
 * platform's own inbox.
 */
export interface OutboundMessage {
  readonly outboxId: number;
  /** notify | call | reminder | alert | invitation */
  readonly kind: string;
  readonly connector: string;
  readonly caseId: string | null;
  readonly reference: string;
  readonly recipient: { readonly role: string | null; readonly userId: string | null; readonly name: string };
  readonly subject: string;
  readonly body: string;
  readonly document?: { readonly kind: string; readonly sha256: string; readonly id?: string };
  /** A file the message carries, rendered when it leaves (`accuse_reception`: the filing receipt). */
  readonly attach?: string;
  /** It convenes a hearing or a session: the e-mail gives the case's video room address (`<case>/visio`). */
  readonly visio?: boolean;
}

/** What a provider answered when it accepted a message (journaled on the case as its delivery status). */
export interface DeliveryResult {
  /** The provider's own id (SMS job, letter, request), for the operator and the tracking events. */
  readonly providerId?: string;
  /** A French detail for the case's history (e.g. « lettre recommandée n° 1A0… »). */
  readonly detail?: string;
}

export interface Connector {
  readonly name: string;
  /** French: what it does here, and what the real provider will be. */
  readonly description: string;
  /**
   * Delivers one message. Must be idempotent: the worker delivers at least
   * once, so the same `outboxId` may come twice (after a crash between
   * delivery and acknowledgement). A connector that reaches an outside
   * provider passes `outbox-<outboxId>` as the provider's idempotency key, so
   * the provider sends once whatever the platform retries.
   */
  deliver(message: OutboundMessage): Promise<DeliveryResult | undefined>;
}

/**
 * A message that can never be delivered as it stands, whatever the number of attempts: no address,
 * e-mail or mobile number is known for its recipient, the number is not a mobile number, the provider
 * refuses the recipient. The outbox does not retry it: it becomes a dead letter at once, with this
 * French reason, for the registry staff to fix the cause and « Réessayer ». Any other error is taken as
 * transient (a provider down) and retried with backoff.
 */
export class UndeliverableError extends Error {
  override readonly name = 'UndeliverableError';
}

/** The platform's own inbox: not a spec connector, every notification goes there. */
export const PLATFORM_CONNECTOR = 'plateforme';
