/**
 * The store operations of the shared write logic (steps.ts) on SQLite: the
 * prepared statements of queries.ts, run synchronously on the one
 * better-sqlite3 connection (hence inside whatever transaction is open on it).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { Keyring } from './personal-data.ts';
import type { Queries } from './queries.ts';
import type * as schema from './schema.ts';
import { caseKeys, cases, counters, documents, invitations, receipts } from './schema.ts';
import type { Ops } from './steps.ts';

export function sqliteOps(db: BetterSQLite3Database<typeof schema>, q: Queries, keyring: Keyring): Ops {
  const caseKey = db
    .select({ key: caseKeys.key })
    .from(caseKeys)
    .where(eq(caseKeys.caseId, sql.placeholder('caseId')))
    .prepare();
  const pendingInvitation = db
    .select({ caseId: invitations.caseId, role: invitations.role, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.codeHash, sql.placeholder('codeHash')), isNull(invitations.usedAt)))
    .prepare();
  const receiptOf = db
    .select({ journalSeq: receipts.journalSeq })
    .from(receipts)
    .where(eq(receipts.key, sql.placeholder('key')))
    .prepare();
  return {
    caseById: (a) => q.caseById.get(a),
    idempotencyOf: (a) => q.idempotencyOf.get(a),
    participantsOf: (a) => q.participantsOf.all(a),
    participantByRole: (a) => q.participantByRole.get(a),
    usersOfCourt: (a) => q.usersOfCourt.all(a),
    runningDeadlineNamesOf: (a) => q.runningDeadlineNamesOf.all(a),
    documentRefsOf: (a) => q.documentRefsOf.all(a),
    runningDeadlineNamed: (a) => q.runningDeadlineNamed.all(a),
    insertJournal: (a) => Number(q.insertJournal.run(a).lastInsertRowid),
    moveCaseHead: (a) => {
      q.moveCaseHead.run(a);
    },
    moveCaseState: (a) => q.moveCaseState.run(a).changes,
    migrateCaseRow: (a) => q.migrateCaseRow.run(a).changes,
    touchCase: (a) => {
      q.touchCase.run(a);
    },
    insertDeadline: (a) => {
      const id = Number(q.insertDeadline.run(a).lastInsertRowid);
      q.countRunning.run({ caseId: a.caseId, by: 1 });
      return id;
    },
    endDeadline: (a) => {
      const ended = q.endDeadline.get(a);
      if (!ended) return 0;
      q.countRunning.run({ caseId: ended.caseId, by: -1 });
      return 1;
    },
    insertOutbox: (a) => {
      q.insertOutbox.run(a);
    },
    insertIdempotency: (a) => {
      q.insertIdempotency.run(a);
    },
    insertParticipant: (a) => {
      q.insertParticipant.run(a);
    },
    insertInvitation: (a) => {
      q.insertInvitation.run(a);
    },
    insertDocument: (a) => {
      db.insert(documents).values(a).run();
    },
    insertCase: (a) => {
      db.insert(cases).values(a).run();
    },
    caseKey: ({ caseId }) => {
      const row = caseKey.get({ caseId });
      return row === undefined ? undefined : row.key === null ? null : keyring.unwrap(caseId, row.key);
    },
    insertCaseKey: ({ caseId, createdAt }) => {
      db.insert(caseKeys)
        .values({ caseId, key: keyring.newWrappedKey(caseId), createdAt })
        .run();
    },
    nextCounter: ({ name }) =>
      db
        .insert(counters)
        .values({ name, value: 1 })
        .onConflictDoUpdate({ target: counters.name, set: { value: sql`${counters.value} + 1` } })
        .returning({ value: counters.value })
        .get().value,
    assignReference: ({ id, reference }) =>
      db
        .update(cases)
        .set({ reference })
        .where(and(eq(cases.id, id), isNull(cases.reference)))
        .run().changes,
    pendingInvitation: (a) => pendingInvitation.get(a),
    useInvitations: ({ caseId, role, at, userId }) => {
      db.update(invitations)
        .set({ usedAt: at, usedBy: userId })
        .where(and(eq(invitations.caseId, caseId), eq(invitations.role, role), isNull(invitations.usedAt)))
        .run();
    },
    receiptOf: (a) => receiptOf.get(a),
    insertReceipt: (a) => {
      db.insert(receipts).values(a).run();
    },
  };
}
