/**
 * `greffe migrate`: moves the open cases of version `source` of a procedure to
 * version `target`, as the target's transitional provisions say
 * (runtime/engine/migration.ts). Plans are made on a database opened
 * read-only (a dry run writes nothing); a real run re-reads each case through
 * the store and journals its move in its own transaction (store/migration.ts).
 */
import type { Procedure } from '../../spec/index.ts';
import { type MigrationPlan, planMigration } from '../engine/migration.ts';
import type { CaseSnapshot, FactRecord } from '../engine/types.ts';
import { type AuditSource, type CaseStore, SYSTEM_ACTOR, VersionConflict } from '../store/case-store.ts';

export interface CaseMigration {
  readonly caseId: string;
  /** Null for a draft (no docket number until it is filed). */
  readonly reference: string | null;
  readonly plan: MigrationPlan;
  /** Real run: the journal number of the migration's item, once written. */
  readonly seq?: number;
}

type Planned = Pick<CaseSnapshot, 'state' | 'closed' | 'facts' | 'runningDeadlines'>;

/** What would happen to every case of `source` (read-only). */
export async function planCaseMigrations(
  src: AuditSource,
  source: Procedure,
  target: Procedure,
  now: Date,
): Promise<CaseMigration[]> {
  const out: CaseMigration[] = [];
  for (const c of await src.cases()) {
    if (c.procedureId !== source.id || c.procedureVersion !== source.version) continue;
    const rows = await src.caseRows(c.id);
    const snapshot: Planned = {
      state: c.state,
      closed: c.closedAt !== null,
      facts: JSON.parse(c.facts) as Record<string, FactRecord>,
      runningDeadlines: rows.deadlines
        .filter((d) => d.status === 'running')
        .map((d) => ({
          deadline: d.deadline,
          ...(d.party !== null && { party: d.party }),
          due: d.due,
          dueAt: d.dueAt,
        })),
    };
    out.push({
      caseId: c.id,
      reference: c.reference,
      plan: planMigration(source, target, snapshot, c.journalSeq + 1, now),
    });
  }
  return out;
}

/**
 * Journals the move of each case planned to move, planned again on the case
 * as the store reads it now (it may have changed since the dry plan).
 */
export async function migrateCases(
  store: CaseStore,
  planned: readonly CaseMigration[],
  source: Procedure,
  target: Procedure,
  now: Date,
): Promise<CaseMigration[]> {
  const out: CaseMigration[] = [];
  for (const m of planned) {
    if (m.plan.kind !== 'move') {
      out.push(m);
      continue;
    }
    const c = await store.getCase(m.caseId);
    if (!c || c.procedureVersion !== source.version) {
      out.push({ ...m, plan: { kind: 'stay', reason: 'affaire déjà passée à une autre version' } });
      continue;
    }
    const snapshot = await store.caseSnapshot(c);
    const plan = planMigration(source, target, snapshot, c.journalSeq + 1, now);
    if (plan.kind !== 'move') {
      out.push({ ...m, plan });
      continue;
    }
    try {
      const { seq } = await store.migrateCase({
        caseId: c.id,
        expectedVersion: c.version,
        expectedSeq: c.journalSeq,
        fromState: plan.fromState,
        toState: plan.toState,
        facts: plan.facts,
        data: plan.data,
        actorId: SYSTEM_ACTOR,
        at: now.toISOString(),
      });
      out.push({ ...m, plan, seq });
    } catch (e: unknown) {
      if (!(e instanceof VersionConflict)) throw e;
      out.push({
        ...m,
        plan: { kind: 'refused', reason: 'l’affaire a changé pendant la migration : relancez la commande' },
      });
    }
  }
  // The new journal items join the transparency log (runtime/transparency), as the server's would.
  await store.extendLog();
  return out;
}
