/**
 * Deadline expiry, pure: which running deadlines are due at an instant, in due
 * order, the event each fires (the spec's `on_expiry.event`, fired by the
 * system through the reducer), and the case once a deadline expired without
 * an event. The scheduler (runtime/scheduler) and the journeys
 * (runtime/engine/journeys.ts) both expire deadlines through these functions.
 */
import type { Procedure } from '../../spec/index.ts';
import type { CaseSnapshot, Command } from './types.ts';

export interface DueExpiry {
  /** The deadline's spec id. */
  readonly deadline: string;
  readonly dueAt: string;
  /** The automatic event its expiry fires; undefined when it only alerts. */
  readonly event?: string;
}

/** The deadlines of `snapshot` due at `now` (expired at or before it), earliest first. */
export function dueExpiries(
  procedure: Procedure,
  snapshot: Pick<CaseSnapshot, 'runningDeadlines'>,
  now: Date,
): DueExpiry[] {
  const at = now.getTime();
  return snapshot.runningDeadlines
    .filter((d) => Date.parse(d.dueAt) <= at)
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))
    .map((d) => {
      const event = procedure.deadlines[d.deadline]?.onExpiry.event;
      return { deadline: d.deadline, dueAt: d.dueAt, ...(event !== undefined && { event }) };
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
  };
}

/** The case after `deadline` expired without an event (none declared, or the case moved on): it no longer runs. */
export function expiredWithoutEvent(snapshot: CaseSnapshot, deadline: string): CaseSnapshot {
  return { ...snapshot, runningDeadlines: snapshot.runningDeadlines.filter((d) => d.deadline !== deadline) };
}
