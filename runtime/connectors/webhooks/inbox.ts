/**
 * What a verified webhook becomes: one delivery, recorded once per partner
 * delivery id (the partner's idempotency key). The memory inbox serves the
 * tests and development; turning a delivery into a case event through the
 * engine is the engine's wiring (runtime/engine, runtime/service).
 */
export const WEBHOOK_TYPES: Readonly<Record<string, readonly string[]>> = {
  /**
   * Return of a service (CPC art. 654 to 659): to the person, at home, or a PV de recherches; and the
   * commissaire's other acts (seizure, denunciation). Both carry `{ event, data }`: the act performed on the case.
   */
  commissaire: ['signification.retour', 'acte.accompli'],
  /** The bank's answer to a saisie-attribution (CPCE art. L211-1, R211-1). */
  banque: ['saisie.reponse'],
  /** A letter's tracking event from the hybrid-mail provider (distribué, avisé non réclamé, retourné). */
  poste: ['courrier.suivi'],
};

export interface WebhookDelivery {
  readonly partner: string;
  /** The partner's id for this delivery: the same id twice is one delivery. */
  readonly id: string;
  readonly type: string;
  readonly caseId: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly keyId: string;
  readonly receivedAt: string;
}

export interface WebhookInbox {
  record(d: WebhookDelivery): Promise<'recorded' | 'duplicate'>;
}

export class MemoryWebhookInbox implements WebhookInbox {
  readonly deliveries: WebhookDelivery[] = [];
  async record(d: WebhookDelivery): Promise<'recorded' | 'duplicate'> {
    if (this.deliveries.some((x) => x.partner === d.partner && x.id === d.id)) return 'duplicate';
    this.deliveries.push(d);
    return 'recorded';
  }
}
