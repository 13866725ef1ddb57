/** The outbox's `courriel` connector over a Mailer: one e-mail per outbox message, keyed by its id. */
import { type Connector, type OutboundMessage, UndeliverableError } from '../connector.ts';
import type { MailAttachment, Mailer } from './mailer.ts';

export interface MailConnectorOptions {
  /** The recipient's e-mail address (the identity module knows it); undefined → the message cannot be sent (a dead letter at once). */
  readonly addressOf: (m: OutboundMessage) => string | undefined | Promise<string | undefined>;
  /** The case's page on the platform, printed under the message. */
  readonly caseUrl?: (caseId: string) => string;
  /** Renders the file a message asks to carry (`attach`), as its recipient may see it. */
  readonly attachmentOf?: (m: OutboundMessage) => Promise<MailAttachment | undefined>;
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
      const page = m.caseId && o.caseUrl ? o.caseUrl(m.caseId) : undefined;
      const room = page && m.visio ? `\nSalle d’audience en ligne : ${page}/visio` : '';
      const link = page ? `\n\nVotre dossier ${m.reference} : ${page}${room}` : '';
      // A file asked for and not renderable: the delivery fails (and is retried), never sent without it.
      const file = m.attach ? await o.attachmentOf?.(m) : undefined;
      if (m.attach && !file) throw new Error(`Pièce jointe « ${m.attach} » impossible à produire.`);
      const { messageId } = await mailer.send({
        idempotencyKey: `outbox-${m.outboxId}`,
        to,
        subject: m.subject,
        text: `${m.body}${file ? `\n\nVous trouverez en pièce jointe : ${file.filename}.` : ''}${link}\n`,
        ...(file && { attachments: [file] }),
      });
      return { providerId: messageId, detail: `à ${to}` };
    },
  };
}
