/**
 * The store operations of the shared write logic (steps.ts) on PostgreSQL,
 * each awaited on the transaction's own connection. The case row is read
 * `FOR UPDATE`: two instances writing to the same case queue behind each
 * other, so the second one reads the first one's journal head and version
 * (and an event decided on the old version is refused: VersionConflict).
 */
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import * as t from './pg-schema.ts';
import type { CaseRow, ParticipantRow, UserRow } from './schema.ts';
import type { Keyring } from './personal-data.ts';
import type { AsyncOps } from './steps.ts';

// biome-ignore lint/suspicious/noExplicitAny: the derived tables are untyped (pg-schema.ts); rows are typed by the ops.
export type PgExec = NodePgDatabase<Record<string, never>> | PgTransaction<any, any, any>;

const running = sql`${t.deadlines.status} = 'running'`;

export function pgOps(tx: PgExec, keyring: Keyring): AsyncOps {
  return {
    caseById: async ({ id }) =>
      (await tx.select().from(t.cases).where(eq(t.cases.id, id)).for('update'))[0] as CaseRow | undefined,
    idempotencyOf: async ({ userId, key }) =>
      (
        await tx
          .select({ caseId: t.idempotencyKeys.caseId })
          .from(t.idempotencyKeys)
          .where(and(eq(t.idempotencyKeys.userId, userId), eq(t.idempotencyKeys.key, key)))
      )[0] as { caseId: string } | undefined,
    participantsOf: async ({ caseId }) =>
      (await tx
        .select()
        .from(t.participants)
        .where(eq(t.participants.caseId, caseId))
        .orderBy(asc(t.participants.id))) as ParticipantRow[],
    participantByRole: async ({ caseId, role }) =>
      (
        await tx
          .select()
          .from(t.participants)
          .where(and(eq(t.participants.caseId, caseId), eq(t.participants.role, role)))
          .orderBy(asc(t.participants.id))
          .limit(1)
      )[0] as ParticipantRow | undefined,
    usersOfCourt: async ({ court }) =>
      (await tx.select().from(t.users).where(eq(t.users.court, court)).orderBy(asc(t.users.id))) as UserRow[],
    runningDeadlineNamesOf: async ({ caseId }) =>
      tx
        .select({
          deadline: t.deadlines.deadline,
          due: t.deadlines.due,
          dueAt: t.deadlines.dueAt,
          party: t.deadlines.party,
        })
        .from(t.deadlines)
        .where(and(eq(t.deadlines.caseId, caseId), running))
        .orderBy(asc(t.deadlines.id)),
    documentRefsOf: async ({ caseId }) =>
      tx
        .select({ id: t.documents.id, kind: t.documents.kind, sha256: t.documents.sha256 })
        .from(t.documents)
        // The reducer's documents: not the sealed PDFs issued from them (origin `acte`; queries.ts).
        .where(and(eq(t.documents.caseId, caseId), ne(t.documents.origin, 'acte')))
        .orderBy(asc(t.documents.journalSeq)),
    runningDeadlineNamed: async ({ caseId, name }) =>
      tx
        .select({ id: t.deadlines.id, party: t.deadlines.party })
        .from(t.deadlines)
        .where(and(eq(t.deadlines.caseId, caseId), eq(t.deadlines.deadline, name), running))
        .orderBy(asc(t.deadlines.id)),
    insertJournal: async (a) =>
      (
        (await tx.insert(t.journalEvents).values(a).returning({ id: t.journalEvents.id }))[0] as {
          id: number;
        }
      ).id,
    moveCaseHead: async ({ id, seq, hash, at }) => {
      await tx
        .update(t.cases)
        .set({ journalSeq: seq, lastHash: hash, updatedAt: at })
        .where(eq(t.cases.id, id));
    },
    moveCaseState: async (a) =>
      (
        await tx
          .update(t.cases)
          .set({
            journalSeq: a.seq,
            lastHash: a.hash,
            state: a.state,
            version: a.version,
            facts: a.facts,
            updatedAt: a.at,
            closedAt: sql`coalesce(${a.closedAt}::text, ${t.cases.closedAt})`,
          })
          .where(and(eq(t.cases.id, a.id), eq(t.cases.version, a.expectedVersion)))
      ).rowCount ?? 0,
    migrateCaseRow: async (a) =>
      (
        await tx
          .update(t.cases)
          .set({
            journalSeq: a.seq,
            lastHash: a.hash,
            procedureVersion: a.procedureVersion,
            state: a.state,
            version: a.version,
            facts: a.facts,
            updatedAt: a.at,
          })
          .where(and(eq(t.cases.id, a.id), eq(t.cases.version, a.expectedVersion)))
      ).rowCount ?? 0,
    touchCase: async ({ id, at }) => {
      await tx.update(t.cases).set({ updatedAt: at }).where(eq(t.cases.id, id));
    },
    // A deadline starts or ends: the case's count of running ones (cases_idle) moves with it.
    insertDeadline: async (a) => {
      const id = (
        (
          await tx
            .insert(t.deadlines)
            .values({ ...a, status: 'running' })
            .returning({ id: t.deadlines.id })
        )[0] as { id: number }
      ).id;
      await tx
        .update(t.cases)
        .set({ runningDeadlines: sql`${t.cases.runningDeadlines} + 1` })
        .where(eq(t.cases.id, a.caseId));
      return id;
    },
    endDeadline: async ({ id, status, at, seq }) => {
      const ended = await tx
        .update(t.deadlines)
        .set({ status, endedAt: at, endedSeq: seq })
        .where(and(eq(t.deadlines.id, id), running))
        .returning({ caseId: t.deadlines.caseId });
      const caseId = ended[0]?.caseId;
      if (caseId === undefined) return 0;
      await tx
        .update(t.cases)
        .set({ runningDeadlines: sql`${t.cases.runningDeadlines} - 1` })
        .where(eq(t.cases.id, caseId));
      return 1;
    },
    insertOutbox: async (a) => {
      await tx
        .insert(t.outbox)
        .values({ ...a, status: 'pending', attempts: 0 })
        .onConflictDoNothing({ target: t.outbox.dedupeKey });
    },
    insertIdempotency: async (a) => {
      await tx.insert(t.idempotencyKeys).values(a);
    },
    insertParticipant: async ({ caseId, role, userId, name, at }) => {
      await tx.insert(t.participants).values({ caseId, role, userId, name, createdAt: at, joinedAt: at });
    },
    insertInvitation: async ({ codeHash, caseId, role, at, seq }) => {
      await tx.insert(t.invitations).values({ codeHash, caseId, role, createdAt: at, createdSeq: seq });
    },
    insertDocument: async (a) => {
      await tx.insert(t.documents).values(a);
    },
    insertCase: async (a) => {
      await tx.insert(t.cases).values(a);
    },
    caseKey: async ({ caseId }) => {
      const row = (
        await tx.select({ key: t.caseKeys.key }).from(t.caseKeys).where(eq(t.caseKeys.caseId, caseId))
      )[0] as { key: string | null } | undefined;
      return row === undefined ? undefined : row.key === null ? null : keyring.unwrap(caseId, row.key);
    },
    insertCaseKey: async ({ caseId, createdAt }) => {
      await tx.insert(t.caseKeys).values({ caseId, key: keyring.newWrappedKey(caseId), createdAt });
    },
    nextCounter: async ({ name }) =>
      (
        (
          await tx
            .insert(t.counters)
            .values({ name, value: 1 })
            .onConflictDoUpdate({ target: t.counters.name, set: { value: sql`${t.counters.value} + 1` } })
            .returning({ value: t.counters.value })
        )[0] as { value: number }
      ).value,
    assignReference: async ({ id, reference }) =>
      (
        await tx
          .update(t.cases)
          .set({ reference })
          .where(and(eq(t.cases.id, id), isNull(t.cases.reference)))
      ).rowCount ?? 0,
    pendingInvitation: async ({ codeHash }) =>
      (
        await tx
          .select({
            caseId: t.invitations.caseId,
            role: t.invitations.role,
            createdAt: t.invitations.createdAt,
          })
          .from(t.invitations)
          .where(and(eq(t.invitations.codeHash, codeHash), isNull(t.invitations.usedAt)))
          .for('update')
      )[0] as { caseId: string; role: string; createdAt: string } | undefined,
    useInvitations: async ({ caseId, role, at, userId }) => {
      await tx
        .update(t.invitations)
        .set({ usedAt: at, usedBy: userId })
        .where(
          and(eq(t.invitations.caseId, caseId), eq(t.invitations.role, role), isNull(t.invitations.usedAt)),
        );
    },
    // Read after the case row is locked (journal.ts recordReceipt): a concurrent record of the same key has committed by then.
    receiptOf: async ({ key }) =>
      (
        await tx.select({ journalSeq: t.receipts.journalSeq }).from(t.receipts).where(eq(t.receipts.key, key))
      )[0] as { journalSeq: number } | undefined,
    insertReceipt: async (a) => {
      await tx.insert(t.receipts).values(a);
    },
  };
}
