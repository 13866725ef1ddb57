/** The outbox's `sms` connector, and the choice between OVH and the local simulator (configuration). */
import { randomBytes } from 'node:crypto';
import { type Connector, type OutboundMessage, UndeliverableError } from '../connector.ts';
import { type OvhConfig, OvhSmsClient, type SmsSender } from './ovh-client.ts';
import { startSmsSimulator } from './simulator.ts';

export interface SmsConnectorOptions {
  /** The recipient's mobile number, E.164; undefined → the message cannot be sent (a dead letter at once). */
  readonly phoneOf: (m: OutboundMessage) => string | undefined | Promise<string | undefined>;
}

export function smsConnector(sender: SmsSender, o: SmsConnectorOptions): Connector {
  return {
    name: 'sms',
    description: 'SMS — envoyé par l’API SMS d’OVHcloud, ou par le simulateur local sans compte configuré.',
    async deliver(m) {
      const to = await o.phoneOf(m);
      if (!to)
        throw new UndeliverableError(
          `Aucun numéro de téléphone mobile connu pour ${m.recipient.name || 'le destinataire'}.`,
        );
      const r = await sender.send({
        idempotencyKey: `outbox-${m.outboxId}`,
        to,
        text: `${m.subject}. ${m.body}`.trim(),
      });
      return { providerId: r.providerId, detail: `${r.segments} partie(s)` };
    },
  };
}

/** OVH when configured; else the simulator on loopback, reached through the same client and protocol. */
export async function smsFromConfig(
  c: Partial<OvhConfig> & { readonly logFile?: string },
  /** Where the simulator posts its delivery reports (the platform's callback URL, known once it listens). */
  callbackUrl?: () => string,
): Promise<{ sender: SmsSender; simulated: boolean; close: () => Promise<void> }> {
  if (c.endpoint && c.applicationKey && c.applicationSecret && c.consumerKey && c.serviceName && c.sender) {
    return { sender: new OvhSmsClient(c as OvhConfig), simulated: false, close: async () => undefined };
  }
  const creds = {
    applicationKey: randomBytes(8).toString('hex'),
    applicationSecret: randomBytes(16).toString('hex'),
    consumerKey: randomBytes(16).toString('hex'),
    serviceName: 'sms-local',
  };
  const sim = await startSmsSimulator({
    ...creds,
    ...(c.logFile && { logFile: c.logFile }),
    ...(callbackUrl && { callback: { url: callbackUrl } }),
  });
  const sender = new OvhSmsClient({ ...creds, endpoint: sim.endpoint, sender: c.sender ?? 'GREFFE' });
  return { sender, simulated: true, close: sim.close };
}
