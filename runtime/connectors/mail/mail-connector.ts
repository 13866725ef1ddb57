/** The outbox's `courriel` connector over a Mailer: one e-mail per outbox message, keyed by its id. */
import { type Connector, type OutboundMessage, UndeliverableError } from '../connector.ts';
import type { Mailer } from './mailer.ts';

export interface MailConnectorOptions {
  /** The recipient's e-mail address (the identity module knows it); undefined → the message cannot be sent (a dead letter at once). */
  readonly addressOf: (m: OutboundMessage) => string | undefined | Promise<string | undefined>;
  /** The case's page on the platform, printed under the message. */
  readonly caseUrl?: (caseId: string) => string;
}

export function mailConnector(mailer: Mailer, o: MailConnectorOptions): Connector {
  return {
    name: 'courriel',
    description: 'Courriel — envoyé par SMTP, ou écrit en fichier .eml sans serveur configuré.',
    async deliver(m) {
      const to = await o.addressOf(m);
      if (!to)
        throw new UndeliverableError(
          `Aucune adresse électronique connue pour ${m.recipient.name || 'le destinataire'}.`,
        );
      const link = m.caseId && o.caseUrl ? `\n\nVotre dossier ${m.reference} : ${o.caseUrl(m.caseId)}` : '';
      const { messageId } = await mailer.send({
        idempotencyKey: `outbox-${m.outboxId}`,
        to,
        subject: m.subject,
        text: `${m.body}${link}\n`,
      });
      return { providerId: messageId, detail: `à ${to}` };
    },
  };
}
