/**
 * GET /api/cases: the cases the caller may see, through the same access rule
 * as a single case. `?queue=` (court actors' work queues): only cases where
 * one of the caller's roles has an action now, in the phase, state or with
 * the running deadline the queue names, soonest due first.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { rolesInCase, type Caller, canSee } from '../access/policy.ts';
import { isCourtRole, availableActions } from '../engine/actions.ts';
import type { FactRecord } from '../engine/types.ts';
import { deadlines, cases, documents, journalEvents, participants } from '../store/schema.ts';
import { daysUntil } from '../engine/dates.ts';
import { getCalendar } from '../time/index.ts';
import type { Runtime } from './context.ts';
import { groupBy } from './group-by.ts';

export interface CaseSummary {
  readonly id: string;
  readonly reference: string;
  readonly procedure: string;
  readonly version: string;
  readonly state: string;
  readonly stateLabel: string;
  readonly phase: string | null;
  readonly updatedAt: string;
  readonly roles: readonly string[];
  readonly actions: number;
  readonly nextDeadline?: { id: string; label: string; due: string; dueAt: string; daysLeft: number };
}

export function listCases(rt: Runtime, caller: Caller, queue?: string): CaseSummary[] {
  const db = rt.store.db;
  const mine = db
    .select({ caseId: participants.caseId })
    .from(participants)
    .where(eq(participants.userId, caller.id))
    .all();
  const ids = [...new Set(mine.map((m) => m.caseId))];
  const courtActor = caller.court != null && caller.roles.length > 0;
  const visible = courtActor
    ? or(eq(cases.court, caller.court as string), ids.length > 0 ? inArray(cases.id, ids) : undefined)
    : inArray(cases.id, ids);
  // Four queries whatever the number of cases (they were two per case): the cases, their
  // participants, their running deadlines with the visibility of the event that started each,
  // and their documents (an action whose connector acts on a missing document is not offered).
  const rows = db.select().from(cases).where(visible).orderBy(asc(cases.updatedAt)).all();
  const partsByCase = groupBy(
    db
      .select({ p: participants })
      .from(participants)
      .innerJoin(cases, eq(cases.id, participants.caseId))
      .where(visible)
      .all()
      .map((r) => r.p),
    (x) => x.caseId,
  );
  const docsByCase = groupBy(
    db
      .select({ caseId: documents.caseId, id: documents.id, kind: documents.kind, sha256: documents.sha256 })
      .from(documents)
      .innerJoin(cases, eq(cases.id, documents.caseId))
      .where(visible)
      .orderBy(asc(documents.journalSeq))
      .all(),
    (x) => x.caseId,
  );
  const deadlinesByCase = groupBy(
    db
      .select({ d: deadlines, visibleTo: journalEvents.visibleTo })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .innerJoin(
        journalEvents,
        and(eq(journalEvents.caseId, deadlines.caseId), eq(journalEvents.seq, deadlines.startedSeq)),
      )
      .where(and(visible, sql`${deadlines.status} = 'running'`))
      .orderBy(asc(deadlines.dueAt))
      .all(),
    (x) => x.d.caseId,
  );
  const now = rt.clock.now();
  const out: CaseSummary[] = [];
  for (const c of rows) {
    const p = rt.catalog.get(c.procedureId, c.procedureVersion);
    if (!p) continue;
    const roles = rolesInCase(p, caller, c, partsByCase.get(c.id) ?? []);
    if (roles.length === 0) continue;
    const state = p.states[c.state];
    const snapshot = {
      state: c.state,
      facts: JSON.parse(c.facts) as Record<string, FactRecord>,
      documents: docsByCase.get(c.id) ?? [],
    };
    const actions = state?.final ? [] : availableActions(p, snapshot, roles, rt.guards(p));
    const running = (deadlinesByCase.get(c.id) ?? [])
      .filter((r) => canSee(JSON.parse(r.visibleTo) as string[], roles))
      .map((r) => r.d);
    if (queue !== undefined) {
      if (actions.length === 0) continue;
      const inQueue =
        queue === '' ||
        queue === 'tout' ||
        state?.phase === queue ||
        c.state === queue ||
        running.some((d) => d.deadline === queue);
      if (!inQueue) continue;
    }
    const next = running[0];
    const tz = getCalendar(p.calendar).timeZone;
    out.push({
      id: c.id,
      reference: c.reference,
      procedure: c.procedureId,
      version: c.procedureVersion,
      state: c.state,
      stateLabel: state?.label ?? c.state,
      phase: state?.phase ?? null,
      updatedAt: c.updatedAt,
      roles,
      actions: actions.length,
      ...(next && {
        nextDeadline: {
          id: next.deadline,
          label: p.deadlines[next.deadline]?.label ?? next.deadline,
          due: next.due,
          dueAt: next.dueAt,
          daysLeft: daysUntil(now, next.due, tz),
        },
      }),
    });
  }
  out.sort(
    (a, b) =>
      (a.nextDeadline?.dueAt ?? '9999').localeCompare(b.nextDeadline?.dueAt ?? '9999') ||
      b.updatedAt.localeCompare(a.updatedAt),
  );
  return out;
}

/** Whether the caller acts as a court actor in at least one loaded procedure. */
export function isCourtActor(rt: Runtime, caller: Caller): boolean {
  return (
    caller.court != null &&
    rt.catalog.procedures.some((p) => caller.roles.some((r) => isCourtRole(p.roles[r])))
  );
}
