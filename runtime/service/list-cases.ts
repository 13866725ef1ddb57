/**
 * GET /api/cases: the cases the caller may see, through the same access rule
 * as a single case. `?queue=` (court actors' work queues): only cases where
 * one of the caller's roles has an action now, in the phase, state or with
 * the running deadline the queue names, soonest due first.
 */
import { rolesInCase, type Caller, canSee } from '../access/policy.ts';
import { isCourtRole, availableActions } from '../engine/actions.ts';
import type { FactRecord } from '../engine/types.ts';
import { GreffeError } from '../errors.ts';
import type { CaseListRows, CaseRow, DeadlineRow } from '../store/case-store.ts';
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
  const summarize = summarizer(rt, caller, found, queue);
  const out: CaseSummary[] = [];
  for (const c of rows) {
    const s = summarize(c);
    if (s) out.push(s.summary);
  }
  out.sort(
    (a, b) =>
      (a.nextDeadline?.dueAt ?? '9999').localeCompare(b.nextDeadline?.dueAt ?? '9999') ||
      b.updatedAt.localeCompare(a.updatedAt),
  );
  return out;
}

type Summarized = { summary: CaseSummary; running: readonly DeadlineRow[] };

/** Summary of one listed case for `caller` (undefined: not theirs, or not in `queue`), with its running deadlines they see. */
function summarizer(
  rt: Runtime,
  caller: Caller,
  found: CaseListRows,
  queue: string | undefined,
): (c: CaseRow) => Summarized | undefined {
  const partsByCase = groupBy(found.participants, (x) => x.caseId);
  const docsByCase = groupBy(found.documents, (x) => x.caseId);
  const deadlinesByCase = groupBy(found.deadlines, (x) => x.deadline.caseId);
  const now = rt.clock.now();
  return (c) => {
    const p = rt.catalog.get(c.procedureId, c.procedureVersion);
    if (!p) return undefined;
    const roles = rolesInCase(p, caller, c, partsByCase.get(c.id) ?? []);
    if (roles.length === 0) return undefined;
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
      if (actions.length === 0) return undefined;
      const inQueue =
        queue === '' ||
        queue === 'tout' ||
        state?.phase === queue ||
        c.state === queue ||
        running.some((d) => d.deadline === queue);
      if (!inQueue) return undefined;
    }
    const next = running[0];
    const tz = caseCalendar(p, c.court).timeZone;
    const summary: CaseSummary = {
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
    };
    return { summary, running };
  };
}

export interface QueuePage {
  readonly cases: CaseSummary[];
  /** Cursor of the next page; null when this one is the last. */
  readonly next: string | null;
}

/** Default page size of the paged queue, and the largest a client may ask for. */
export const QUEUE_PAGE_SIZE = 50;
export const QUEUE_PAGE_MAX = 200;

/**
 * A keyset cursor, opaque to clients: the instant the last listed row was sorted by and its id
 * (`idPattern` says what an id looks like in this list). Both paged queues use it.
 */
const encodeCursor = (at: string, id: string | number) =>
  Buffer.from(`${at}|${id}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string, idPattern: string): { at: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = new RegExp(`^(\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z)\\|(${idPattern})$`).exec(text);
  if (!m) {
    throw new GreffeError(
      400,
      'INVALID_REQUEST',
      'Le curseur « cursor » est invalide : reprenez la file au début.',
      { field: 'cursor' },
    );
  }
  return { at: m[1] as string, id: m[2] as string };
}

const deadlineCursor = (cursor: string) => {
  const k = decodeCursor(cursor, '\\d{1,15}');
  return { dueAt: k.at, id: Number(k.id) };
};

const idleCursor = (cursor: string) => {
  const k = decodeCursor(cursor, '[A-Za-z0-9-]{1,64}');
  return { updatedAt: k.at, id: k.id };
};

/**
 * GET /api/cases?queue=…&limit=N[&cursor=…] for a court actor (issue 17): one
 * page of the court's work queue, filtered and ordered in the database. The
 * store scans the running deadlines of the court's cases by due date then id
 * after the cursor (index deadlines_court: the court is on the deadline row,
 * so only the court's rows are read); each case appears once, at its
 * soonest running deadline the caller sees (of the queue's name when the
 * queue names a deadline); actions are computed for the scanned cases only.
 * Same filter as the full list, but cases without a running deadline are not
 * in the paged queue (they have no due date to order by).
 */
export async function listQueuePage(
  rt: Runtime,
  caller: Caller,
  queue: string,
  limit: number,
  cursor: string | undefined,
): Promise<QueuePage> {
  if (caller.court == null || caller.roles.length === 0) {
    // Not a court actor: their own cases, few; one page.
    return { cases: await listCases(rt, caller, queue), next: null };
  }
  const named = rt.catalog.procedures.some((p) => p.deadlines[queue] !== undefined) ? queue : null;
  let after = cursor !== undefined ? deadlineCursor(cursor) : null;
  const out: CaseSummary[] = [];
  // The page's own rows first: most cases have one running deadline and a court actor acts on them, so
  // `limit` rows usually fill the page and only its cases are loaded; when some are skipped (not the
  // caller's, or listed at an earlier deadline), twice as many at a time after.
  let batch = limit;
  for (;;) {
    const scanned = await rt.store.queueDeadlines({
      court: caller.court,
      deadline: named,
      after,
      limit: batch,
    });
    const ids = [...new Set(scanned.map((d) => d.caseId))];
    const found = await rt.store.caseRowsIn(ids);
    const byId = new Map(found.cases.map((c) => [c.id, c]));
    const summarize = summarizer(rt, caller, found, queue);
    const done = new Map<string, Summarized | undefined>();
    for (const d of scanned) {
      after = { dueAt: d.dueAt, id: d.id };
      const c = byId.get(d.caseId);
      if (!c) continue;
      if (!done.has(c.id)) done.set(c.id, summarize(c));
      const s = done.get(c.id);
      // The case is listed at its first running deadline the caller sees (of the queue's name if any).
      const first = s?.running.find((r) => named === null || r.deadline === named);
      if (!s || first?.id !== d.id) continue;
      out.push(s.summary);
      if (out.length === limit) return { cases: out, next: encodeCursor(after.dueAt, after.id) };
    }
    if (scanned.length < batch) return { cases: out, next: null };
    batch = limit * 2;
  }
}

/**
 * GET /api/cases?deadline=none&queue=…&limit=N[&cursor=…] for a court actor
 * (issue 17): one page of the court's filed open cases WITHOUT a running
 * deadline where one of the caller's roles acts now (a claim just filed,
 * awaiting its summons…), least recently active first, then by id. The store
 * scans the partial index cases_idle (court, updated_at, id), which holds
 * only those cases (the case row counts its running deadlines); the same
 * filter as the full list (roles, actions, the queue's state or phase) is
 * applied to the scanned cases only. A queue naming a deadline (and no state
 * or phase) is empty here: its cases all have that deadline running.
 */
export async function listIdlePage(
  rt: Runtime,
  caller: Caller,
  queue: string,
  limit: number,
  cursor: string | undefined,
): Promise<QueuePage> {
  if (caller.court == null || caller.roles.length === 0) {
    const mine = await listCases(rt, caller, queue);
    return { cases: mine.filter((c) => c.nextDeadline === undefined), next: null };
  }
  const everyQueue = queue === '' || queue === 'tout';
  const namesDeadlineOnly =
    !everyQueue &&
    rt.catalog.procedures.some((p) => p.deadlines[queue] !== undefined) &&
    !rt.catalog.procedures.some(
      (p) => p.states[queue] !== undefined || Object.values(p.states).some((st) => st.phase === queue),
    );
  if (namesDeadlineOnly) return { cases: [], next: null };
  let after = cursor !== undefined ? idleCursor(cursor) : null;
  const out: CaseSummary[] = [];
  let batch = limit;
  for (;;) {
    const scanned = await rt.store.idleCases({ court: caller.court, after, limit: batch });
    const found = await rt.store.caseRowsIn(scanned.map((r) => r.id));
    const byId = new Map(found.cases.map((c) => [c.id, c]));
    const summarize = summarizer(rt, caller, found, everyQueue ? 'tout' : queue);
    for (const r of scanned) {
      after = { updatedAt: r.updatedAt, id: r.id };
      const c = byId.get(r.id);
      // A deadline started since the scan: the case is in the other queue now.
      const s = c && summarize(c);
      if (!s || s.summary.nextDeadline !== undefined) continue;
      out.push(s.summary);
      if (out.length === limit) return { cases: out, next: encodeCursor(after.updatedAt, after.id) };
    }
    if (scanned.length < batch) return { cases: out, next: null };
    batch = limit * 2;
  }
}

/** Whether the caller acts as a court actor in at least one loaded procedure. */
export function isCourtActor(rt: Runtime, caller: Caller): boolean {
  return (
    caller.court != null &&
    rt.catalog.procedures.some((p) => caller.roles.some((r) => isCourtRole(p.roles[r])))
  );
}
