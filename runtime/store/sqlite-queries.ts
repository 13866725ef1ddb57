/**
 * The SQLite store's less frequent reads and writes, built with drizzle on
 * each call (the hot ones are prepared once: queries.ts). Moved here from the
 * services that used to run them; same queries.
 */
import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type {
  CaseListRows,
  DeliveryRecord,
  IdleCaseRow,
  IdleScan,
  OutboxOutcome,
  StatsRows,
  NoticeRow,
  QueueDeadlineRow,
  QueueScan,
  UserDeadlineRow,
} from './case-store.ts';
import type { Db } from './open.ts';
import {
  cases,
  type DeadlineRow,
  deadlines,
  deliveries,
  type DocumentRow,
  documents,
  drafts,
  journalEvents,
  type OutboxRow,
  outbox,
  participants,
} from './schema.ts';

/** The cases `userId` takes part in, or (court actor) those of `court`, with their participants and running deadlines. */
export function listCaseRows(db: Db, filter: { userId: string; court: string | null }): CaseListRows {
  const mine = db
    .select({ caseId: participants.caseId })
    .from(participants)
    .where(eq(participants.userId, filter.userId))
    .all();
  const ids = [...new Set(mine.map((m) => m.caseId))];
  const visible =
    filter.court !== null
      ? or(eq(cases.court, filter.court), ids.length > 0 ? inArray(cases.id, ids) : undefined)
      : inArray(cases.id, ids);
  return caseRowsWhere(db, visible);
}

/** The cases `ids` (any order) with their participants, documents and running deadlines: a queue page. */
export function caseRowsIn(db: Db, ids: readonly string[]): CaseListRows {
  if (ids.length === 0) return { cases: [], participants: [], documents: [], deadlines: [] };
  return caseRowsWhere(db, inArray(cases.id, [...ids]));
}

function caseRowsWhere(db: Db, visible: SQL | undefined): CaseListRows {
  // Four queries whatever the number of cases (they were two per case): the cases, their
  // participants, their documents (an action whose connector acts on a missing document is not
  // offered) and their running deadlines with the visibility of the event that started each.
  const rows = db.select().from(cases).where(visible).orderBy(asc(cases.updatedAt)).all();
  const parts = db
    .select({ p: participants })
    .from(participants)
    .innerJoin(cases, eq(cases.id, participants.caseId))
    .where(visible)
    .all()
    .map((r) => r.p);
  const docs = db
    .select({ caseId: documents.caseId, id: documents.id, kind: documents.kind, sha256: documents.sha256 })
    .from(documents)
    .innerJoin(cases, eq(cases.id, documents.caseId))
    .where(visible)
    .orderBy(asc(documents.journalSeq))
    .all();
  const running = db
    .select({ deadline: deadlines, visibleTo: journalEvents.visibleTo })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .innerJoin(
      journalEvents,
      and(eq(journalEvents.caseId, deadlines.caseId), eq(journalEvents.seq, deadlines.startedSeq)),
    )
    .where(and(visible, sql`${deadlines.status} = 'running'`))
    .orderBy(asc(deadlines.dueAt))
    .all();
  return { cases: rows, participants: parts, documents: docs, deadlines: running };
}

/**
 * The court queue's scan: running deadlines of the cases of `court` (of one
 * deadline name when given), by due date then id, after the cursor. The
 * deadline row carries its case's court: the scan reads the index
 * deadlines_court (court, due_at, id) from the cursor on, and only the rows
 * of the page (plus those of other deadline names when one is asked), never
 * a case row nor another court's deadlines.
 */
export function queueDeadlines(sqlite: Database.Database, filter: QueueScan): QueueDeadlineRow[] {
  // Two ranges rather than a row value: SQLite seeks a row value (due_at, id) > (?, ?) on due_at only,
  // then would read every earlier row of the same due date (the bench's clones all share one).
  const scan = (range: string, limit: number, dueAt: string, id: number) =>
    sqlite
      .prepare(
        `SELECT d.id AS id, d.case_id AS caseId, d.due_at AS dueAt
         FROM deadlines d
         WHERE d.status = 'running' AND d.court = @court
           AND (@deadline IS NULL OR d.deadline = @deadline)
           AND ${range}
         ORDER BY d.due_at, d.id LIMIT @limit`,
      )
      .all({ court: filter.court, deadline: filter.deadline, dueAt, id, limit }) as QueueDeadlineRow[];
  const after = filter.after;
  if (!after) return scan('d.due_at > @dueAt', filter.limit, '', 0);
  const same = scan('d.due_at = @dueAt AND d.id > @id', filter.limit, after.dueAt, after.id);
  if (same.length === filter.limit) return same;
  return [...same, ...scan('d.due_at > @dueAt', filter.limit - same.length, after.dueAt, 0)];
}

/**
 * The « sans délai » queue's scan: the filed open cases of `court` with no running deadline, by last
 * activity then id, after the cursor. The partial index cases_idle (court, updated_at, id) holds those
 * cases only, so the scan reads the page's entries and nothing else. Two ranges, as in queueDeadlines.
 */
export function idleCases(sqlite: Database.Database, filter: IdleScan): IdleCaseRow[] {
  const scan = (range: string, limit: number, updatedAt: string, id: string) =>
    sqlite
      .prepare(
        `SELECT c.id AS id, c.updated_at AS updatedAt
         FROM cases c
         WHERE c.court = @court
           AND c.closed_at IS NULL AND c.running_deadlines = 0 AND c.reference IS NOT NULL
           AND ${range}
         ORDER BY c.updated_at, c.id LIMIT @limit`,
      )
      .all({ court: filter.court, updatedAt, id, limit }) as IdleCaseRow[];
  const after = filter.after;
  if (!after) return scan('c.updated_at > @updatedAt', filter.limit, '', '');
  const same = scan('c.updated_at = @updatedAt AND c.id > @id', filter.limit, after.updatedAt, after.id);
  if (same.length === filter.limit) return same;
  return [...same, ...scan('c.updated_at > @updatedAt', filter.limit - same.length, after.updatedAt, '')];
}

export function statsRows(db: Db, filter: { procedureId?: string; version?: string }): StatsRows {
  const which = and(
    filter.procedureId ? eq(cases.procedureId, filter.procedureId) : undefined,
    filter.version ? eq(cases.procedureVersion, filter.version) : undefined,
  );
  const rows = db.select().from(cases).where(which).all();
  // Every transition of those cases in one query (it was one query per case), in journal order.
  const transitions = db
    .select({
      caseId: journalEvents.caseId,
      transitionIndex: journalEvents.transitionIndex,
      at: journalEvents.at,
      data: journalEvents.data,
    })
    .from(journalEvents)
    .innerJoin(cases, eq(cases.id, journalEvents.caseId))
    .where(and(which, eq(journalEvents.kind, 'transition')))
    .orderBy(asc(journalEvents.caseId), asc(journalEvents.seq))
    .all();
  return { cases: rows, transitions };
}

export function documentOf(
  db: Db,
  caseId: string,
  docId: string,
): { row: DocumentRow; visibleTo: string } | undefined {
  const row = db
    .select()
    .from(documents)
    .where(and(eq(documents.id, docId), eq(documents.caseId, caseId)))
    .get();
  if (!row) return undefined;
  const item = db
    .select({ visibleTo: journalEvents.visibleTo })
    .from(journalEvents)
    .where(and(eq(journalEvents.caseId, caseId), eq(journalEvents.seq, row.journalSeq)))
    .get();
  return item ? { row, visibleTo: item.visibleTo } : undefined;
}

export function dueDeadlines(db: Db, now: string, limit: number, caseId?: string): DeadlineRow[] {
  return db
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
    .limit(limit)
    .all();
}

export function dueOutbox(db: Db, now: string, limit: number): OutboxRow[] {
  return (
    db
      .select()
      .from(outbox)
      // A literal, not a bound value: the partial index outbox_due applies only then.
      .where(and(sql`${outbox.status} = 'pending'`, lte(outbox.availableAt, now)))
      .orderBy(asc(outbox.availableAt), asc(outbox.id))
      .limit(limit)
      .all()
  );
}

export function markOutbox(db: Db, id: number, o: OutboxOutcome): void {
  const set =
    o.status === 'cancelled'
      ? { status: o.status }
      : o.status === 'delivered'
        ? { status: o.status, attempts: o.attempts, deliveredAt: o.at, lastError: null }
        : { status: o.status, attempts: o.attempts, lastError: o.error, availableAt: o.availableAt };
  db.update(outbox).set(set).where(eq(outbox.id, id)).run();
}

export function recordDelivery(db: Db, d: DeliveryRecord): boolean {
  return db.insert(deliveries).values(d).onConflictDoNothing().run().changes > 0;
}

export function saveDraft(db: Db, caseId: string, userId: string, data: string, savedAt: string): void {
  db.insert(drafts)
    .values({ caseId, userId, data, savedAt })
    .onConflictDoUpdate({ target: [drafts.caseId, drafts.userId], set: { data, savedAt } })
    .run();
}

/** The running deadlines of every case `userId` takes part in, soonest due first. */
export function userDeadlines(sqlite: Database.Database, userId: string): UserDeadlineRow[] {
  return sqlite
    .prepare(
      `SELECT d.id, d.case_id AS caseId, c.reference, c.procedure_id AS procedureId,
              c.procedure_version AS procedureVersion, d.deadline, d.due
         FROM deadlines d
         JOIN cases c ON c.id = d.case_id
        WHERE d.status = 'running'
          AND d.case_id IN (SELECT case_id FROM participants WHERE user_id = ?)
          -- a per-party instance belongs on the calendar of that party only
          AND (d.party IS NULL
               OR EXISTS (SELECT 1 FROM participants pa
                           WHERE pa.case_id = d.case_id AND pa.user_id = ? AND pa.role = d.party))
        ORDER BY d.due_at, d.id`,
    )
    .all(userId, userId) as UserDeadlineRow[];
}

/** The `plateforme` notices delivered to `userId`, newest first. */
export function userNotices(sqlite: Database.Database, userId: string, limit: number): NoticeRow[] {
  return sqlite
    .prepare(
      `SELECT o.id, o.case_id AS caseId, c.reference, o.payload,
              COALESCE(o.delivered_at, o.available_at) AS deliveredAt, r.read_at AS readAt
         FROM outbox o
         LEFT JOIN cases c ON c.id = o.case_id
         LEFT JOIN notice_reads r ON r.outbox_id = o.id
        WHERE o.connector = 'plateforme' AND o.recipient_user = ? AND o.status = 'delivered'
        ORDER BY o.id DESC
        LIMIT ?`,
    )
    .all(userId, limit) as NoticeRow[];
}

/** Marks a notice read by its recipient (the first reading is kept). */
export function markNoticeRead(sqlite: Database.Database, userId: string, id: number, at: string): boolean {
  const mine = sqlite
    .prepare(
      `SELECT 1 FROM outbox WHERE id = ? AND connector = 'plateforme' AND recipient_user = ? AND status = 'delivered'`,
    )
    .get(id, userId);
  if (!mine) return false;
  sqlite.prepare('INSERT OR IGNORE INTO notice_reads (outbox_id, read_at) VALUES (?, ?)').run(id, at);
  return true;
}
