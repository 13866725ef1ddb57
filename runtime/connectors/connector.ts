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
}

export interface Connector {
  readonly name: string;
  /** French: what it does here, and what the real provider will be. */
  readonly description: string;
  /**
   * Delivers one message. Must be idempotent: the worker delivers at least
   * once, so the same `outboxId` may come twice (after a crash between
   * delivery and acknowledgement).
   */
  deliver(message: OutboundMessage): Promise<void>;
}

/** The platform's own inbox: not a spec connector, every notification goes there. */
export const PLATFORM_CONNECTOR = 'plateforme';
