/**
 * The commissaire de justice and the bank as outbox connectors over HTTP
 * (partner-http.ts), and their simulators. The commissaire receives the
 * service requests (the acts to serve, and the platform messages of the
 * partner's account) and answers, once the service is made, by a signed
 * webhook that performs the act on the case (`signification.retour`: how it
 * was served — à personne, à domicile, procès-verbal de recherches — as the
 * event's form data). The bank receives the seizure and answers by webhook
 * with the balance and the protected balance (`saisie.reponse`).
 */
import type { Connector, OutboundMessage } from '../connector.ts';
import {
  type PartnerClient,
  type PartnerRequest,
  type PartnerSimulator,
  startPartnerSimulator,
} from './partner-http.ts';
import type { BankAccountSample, WebhookSender } from './partners.ts';
import type { WebhookKey } from './signature.ts';

export type ActPdf = (caseId: string, ref: { kind: string; id?: string }) => Promise<Uint8Array | undefined>;

/** What the platform sends a partner for one outbox message. */
export interface PartnerMessage {
  readonly caseId: string | null;
  readonly outboxId: number;
  readonly reference: string;
  readonly connector: string;
  readonly recipient: OutboundMessage['recipient'];
  readonly subject: string;
  readonly body: string;
  readonly document?: { readonly kind: string; readonly sha256: string; readonly id?: string };
  /** The sealed act, base64. */
  readonly pdf?: string;
}

export function partnerConnector(
  name: string,
  description: string,
  client: PartnerClient,
  actPdf?: ActPdf,
): Connector {
  return {
    name,
    description,
    async deliver(m) {
      const pdf = m.document && m.caseId && actPdf ? await actPdf(m.caseId, m.document) : undefined;
      const payload: PartnerMessage = {
        caseId: m.caseId,
        outboxId: m.outboxId,
        reference: m.reference,
        connector: m.connector,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        ...(m.document && { document: m.document }),
        ...(pdf && { pdf: Buffer.from(pdf).toString('base64') }),
      };
      const answer = await client.request(`outbox-${m.outboxId}`, payload);
      return { ...(typeof answer.id === 'string' && { providerId: answer.id }) };
    },
  };
}

export interface CommissaireSimulator extends PartnerSimulator {
  /** Performs `event` on the case with `data` (e.g. the act of service and how it was served), by signed webhook. */
  act(caseId: string, event: string, data: Record<string, unknown>, type?: string): Promise<void>;
}

export async function startCommissaireSimulator(o: {
  readonly keys: readonly WebhookKey[];
  readonly webhook: () => WebhookSender;
  readonly port?: number;
}): Promise<CommissaireSimulator> {
  let n = 0;
  const sim = await startPartnerSimulator({
    keys: o.keys,
    ...(o.port !== undefined && { port: o.port }),
    onRequest: (r: PartnerRequest) => ({ id: `demande-${r.key}`, status: 'recue' }),
  });
  return {
    ...sim,
    async act(caseId, event, data, type = 'signification.retour') {
      n++;
      await o.webhook().post({ id: `acte-${caseId}-${event}-${n}`, type, caseId, data: { event, data } });
    },
  };
}

export async function startBankSimulator(o: {
  readonly keys: readonly WebhookKey[];
  readonly webhook: () => WebhookSender;
  readonly account: (m: PartnerMessage) => BankAccountSample;
  readonly port?: number;
}): Promise<PartnerSimulator> {
  return startPartnerSimulator({
    keys: o.keys,
    ...(o.port !== undefined && { port: o.port }),
    onRequest: (r) => {
      const m = r.payload as unknown as PartnerMessage;
      const a = o.account(m);
      // The bank answers after acknowledging, as a bank does (CPCE art. L211-3: « sur-le-champ »).
      setImmediate(() => {
        o.webhook()
          .post({
            id: `saisie-${r.key}`,
            type: 'saisie.reponse',
            caseId: m.caseId,
            data: {
              outboxId: m.outboxId,
              solde: a.balance,
              soldeInsaisissable: a.protectedBalance,
              disponible: Math.max(0, a.balance - a.protectedBalance),
            },
          })
          .catch((err: unknown) => console.error('greffe simulateur banque : réponse non remise :', err));
      });
      return { id: `saisie-${r.key}`, status: 'recue' };
    },
  });
}
