/**
 * A hybrid-mail provider on loopback (hybrid-mail.ts's shape): it accepts a
 * letter once per idempotency key, keeps its PDF, gives a registered letter a
 * tracking number, and posts its tracking events to the platform's webhook,
 * signed, when told to (`track`) — the way a real letter is delivered, left
 * unclaimed or returned, days later.
 */
import type { WebhookKey } from '../webhooks/signature.ts';
import { type PartnerSimulator, startPartnerSimulator } from '../webhooks/partner-http.ts';
import type { WebhookSender } from '../webhooks/partners.ts';
import type { LetterRequest, TrackingStatus } from './hybrid-mail.ts';

export interface SimulatedLetter {
  readonly id: string;
  readonly trackingNumber: string | null;
  readonly request: LetterRequest;
  readonly pdf: Buffer;
}

export interface PostSimulator extends PartnerSimulator {
  readonly letters: readonly SimulatedLetter[];
  /** Posts a tracking event of a letter to the platform. */
  track(letterId: string, status: TrackingStatus): Promise<void>;
}

export async function startPostSimulator(o: {
  readonly keys: readonly WebhookKey[];
  readonly webhook: () => WebhookSender;
  readonly port?: number;
}): Promise<PostSimulator> {
  const letters: SimulatedLetter[] = [];
  const sim = await startPartnerSimulator({
    keys: o.keys,
    ...(o.port !== undefined && { port: o.port }),
    onRequest: (r) => {
      const request = r.payload as unknown as LetterRequest;
      const n = letters.length + 1;
      const id = `pli-${n}`;
      const trackingNumber = request.service === 'recommande_ar' ? `1A${String(100000000 + n)}` : null;
      letters.push({ id, trackingNumber, request, pdf: Buffer.from(request.pdf, 'base64') });
      return { id, status: 'accepted', ...(trackingNumber && { trackingNumber }) };
    },
  });
  return {
    ...sim,
    letters,
    async track(letterId, status) {
      const l = letters.find((x) => x.id === letterId);
      if (!l) throw new Error(`Pli ${letterId} inconnu.`);
      await o.webhook().post({
        id: `suivi-${letterId}-${status}`,
        type: 'courrier.suivi',
        caseId: l.request.caseId,
        data: { letterId, outboxId: l.request.outboxId, status, trackingNumber: l.trackingNumber },
      });
    },
  };
}
