/**
 * The alerts of a deadline's expiry (`on_expiry.alert`): one outbox message
 * per role holder and channel, queued inside the transaction that records the
 * expiry (the automatic event's, or the expiry's own). Idempotent by dedupe key.
 */
import type { Procedure } from '../../spec/index.ts';
import { formatDateFr } from '../engine/dates.ts';
import { rolesConcerning } from '../engine/instances.ts';
import { enqueue, recipientsOf } from './outbox.ts';
import { referenceOrDraft } from './reference.ts';
import { call, type Step } from './steps.ts';
import type { CaseRow, DeadlineRow } from './schema.ts';

/** Queues the expiry alerts of deadline row `d` (idempotent by dedupe key). */
export function* queueAlerts(p: Procedure, c: CaseRow, d: DeadlineRow, at: string): Step<void> {
  const def = p.deadlines[d.deadline];
  if (!def) return;
  const party = d.party ?? undefined;
  const against = party === undefined ? '' : ` à l’égard de la partie « ${p.roles[party]?.label ?? party} »`;
  const body =
    (def.onExpiry.message !== undefined &&
      `${def.onExpiry.message}${against ? ` (Délai expiré${against}.)` : ''}`) ||
    `Le délai « ${def.label} » de l’affaire ${referenceOrDraft(c.reference)} a expiré${against} le ${formatDateFr(d.due)} à 24 h.`;
  // A per-party instance alerts its own party, not the others (runtime/engine/instances.ts).
  for (const role of rolesConcerning(p, def.onExpiry.alert, party)) {
    for (const recipient of yield* recipientsOf(p, c, role)) {
      for (const connector of ['plateforme', 'courriel']) {
        yield* enqueue(
          c,
          {
            kind: 'alert',
            connector,
            recipient,
            subject: `[${referenceOrDraft(c.reference)}] Délai expiré : ${def.label}`,
            body,
            extra: { deadline: d.deadline, due: d.due, ...(party !== undefined && { party }) },
            dedupeKey: `alert:${d.id}:${role}:${recipient.userId ?? '-'}:${connector}`,
            availableAt: at,
          },
          at,
        );
      }
    }
  }
}

/**
 * Expires deadline `d` without a transition: ends it, touches the case and
 * queues its expiry alerts. False when it no longer ran (another instance, or
 * an earlier run, ended it): nothing is written then.
 */
export function* expireDeadline(p: Procedure, c: CaseRow, d: DeadlineRow, at: string): Step<boolean> {
  if ((yield* call('endDeadline', { id: d.id, status: 'expired', at, seq: null })) === 0) return false;
  yield* call('touchCase', { id: c.id, at });
  yield* queueAlerts(p, c, d, at);
  return true;
}
