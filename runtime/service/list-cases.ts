/**
 * GET /api/cases: the cases the caller may see, through the same access rule
 * as a single case. `?queue=` (court actors' work queues): only cases where
 * one of the caller's roles has an action now, in the phase, state or with
 * the running deadline the queue names, soonest due first.
 */
import { rolesInCase, type Caller, canSee } from '../access/policy.ts';
import { isCourtRole, availableActions } from '../engine/actions.ts';
import type { FactRecord } from '../engine/types.ts';
import { daysUntil } from '../engine/dates.ts';
import { caseCalendar, rolesConcerning } from '../engine/instances.ts';
import type { Runtime } from './context.ts';
import { groupBy } from './group-by.ts';

export interface CaseSummary {
  readonly id: string;
  /** Null for a draft: no docket number until it is filed. */
  readonly reference: string | null;
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

export async function listCases(rt: Runtime, caller: Caller, queue?: string): Promise<CaseSummary[]> {
  const courtActor = caller.court != null && caller.roles.length > 0;
  const found = await rt.store.listCases({
    userId: caller.id,
    court: courtActor ? (caller.court ?? null) : null,
  });
  const rows = found.cases;
  const partsByCase = groupBy(found.participants, (x) => x.caseId);
  const docsByCase = groupBy(found.documents, (x) => x.caseId);
  const deadlinesByCase = groupBy(found.deadlines, (x) => x.deadline.caseId);
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
      runningDeadlines: (deadlinesByCase.get(c.id) ?? []).map((r) => r.deadline),
    };
    const actions = state?.final ? [] : availableActions(p, snapshot, roles, rt.guards(p));
    const running = (deadlinesByCase.get(c.id) ?? [])
      .filter((r) => canSee(JSON.parse(r.visibleTo) as string[], roles))
      .map((r) => r.deadline)
      .filter((d) => d.party === null || rolesConcerning(p, roles, d.party).length > 0);
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
    const tz = caseCalendar(p, c.court).timeZone;
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
