/**
 * Local connectors: they really deliver, into the `deliveries` table (one row
 * per outbox message, so a second delivery of the same message changes
 * nothing) and, when a log file is given, one JSON line per delivery — and a
 * line marked `"repeat": true` for a message handed over again, so that a
 * message sent twice (two instances, a retry after a crash) shows. Real
 * providers (SMTP, SMS gateway, qualified e-signature, electronic service by
 * a commissaire de justice, bank attachment) come with the connectors issue
 * and replace these one name at a time.
 */
import { appendFileSync } from 'node:fs';
import { CONNECTORS } from '../../spec/index.ts';
import type { CaseStore } from '../store/case-store.ts';
import { type Connector, type OutboundMessage, PLATFORM_CONNECTOR } from './connector.ts';

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  plateforme: 'Messagerie de la plateforme (locale).',
  courriel: 'Courriel — enregistré localement ; serveur SMTP à venir.',
  sms: 'SMS — enregistré localement ; passerelle SMS à venir.',
  lettre_simple: 'Lettre simple — enregistrée localement ; prestataire d’envoi postal à venir.',
  lettre_recommandee: 'Lettre recommandée — enregistrée localement ; prestataire postal à venir.',
  lettre_recommandee_electronique:
    'Lettre recommandée électronique — enregistrée localement ; service qualifié à venir.',
  signification_electronique:
    'Signification électronique par commissaire de justice — enregistrée localement.',
  signification_papier: 'Signification sur papier par commissaire de justice — enregistrée localement.',
  signature_electronique:
    'Signature électronique simple — code à usage unique vérifié, preuve au journal de l’affaire ; signature qualifiée à venir.',
  franceconnect: 'FranceConnect — sans objet pour un message ; fournisseur OpenID Connect à venir.',
  saisie_attribution: 'Saisie-attribution auprès de la banque — enregistrée localement.',
};

export function localConnector(name: string, store: CaseStore, logFile?: string): Connector {
  return {
    name,
    description: DESCRIPTIONS[name] ?? 'Connecteur local.',
    async deliver(m: OutboundMessage): Promise<undefined> {
      const deliveredAt = new Date().toISOString();
      const recipient = m.recipient.userId
        ? `${m.recipient.name} <${m.recipient.userId}>`
        : `${m.recipient.name} (non identifié)`;
      const inserted = await store.recordDelivery({
        outboxId: m.outboxId,
        connector: name,
        recipient,
        subject: m.subject,
        body: m.body,
        deliveredAt,
      });
      if (logFile) {
        const line = { deliveredAt, ...m, to: recipient, ...(!inserted && { repeat: true }) };
        appendFileSync(logFile, `${JSON.stringify(line)}\n`);
      }
      return undefined;
    },
  };
}

/** Every connector name the runtime implements: the spec vocabulary plus the platform inbox. */
export const CONNECTOR_NAMES: readonly string[] = [PLATFORM_CONNECTOR, ...CONNECTORS];

/**
 * `real` (runtime/connectors/config.ts): connectors that send through a
 * provider or simulator; each one sends first, then the local record is made,
 * so the platform keeps its delivery row whatever the provider.
 */
export function localConnectors(
  store: CaseStore,
  logFile?: string,
  real: readonly Connector[] = [],
): ReadonlyMap<string, Connector> {
  return new Map(
    CONNECTOR_NAMES.map((n) => {
      const local = localConnector(n, store, logFile);
      const r = real.find((c) => c.name === n);
      const deliver = async (m: OutboundMessage) => {
        const result = await r?.deliver(m);
        await local.deliver(m);
        return result;
      };
      return [n, r ? { name: n, description: r.description, deliver } : local];
    }),
  );
}
