/**
 * Fires due deadlines. Everything it needs is in the database (deadline rows
 * with their due instant), so a restart loses nothing: on start, then
 * periodically, after a development clock move, and for one case just before
 * any event is decided on it (a late act never slips in before an expiry).
 * At expiry: the spec's automatic event through the same engine path
 * (actor: the system) and alerts to the roles `on_expiry.alert` names, in the
 * transition's own transaction. Reminders are outbox rows due at their date.
 */
import type { Procedure } from '../../spec/index.ts';
import { dueExpiries, expiryCommand } from '../engine/expiry.ts';
import type { GreffeError } from '../errors.ts';
import { fireSystemEvent } from '../service/fire-event.ts';
import type { Runtime } from '../service/context.ts';
import type { CaseRow, DeadlineRow } from '../store/case-store.ts';

export interface SchedulerReport {
  /** Automatic transitions fired. */
  fired: number;
  /** Deadlines that expired without a transition (alert only, or the event no longer applied). */
  expired: number;
  refusals: { caseId: string; deadline: string; code: string }[];
}

/** Ends the deadline and queues its expiry alerts (store/expiry-alerts.ts), in one transaction. */
async function expireWithoutTransition(
  rt: Runtime,
  p: Procedure,
  c: CaseRow,
  d: DeadlineRow,
  at: string,
): Promise<void> {
  await rt.store.expireDeadline(p, c, d, at);
  rt.afterCommit();
}

/**
 * Expires the deadlines of case `caseId` due now, one at a time in due order
 * (runtime/engine/expiry.ts, as the journeys do): each fires its event through
 * the reducer, or expires alone.
 */
async function expireCase(rt: Runtime, caseId: string, report: SchedulerReport): Promise<void> {
  for (;;) {
    const c = await rt.store.getCase(caseId);
    const p = c ? rt.catalog.get(c.procedureId, c.procedureVersion) : undefined;
    if (!c || !p) {
      console.error(
        `greffe : délais de l’affaire ${caseId} ignorés (affaire ou version de procédure introuvable).`,
      );
      return;
    }
    const now = rt.clock.now();
    const rows = await rt.store.dueDeadlines(now.toISOString(), 100, caseId);
    if (rows.length === 0) return;
    // Every running instance, not only the due ones: a per-party deadline fires its event with its last instance.
    const [due] = dueExpiries(p, await rt.store.caseSnapshot(c), now);
    const d = due && rows.find((r) => r.deadline === due.deadline && (r.party ?? undefined) === due.party);
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
    await expireWithoutTransition(rt, p, c, d, at);
    report.expired++;
    return;
  }
  const { event } = command;
  const r = await fireSystemEvent(rt, p, c, command, d.id, { deadline: d, at });
  if ('seq' in r) {
    report.fired++;
    return;
  }
  const refused: GreffeError = r.refused;
  // The case moved on without stopping the deadline: it expires, the court is alerted, and the journal stays as it is.
  console.error(
    `greffe : à l’expiration du délai ${d.deadline} (${c.reference}), « ${event} » refusé : ${refused.code}.`,
  );
  await expireWithoutTransition(rt, p, c, d, at);
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
      !(await this.rt.store.hasDueDeadline(caseId, this.rt.clock.now().toISOString()))
    ) {
      return report;
    }
    const seen = new Set<string>();
    for (;;) {
      const now = this.rt.clock.now().toISOString();
      const due = (await this.rt.store.dueDeadlines(now, 100, caseId)).filter((d) => !seen.has(d.caseId));
      if (due.length === 0) return report;
      for (const d of due) {
        if (seen.has(d.caseId)) continue;
        seen.add(d.caseId);
        await expireCase(this.rt, d.caseId, report);
      }
    }
  }
}
