/**
 * The store's hot queries, prepared once per connection (drizzle `.prepare()`
 * with placeholders). Building a drizzle query and preparing its statement
 * costs tens of microseconds; an event and a case view run about twenty
 * queries, so reusing them is most of the runtime's speed (bench/runtime.bench.ts).
 * Statements run on the one better-sqlite3 connection, hence inside whatever
 * transaction is open on it.
 */
import { and, asc, eq, lte, ne, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { fastAll } from './fast-prepared.ts';
import * as schema from './schema.ts';

const {
  cases,
  deadlines,
  documents,
  drafts,
  idempotencyKeys,
  invitations,
  journalEvents,
  outbox,
  participants,
  users,
} = schema;
const p = sql.placeholder;
/** Written literally (not bound) so that the partial indexes on running deadlines apply. */
const running = sql`${deadlines.status} = 'running'`;
/** A placeholder where drizzle's `.set()` wants an SQL value. */
const v = (name: string) => sql`${sql.placeholder(name)}`;

export function prepareQueries(db: BetterSQLite3Database<typeof schema>) {
  return fastAll(preparedQueries(db));
}

/** The same queries as drizzle prepares them (fast-prepared.test.ts compares both). */
export function preparedQueries(db: BetterSQLite3Database<typeof schema>) {
  return {
    caseById: db
      .select()
      .from(cases)
      .where(eq(cases.id, p('id')))
      .prepare(),
    participantsOf: db
      .select()
      .from(participants)
      .where(eq(participants.caseId, p('caseId')))
      .prepare(),
    participantByRole: db
      .select()
      .from(participants)
      .where(and(eq(participants.caseId, p('caseId')), eq(participants.role, p('role'))))
      .prepare(),
    journalOf: db
      .select()
      .from(journalEvents)
      .where(eq(journalEvents.caseId, p('caseId')))
      .orderBy(asc(journalEvents.seq))
      .prepare(),
    documentsOf: db
      .select()
      .from(documents)
      .where(eq(documents.caseId, p('caseId')))
      .orderBy(asc(documents.journalSeq))
      .prepare(),
    runningDeadlinesOf: db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.caseId, p('caseId')), running))
      .orderBy(asc(deadlines.dueAt))
      .prepare(),
    /** What the reducer needs of a case's deadlines and documents: names, due dates and references only. */
    runningDeadlineNamesOf: db
      .select({
        deadline: deadlines.deadline,
        party: deadlines.party,
        startDate: deadlines.startDate,
        due: deadlines.due,
        dueAt: deadlines.dueAt,
      })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, p('caseId')), running))
      .orderBy(asc(deadlines.id))
      .prepare(),
    // The reducer's documents: not the sealed PDFs issued from them (origin `acte`, runtime/acts/issue.ts),
    // written beside the events and outside their version check.
    documentRefsOf: db
      .select({ id: documents.id, kind: documents.kind, sha256: documents.sha256 })
      .from(documents)
      .where(and(eq(documents.caseId, p('caseId')), ne(documents.origin, 'acte')))
      .orderBy(asc(documents.journalSeq))
      .prepare(),
    runningDeadlineNamed: db
      .select({ id: deadlines.id, party: deadlines.party })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, p('caseId')), eq(deadlines.deadline, p('name')), running))
      .prepare(),
    dueDeadlinesOf: db
      .select({ id: deadlines.id })
      .from(deadlines)
      .where(and(eq(deadlines.caseId, p('caseId')), running, lte(deadlines.dueAt, p('now'))))
      .limit(1)
      .prepare(),
    draftOf: db
      .select()
      .from(drafts)
      .where(and(eq(drafts.caseId, p('caseId')), eq(drafts.userId, p('userId'))))
      .prepare(),
    idempotencyOf: db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, p('userId')), eq(idempotencyKeys.key, p('key'))))
      .prepare(),
    usersOfCourt: db
      .select()
      .from(users)
      .where(eq(users.court, p('court')))
      .prepare(),
    deadlineStatus: db
      .select({ status: deadlines.status })
      .from(deadlines)
      .where(eq(deadlines.id, p('id')))
      .prepare(),

    insertJournal: db
      .insert(journalEvents)
      .values({
        caseId: p('caseId'),
        seq: p('seq'),
        kind: p('kind'),
        event: p('event'),
        transitionIndex: p('transitionIndex'),
        fromState: p('fromState'),
        toState: p('toState'),
        actorId: p('actorId'),
        actorRole: p('actorRole'),
        at: p('at'),
        data: p('data'),
        dataSha256: p('dataSha256'),
        documents: p('documents'),
        visibleTo: p('visibleTo'),
        specId: p('specId'),
        specVersion: p('specVersion'),
        caseVersion: p('caseVersion'),
        prevHash: p('prevHash'),
        hash: p('hash'),
      })
      .prepare(),
    moveCaseHead: db
      .update(cases)
      .set({ journalSeq: v('seq'), lastHash: v('hash'), updatedAt: v('at') })
      .where(eq(cases.id, p('id')))
      .prepare(),
    moveCaseState: db
      .update(cases)
      .set({
        journalSeq: v('seq'),
        lastHash: v('hash'),
        state: v('state'),
        version: v('version'),
        facts: v('facts'),
        updatedAt: v('at'),
        closedAt: sql`coalesce(${v('closedAt')}, ${cases.closedAt})`,
      })
      .where(and(eq(cases.id, p('id')), eq(cases.version, p('expectedVersion'))))
      .prepare(),
    migrateCaseRow: db
      .update(cases)
      .set({
        journalSeq: v('seq'),
        lastHash: v('hash'),
        procedureVersion: v('procedureVersion'),
        state: v('state'),
        version: v('version'),
        facts: v('facts'),
        updatedAt: v('at'),
      })
      .where(and(eq(cases.id, p('id')), eq(cases.version, p('expectedVersion'))))
      .prepare(),
    touchCase: db
      .update(cases)
      .set({ updatedAt: v('at') })
      .where(eq(cases.id, p('id')))
      .prepare(),
    insertDeadline: db
      .insert(deadlines)
      .values({
        caseId: p('caseId'),
        court: p('court'),
        deadline: p('deadline'),
        party: p('party'),
        status: 'running',
        duration: p('duration'),
        startedAt: p('startedAt'),
        startDate: p('startDate'),
        due: p('due'),
        dueAt: p('dueAt'),
        explanation: p('explanation'),
        startedSeq: p('startedSeq'),
      })
      .prepare(),
    /** A deadline starts or ends: the case's count of running ones (cases_idle) moves by `by` (+1 or -1). */
    countRunning: db
      .update(cases)
      .set({ runningDeadlines: sql`${cases.runningDeadlines} + ${v('by')}` })
      .where(eq(cases.id, p('caseId')))
      .prepare(),
    endDeadline: db
      .update(deadlines)
      .set({ status: v('status'), endedAt: v('at'), endedSeq: v('seq') })
      .where(and(eq(deadlines.id, p('id')), running))
      .returning({ caseId: deadlines.caseId })
      .prepare(),
    insertOutbox: db
      .insert(outbox)
      .values({
        caseId: p('caseId'),
        kind: p('kind'),
        connector: p('connector'),
        recipientRole: p('recipientRole'),
        recipientUser: p('recipientUser'),
        payload: p('payload'),
        dedupeKey: p('dedupeKey'),
        availableAt: p('availableAt'),
        status: 'pending',
        attempts: 0,
        deadlineId: p('deadlineId'),
        createdAt: p('createdAt'),
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .prepare(),
    insertIdempotency: db
      .insert(idempotencyKeys)
      .values({
        userId: p('userId'),
        key: p('key'),
        caseId: p('caseId'),
        requestSha256: p('requestSha256'),
        status: p('status'),
        response: p('response'),
        createdAt: p('createdAt'),
      })
      .prepare(),
    insertParticipant: db
      .insert(participants)
      .values({
        caseId: p('caseId'),
        role: p('role'),
        userId: p('userId'),
        name: p('name'),
        createdAt: p('at'),
        joinedAt: p('at'),
      })
      .prepare(),
    insertInvitation: db
      .insert(invitations)
      .values({
        codeHash: p('codeHash'),
        caseId: p('caseId'),
        role: p('role'),
        createdAt: p('at'),
        createdSeq: p('seq'),
      })
      .prepare(),
  };
}

export type Queries = ReturnType<typeof prepareQueries>;
