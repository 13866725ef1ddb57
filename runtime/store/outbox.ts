/**
 * Writes outbox messages inside the event's transaction: one row per
 * recipient and channel, each with a dedupe key so the same effect is never
 * queued twice. Delivery happens later (connectors/outbox-worker.ts).
 */
import type { Channel, Procedure } from '../../spec/index.ts';
import { isCourtRole } from '../engine/actions.ts';
import { canonicalJson } from '../engine/hash.ts';
import { call, type Step } from './steps.ts';
import type { CaseRow } from './schema.ts';

export interface Recipient {
  readonly role: string;
  /** Undefined while nobody holds the role in the case (e.g. a defendant not yet identified). */
  readonly userId?: string;
  readonly name: string;
}

/** Who receives what is addressed to `role` in case `c`: its participants (and their representatives), or the court's actors. */
export function* recipientsOf(procedure: Procedure, c: CaseRow, role: string): Step<Recipient[]> {
  const spec = procedure.roles[role];
  if (isCourtRole(spec)) {
    const court = yield* call('usersOfCourt', { court: c.court });
    const holders = court.filter((u) => (JSON.parse(u.roles) as string[]).includes(role));
    return holders.length > 0
      ? holders.map((u) => ({ role, userId: u.id, name: u.name }))
      : [{ role, name: spec?.label ?? role }];
  }
  const rows = yield* call('participantsOf', { caseId: c.id });
  const holders = rows.filter((p) => p.role === role || p.onBehalfOf === role);
  if (holders.length === 0) return [{ role, name: spec?.label ?? role }];
  return holders.map((p) => ({ role, userId: p.userId, name: p.name }));
}

/** Connector that carries a notification channel (`plateforme`: the platform's own inbox). */
export const CHANNEL_CONNECTOR: Readonly<Record<Channel, string>> = {
  plateforme: 'plateforme',
  courriel: 'courriel',
  sms: 'sms',
  courrier: 'lettre_simple',
};

export interface Message {
  readonly kind: 'notify' | 'call' | 'reminder' | 'alert' | 'invitation';
  readonly connector: string;
  readonly recipient: Recipient;
  readonly subject: string;
  readonly body: string;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Unique per effect and recipient: a replayed write is ignored. */
  readonly dedupeKey: string;
  readonly availableAt: string;
  readonly deadlineId?: number;
}

export function* enqueue(c: CaseRow, m: Message, now: string): Step<void> {
  yield* call('insertOutbox', {
    caseId: c.id,
    kind: m.kind,
    connector: m.connector,
    recipientRole: m.recipient.role || null,
    recipientUser: m.recipient.userId ?? null,
    payload: canonicalJson({
      caseId: c.id,
      reference: c.reference,
      recipient: m.recipient.name,
      subject: m.subject,
      body: m.body,
      ...m.extra,
    }),
    dedupeKey: m.dedupeKey,
    availableAt: m.availableAt,
    deadlineId: m.deadlineId ?? null,
    createdAt: now,
  });
}
