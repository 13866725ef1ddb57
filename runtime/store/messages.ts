/** The outbox messages of an event's `notify` and `call` effects (inside the event's transaction). */
import type { Procedure } from '../../spec/index.ts';
import type { EngineEffect } from '../engine/types.ts';
import { CHANNEL_CONNECTOR, enqueue, recipientsOf } from './outbox.ts';
import { referenceOrDraft } from './reference.ts';
import { type IssuedCodes, reachRoleOnce, type SampleFor } from './participants.ts';
import type { CaseRow } from './schema.ts';
import type { Step } from './steps.ts';
import { RECEIPT_ATTACHMENT } from './receipt-mark.ts';

export interface MessageContext {
  readonly p: Procedure;
  readonly c: CaseRow;
  readonly seq: number;
  /** The event's own prefix of dedupe keys (its journal row: unique, increasing). */
  readonly tag: string;
  readonly at: string;
  readonly sample: SampleFor | undefined;
  /** Access codes issued in this event (one per role). */
  readonly issued: IssuedCodes;
  /** The filing's role: its e-mails carry the filing receipt (runtime/service/receipt.ts). */
  readonly receiptFor?: string;
  /** The event convenes a hearing or a session (engine/sessions.ts): its notices carry the video room. */
  readonly session?: boolean;
}

/** What a convocation's notices add (the room's address itself is the e-mail's, `visio`: connectors/mail). */
export const VIDEO_ROOM_LINE =
  'Vous pouvez y assister en visioconférence : le jour venu, ouvrez la page de l’affaire et choisissez « Rejoindre la salle d’audience en ligne ».';

/**
 * One message per recipient and channel. A party role nobody holds yet gets
 * an access code in the message (or, in development mode, its sample user).
 * A `call` with no role (the debtor's bank for an attachment) is one message
 * to the connector's own addressee.
 */
export function* queueMessages(x: MessageContext, e: EngineEffect, i: number): Step<void> {
  if (e.type !== 'notify' && e.type !== 'call') return;
  const { p, c, seq, tag, at } = x;
  const subject =
    e.type === 'notify'
      ? `[${referenceOrDraft(c.reference)}] Votre affaire`
      : `[${referenceOrDraft(c.reference)}] ${p.documents[e.document?.kind ?? '']?.label ?? 'Acte'}`;
  const session = e.type === 'notify' && x.session === true;
  const base =
    e.type === 'notify'
      ? `${e.message}${session ? `\n\n${VIDEO_ROOM_LINE}` : ''}`
      : `Transmission par le connecteur « ${e.connector} ».`;
  const extra =
    e.type === 'call' && e.document
      ? { extra: { document: e.document } }
      : session
        ? { extra: { visio: true } }
        : {};
  const channels = e.type === 'notify' ? e.channels.map((ch) => CHANNEL_CONNECTOR[ch]) : [e.connector];
  const roles = e.type === 'notify' ? e.roles : e.to;
  if (e.type === 'call' && roles.length === 0) {
    const recipient = { role: '', name: `destinataire du connecteur « ${e.connector} »` };
    const dedupeKey = `${tag}:${i}:-:-:${e.connector}`;
    yield* enqueue(
      c,
      {
        kind: 'call',
        connector: e.connector,
        recipient,
        subject,
        body: base,
        ...extra,
        dedupeKey,
        availableAt: at,
      },
      at,
    );
    return;
  }
  for (const role of roles) {
    const { code } = yield* reachRoleOnce(x.issued, p, c, role, at, seq, x.sample);
    const body = code
      ? `${base}\n\nCode d’accès à l’affaire ${referenceOrDraft(c.reference)} sur la plateforme : ${code}`
      : base;
    for (const recipient of yield* recipientsOf(p, c, role)) {
      for (const connector of channels) {
        const dedupeKey = `${tag}:${i}:${role}:${recipient.userId ?? '-'}:${connector}`;
        const receipt =
          e.type === 'notify' && connector === 'courriel' && role === x.receiptFor && recipient.userId
            ? { extra: { ...extra.extra, attach: RECEIPT_ATTACHMENT } }
            : {};
        yield* enqueue(
          c,
          {
            kind: e.type,
            connector,
            recipient,
            subject,
            body,
            ...extra,
            ...receipt,
            dedupeKey,
            availableAt: at,
          },
          at,
        );
      }
    }
  }
}
