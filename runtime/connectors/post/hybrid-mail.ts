/**
 * Post: the cascade's simple and registered letters, sent as print-ready PDFs
 * through a hybrid-mail provider (the provider prints, envelopes and posts;
 * a registered letter comes back with its tracking events). The provider's
 * API here is the platform's own neutral shape — one signed JSON request per
 * letter with an `Idempotency-Key` (webhooks/partner-http.ts), tracking
 * events back by signed webhook (`courrier.suivi`) — to be bridged to the
 * chosen provider's API; the simulator (simulator.ts) speaks it on loopback.
 * Maileva's own API (La Poste) is the other client (maileva.ts), chosen by
 * configuration (GREFFE_POSTE_API=maileva).
 */
import { renderLetterPdf } from '../../acts/letter-pdf.ts';
import { type Connector, type OutboundMessage, UndeliverableError } from '../connector.ts';

/**
 * What sends a letter to the provider, once per idempotency key: the neutral shape's signed request
 * (webhooks/partner-http.ts PartnerClient) or Maileva's API (maileva.ts MailevaClient).
 */
export interface LetterClient {
  request(idempotencyKey: string, payload: unknown): Promise<Record<string, unknown>>;
}

/** What a tracking event says (the post's words: distribué, avisé non réclamé, retourné à l'expéditeur). */
export const TRACKING_STATUSES = {
  distribue: 'distribuée',
  avise_non_reclame: 'avisée et non réclamée',
  retourne: 'retournée à l’expéditeur',
} as const;
export type TrackingStatus = keyof typeof TRACKING_STATUSES;

export interface LetterRequest {
  readonly caseId: string;
  readonly outboxId: number;
  readonly reference: string;
  readonly service: 'simple' | 'recommande_ar';
  readonly recipient: { readonly name: string; readonly address: string };
  /** The print-ready PDF, base64. */
  readonly pdf: string;
}

export interface PostOptions {
  readonly addressOf: (
    m: OutboundMessage,
  ) => Promise<{ name: string; address: string } | undefined> | { name: string; address: string } | undefined;
  /** The sealed PDF of the act a `call` sends (runtime/acts/issue.ts). */
  readonly actPdf?: (caseId: string, ref: { kind: string; id?: string }) => Promise<Uint8Array | undefined>;
  readonly court: (caseId: string) => Promise<string>;
  readonly today: () => string;
  readonly notice?: string;
}

export function postConnector(
  name: 'lettre_simple' | 'lettre_recommandee',
  client: LetterClient,
  o: PostOptions,
): Connector {
  const registered = name === 'lettre_recommandee';
  return {
    name,
    description: registered
      ? 'Lettre recommandée avec avis de réception — PDF imprimable confié au prestataire de courrier hybride, suivi par webhook.'
      : 'Lettre simple — PDF imprimable confié au prestataire de courrier hybride.',
    async deliver(m) {
      if (!m.caseId) throw new UndeliverableError('Lettre sans affaire.');
      const to = await o.addressOf(m);
      if (!to)
        throw new UndeliverableError(
          `Aucune adresse postale connue pour ${m.recipient.name || 'le destinataire'}.`,
        );
      const enclosure = m.document && o.actPdf ? await o.actPdf(m.caseId, m.document) : undefined;
      if (m.document && !enclosure)
        throw new Error(`Acte « ${m.document.kind} » introuvable pour la lettre.`);
      const pdf = await renderLetterPdf({
        court: await o.court(m.caseId),
        reference: m.reference,
        recipient: to,
        subject: m.subject.replace(/^\[[^\]]*\]\s*/, ''),
        body: m.body,
        date: o.today(),
        ...(registered && { mention: 'Lettre recommandée avec avis de réception' }),
        ...(enclosure && { enclosure }),
        ...(o.notice && { notice: o.notice }),
      });
      const request: LetterRequest = {
        caseId: m.caseId,
        outboxId: m.outboxId,
        reference: m.reference,
        service: registered ? 'recommande_ar' : 'simple',
        recipient: to,
        pdf: Buffer.from(pdf).toString('base64'),
      };
      const answer = await client.request(`outbox-${m.outboxId}`, request);
      const id = typeof answer.id === 'string' ? answer.id : undefined;
      if (!id) throw new Error('Prestataire de courrier : réponse sans identifiant de pli.');
      const tracking = typeof answer.trackingNumber === 'string' ? answer.trackingNumber : undefined;
      return { providerId: id, detail: tracking ? `pli n° ${tracking}` : `pli ${id}` };
    },
  };
}
