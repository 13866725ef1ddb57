/** Starts and stops deadline rows inside an event's transaction, with their reminders. */
import type { Procedure } from '../../spec/index.ts';
import type { EngineEffect } from '../engine/types.ts';
import { CHANNEL_CONNECTOR, enqueue, recipientsOf } from './outbox.ts';
import { referenceOrDraft } from './reference.ts';
import { call, type Step } from './steps.ts';
import type { CaseRow } from './schema.ts';

export type DeadlineEnd = 'stopped' | 'expired';

/**
 * Ends the running instances of deadline `name` on the case — only the one
 * against `party` when given (a per-party deadline) — and returns their ids.
 * Their pending reminders stay queued: the outbox worker drops a reminder whose
 * deadline no longer runs when its time comes (one write less per event).
 */
export function* endDeadline(
  caseId: string,
  name: string,
  how: DeadlineEnd,
  at: string,
  seq: number | null,
  party?: string,
): Step<number[]> {
  const running = (yield* call('runningDeadlineNamed', { caseId, name })).filter(
    (r) => party === undefined || r.party === party,
  );
  for (const { id } of running) yield* call('endDeadline', { id, status: how, at, seq });
  return running.map((r) => r.id);
}

/** Starts a deadline (restarting it if it was running) and queues its reminders. */
export function* startDeadlineRow(
  procedure: Procedure,
  c: CaseRow,
  e: Extract<EngineEffect, { type: 'deadline.start' }>,
  at: string,
  seq: number,
): Step<number> {
  // The instance restarted: the same deadline, against the same party (or the one instance of a plain deadline).
  for (const r of yield* call('runningDeadlineNamed', { caseId: c.id, name: e.deadline })) {
    if ((r.party ?? undefined) === e.party)
      yield* call('endDeadline', { id: r.id, status: 'stopped', at, seq });
  }
  const id = yield* call('insertDeadline', {
    caseId: c.id,
    court: c.court,
    deadline: e.deadline,
    party: e.party ?? null,
    duration: e.duration,
    startedAt: at,
    startDate: e.startDate,
    due: e.due,
    dueAt: e.dueAt,
    explanation: e.explanation,
    startedSeq: seq,
  });
  const label = procedure.deadlines[e.deadline]?.label ?? e.deadline;
  for (const [i, r] of e.reminders.entries()) {
    for (const role of r.roles) {
      for (const recipient of yield* recipientsOf(procedure, c, role)) {
        for (const channel of r.channels) {
          yield* enqueue(
            c,
            {
              kind: 'reminder',
              connector: CHANNEL_CONNECTOR[channel],
              recipient,
              subject: `[${referenceOrDraft(c.reference)}] Rappel : ${label}`,
              body: r.message,
              extra: { deadline: e.deadline, due: e.due, ...(e.party !== undefined && { party: e.party }) },
              dedupeKey: `reminder:${id}:${i}:${role}:${recipient.userId ?? '-'}:${channel}`,
              availableAt: r.fireAt,
              deadlineId: id,
            },
            at,
          );
        }
      }
    }
  }
  return id;
}
