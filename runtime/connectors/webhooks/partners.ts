/**
 * Simulators of the outside parties that answer by webhook: the commissaire
 * de justice (returns of service) and the debtor's bank (answer to a
 * saisie-attribution). Each is an outbox connector: receiving the platform's
 * request, it posts its answer back to /api/webhooks/<partner>, signed with
 * its keys, over real HTTP. The answer's `id` derives from the outbox id (the
 * idempotency key): a redelivered request gives the same id, recorded once.
 */
import type { Connector, OutboundMessage } from '../connector.ts';
import { signWebhook, type WebhookKey } from './signature.ts';

export class WebhookSender {
  constructor(
    private readonly url: string,
    private readonly keys: readonly WebhookKey[],
  ) {}
  /** Posts `payload` (plus the instant it is sent, so a retry is a new signature) and returns the HTTP status. */
  async post(payload: Readonly<Record<string, unknown>>): Promise<number> {
    const body = JSON.stringify({ ...payload, sentAt: new Date().toISOString() });
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(body, this.keys) },
      body,
    });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`Webhook ${this.url} : HTTP ${res.status}.`);
    return res.status;
  }
}

/** How a service was made (CPC art. 654 to 659); the PV de recherches decides the judgment's character. */
export type ServiceMode = 'a_personne' | 'a_domicile' | 'pv_recherches';

export function commissaireSimulator(
  name: 'signification_electronique' | 'signification_papier',
  sender: WebhookSender,
  mode: (m: OutboundMessage) => ServiceMode,
  date: () => string = () => new Date().toISOString().slice(0, 10),
): Connector {
  return {
    name,
    description: 'Commissaire de justice simulé : répond par webhook signé (retour de signification).',
    async deliver(m) {
      if (!m.caseId) throw new Error('Signification sans affaire.');
      await sender.post({
        id: `signification-${m.outboxId}`,
        type: 'signification.retour',
        caseId: m.caseId,
        data: { outboxId: m.outboxId, mode: mode(m), date: date() },
      });
    },
  };
}

export interface BankAccountSample {
  /** Balance of the debtor's accounts, in cents. */
  readonly balance: number;
  /** Protected balance left to the debtor (CPCE art. L162-2), in cents: a figure the simulator is given. */
  readonly protectedBalance: number;
}

export function bankSimulator(
  sender: WebhookSender,
  account: (m: OutboundMessage) => BankAccountSample,
): Connector {
  return {
    name: 'saisie_attribution',
    description: 'Banque simulée : répond par webhook signé (solde, solde insaisissable, somme saisie).',
    async deliver(m) {
      if (!m.caseId) throw new Error('Saisie sans affaire.');
      const a = account(m);
      await sender.post({
        id: `saisie-${m.outboxId}`,
        type: 'saisie.reponse',
        caseId: m.caseId,
        data: {
          outboxId: m.outboxId,
          solde: a.balance,
          soldeInsaisissable: a.protectedBalance,
          disponible: Math.max(0, a.balance - a.protectedBalance),
        },
      });
    },
  };
}
