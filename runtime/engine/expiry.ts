/**
 * Deadline expiry, pure: which running deadlines are due at an instant, in due
 * order, the event each fires (the spec's `on_expiry.event`, fired by the
 * system through the reducer), and the case once a deadline expired without
 * an event. The scheduler (runtime/scheduler) and the journeys
 * (runtime/engine/journeys.ts) both expire deadlines through these functions.
 */
import type { Procedure } from '../../spec/index.ts';
import { withoutInstance } from './instances.ts';
import type { CaseSnapshot, Command } from './types.ts';

export interface DueExpiry {
  /** The deadline's spec id. */
  readonly deadline: string;
  /** Per-party deadline: the party whose instance expires. */
  readonly party?: string;
  readonly dueAt: string;
  /**
   * The automatic event its expiry fires; undefined when it only alerts, or when
   * another instance of a per-party deadline still runs (the event waits for the last).
   */
  readonly event?: string;
}

/** The deadline instances of `snapshot` due at `now` (expired at or before it), earliest first. */
export function dueExpiries(
  procedure: Procedure,
  snapshot: Pick<CaseSnapshot, 'runningDeadlines'>,
  now: Date,
): DueExpiry[] {
  const at = now.getTime();
  const running = snapshot.runningDeadlines;
  const due = running
    .filter((d) => Date.parse(d.dueAt) <= at)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return due.map((d, i) => {
    // The last instance of its deadline: every other one expires before it (or has already).
    const earlier = new Set(due.slice(0, i));
    const last = running.every((x) => x === d || x.deadline !== d.deadline || earlier.has(x));
    const event = last ? procedure.deadlines[d.deadline]?.onExpiry.event : undefined;
    return {
      deadline: d.deadline,
      ...(d.party != null && { party: d.party }),
      dueAt: d.dueAt,
      ...(event !== undefined && { event }),
    };
  });
}

/** The system's command that fires `due`'s event on the case, or undefined when the deadline fires none. */
export function expiryCommand(snapshot: Pick<CaseSnapshot, 'version'>, due: DueExpiry): Command | undefined {
  if (due.event === undefined) return undefined;
  return {
    event: due.event,
    data: {},
    expectedVersion: snapshot.version,
    actor: { kind: 'system' },
    expired: due.deadline,
    ...(due.party !== undefined && { expiredParty: due.party }),
  };
}

/** The case after an instance of `deadline` (against `party`, if per party) expired without an event: it no longer runs. */
export function expiredWithoutEvent(snapshot: CaseSnapshot, deadline: string, party?: string): CaseSnapshot {
  return { ...snapshot, runningDeadlines: withoutInstance(snapshot.runningDeadlines, { deadline, party }) };
}
