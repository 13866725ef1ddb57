/**
 * Fires due deadlines. Everything it needs is in the database (deadline rows
 * with their due instant), so a restart loses nothing: on start, then
 * periodically, after a development clock move, and for one case just before
 * any event is decided on it (a late act never slips in before an expiry).
 * At expiry: the spec's automatic event through the same engine path
 * (actor: the system) and alerts to the roles `on_expiry.alert` names, in the
 * transition's own transaction. Reminders are outbox rows due at their date.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Procedure } from '../../spec/index.ts';
import { formatDateFr } from '../engine/dates.ts';
import { dueExpiries, expiryCommand } from '../engine/expiry.ts';
import type { GreffeError } from '../errors.ts';
import { fireSystemEvent } from '../service/fire-event.ts';
import type { Runtime } from '../service/context.ts';
import { getCase } from '../store/cases.ts';
import type { Queries } from '../store/queries.ts';
import { enqueue, recipientsOf } from '../store/outbox.ts';
import { type CaseRow, type DeadlineRow, deadlines } from '../store/schema.ts';

export interface SchedulerReport {
  /** Automatic transitions fired. */
  fired: number;
  /** Deadlines that expired without a transition (alert only, or the event no longer applied). */
  expired: number;
  refusals: { caseId: string; deadline: string; code: string }[];
}

/** Queues the expiry alerts of deadline row `d` (idempotent by dedupe key). */
function queueAlerts(q: Queries, p: Procedure, c: CaseRow, d: DeadlineRow, at: string): void {
  const def = p.deadlines[d.deadline];
  if (!def) return;
  const body =
    def.onExpiry.message ??
    `Le délai « ${def.label} » de l’affaire ${c.reference} a expiré le ${formatDateFr(d.due)} à 24 h.`;
  for (const role of def.onExpiry.alert) {
    for (const recipient of recipientsOf(q, p, c, role)) {
      for (const connector of ['plateforme', 'courriel']) {
        enqueue(
          q,
          c,
          {
            kind: 'alert',
            connector,
            recipient,
            subject: `[${c.reference}] Délai expiré : ${def.label}`,
            body,
            extra: { deadline: d.deadline, due: d.due },
            dedupeKey: `alert:${d.id}:${role}:${recipient.userId ?? '-'}:${connector}`,
            availableAt: at,
          },
          at,
        );
      }
    }
  }
}

function expireWithoutTransition(rt: Runtime, p: Procedure, c: CaseRow, d: DeadlineRow, at: string): void {
  const { q } = rt.store;
  rt.store.tx(() => {
    if (q.endDeadline.run({ id: d.id, status: 'expired', at, seq: null }).changes === 0) return;
    q.touchCase.run({ id: c.id, at });
    queueAlerts(q, p, c, d, at);
  });
  rt.afterCommit();
}

/**
 * Expires the deadlines of case `caseId` due now, one at a time in due order
 * (runtime/engine/expiry.ts, as the journeys do): each fires its event through
 * the reducer, or expires alone.
 */
async function expireCase(rt: Runtime, caseId: string, report: SchedulerReport): Promise<void> {
  for (;;) {
    const c = getCase(rt.store.q, caseId);
    const p = c ? rt.catalog.get(c.procedureId, c.procedureVersion) : undefined;
    if (!c || !p) {
      console.error(
        `greffe : délais de l’affaire ${caseId} ignorés (affaire ou version de procédure introuvable).`,
      );
      return;
    }
    const rows = rt.store.q.runningDeadlinesOf.all({ caseId });
    const [due] = dueExpiries(p, { runningDeadlines: rows }, rt.clock.now());
    const d = due && rows.find((r) => r.deadline === due.deadline);
    if (!due || !d) return;
    await expire(rt, p, c, d, expiryCommand({ version: c.version }, due), report);
  }
}

async function expire(
  rt: Runtime,
  p: Procedure,
  c: CaseRow,
  d: DeadlineRow,
  command: ReturnType<typeof expiryCommand>,
  report: SchedulerReport,
): Promise<void> {
  const at = rt.clock.now().toISOString();
  if (command === undefined) {
    expireWithoutTransition(rt, p, c, d, at);
    report.expired++;
    return;
  }
  const { event } = command;
  const r = await fireSystemEvent(rt, p, c, command, d.id, (row) => queueAlerts(rt.store.q, p, row, d, at));
  if ('seq' in r) {
    report.fired++;
    return;
  }
  const refused: GreffeError = r.refused;
  // The case moved on without stopping the deadline: it expires, the court is alerted, and the journal stays as it is.
  console.error(
    `greffe : à l’expiration du délai ${d.deadline} (${c.reference}), « ${event} » refusé : ${refused.code}.`,
  );
  expireWithoutTransition(rt, p, c, d, at);
  report.expired++;
  report.refusals.push({ caseId: c.id, deadline: d.deadline, code: refused.code });
}

export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly rt: Runtime,
    private readonly intervalMs = 30_000,
  ) {}

  start(): void {
    this.#timer ??= setInterval(() => {
      this.runDue().catch((err: unknown) => console.error('greffe : planificateur :', err));
    }, this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Resolves when no run is in progress. */
  idle(): Promise<unknown> {
    return this.#running;
  }

  /** Fires every deadline due now (of one case, or all); runs are serialized. */
  runDue(caseId?: string): Promise<SchedulerReport> {
    const run = this.#running.then(() => this.#run(caseId));
    this.#running = run.catch(() => undefined);
    return run;
  }

  async #run(caseId?: string): Promise<SchedulerReport> {
    const report: SchedulerReport = { fired: 0, expired: 0, refusals: [] };
    // The per-case check runs before every event: one indexed lookup when nothing is due.
    if (
      caseId !== undefined &&
      !this.rt.store.q.dueDeadlinesOf.get({ caseId, now: this.rt.clock.now().toISOString() })
    ) {
      return report;
    }
    const seen = new Set<string>();
    for (;;) {
      const now = this.rt.clock.now().toISOString();
      const due = this.rt.store.db
        .select()
        .from(deadlines)
        .where(
          and(
            // A literal, not a bound value: the partial index deadlines_due applies only then.
            sql`${deadlines.status} = 'running'`,
            lte(deadlines.dueAt, now),
            ...(caseId !== undefined ? [eq(deadlines.caseId, caseId)] : []),
          ),
        )
        .orderBy(asc(deadlines.dueAt))
        .limit(100)
        .all()
        .filter((d) => !seen.has(d.caseId));
      if (due.length === 0) return report;
      for (const d of due) {
        if (seen.has(d.caseId)) continue;
        seen.add(d.caseId);
        await expireCase(this.rt, d.caseId, report);
      }
    }
  }
}
