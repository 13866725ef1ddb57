/**
 * The SQLite `CaseStore` (case-store.ts): one better-sqlite3 connection on
 * one file. Every write runs in one synchronous transaction — an async callback
 * would leave its later writes outside it (docs: stack pitfalls; open.ts
 * refuses one) — and each method resolves only after its transaction
 * committed. The speed tricks stay here: events share a group commit
 * (group-commit.ts), hot queries are prepared once (queries.ts,
 * fast-prepared.ts), and the write mark lets the view cache skip its stamp read.
 */
import type { Procedure } from '../../spec/index.ts';
import { dirname, resolve } from 'node:path';
import type {
  AuthSessionRecord,
  CaseStore,
  DeliveryRecord,
  EventCommit,
  OutboxOutcome,
  ProviderMessage,
  NewLoginCode,
  NewSignatureCode,
  QueueScan,
  IdleScan,
  ReceiptRecord,
  UploadRecord,
  ViewStamp,
} from './case-store.ts';
import { UNISSUED_PRODUCTIONS_SQL, type UnissuedProduction } from './case-store.ts';
import { type OpenCaseInput, openCase, snapshotOf } from './cases.ts';
import { writeEvent } from './commit.ts';
import { expireDeadline, queueAlerts } from './expiry-alerts.ts';
import { type MigrationRecord, writeMigration } from './migration.ts';
import { recordReceipt, recordUpload } from './journal.ts';
import { openStore, type Store } from './open.ts';
import { joinWithCode } from './participants.ts';
import { eq } from 'drizzle-orm';
import { formatReference, referenceCounter } from './reference.ts';
import { type CaseRow, counters, type DeadlineRow } from './schema.ts';
import { runSync, type Step } from './steps.ts';
import { lockServer } from './sqlite-lock.ts';
import { casesToShredSql, destroyKeySql, eraseStatements, orphanDocumentsSql } from './shred-sql.ts';
import { openCaseRow, openDraft, openJournalRows, sealDraft } from './personal-data.ts';
import * as sq from './sqlite-queries.ts';
import * as idn from './sqlite-identity.ts';
import * as sig from './sqlite-signature-codes.ts';
import * as rcp from './sqlite-receipts.ts';
import { type NewUser, upsertUser } from './users.ts';
import * as tlog from './transparency-log.ts';
import { stampOf } from './view-stamp.ts';

export class SqliteCaseStore implements CaseStore {
  readonly #s: Store;
  readonly location: string;
  /** One server per file (sqlite-lock.ts). */
  readonly shared = false;
  readonly documentsDir: string;
  readonly dataDir: string;

  constructor(s: Store) {
    this.#s = s;
    this.location = s.file;
    this.documentsDir = s.documentsDir;
    this.dataDir = dirname(s.file);
  }

  /** The master key of personal data (personal-data.ts). */
  get keyring() {
    return this.#s.keyring;
  }

  /** Batches and events committed through the group commit (bench, tests). */
  get groupStats(): Store['groupStats'] {
    return this.#s.groupStats;
  }

  /** The store underneath, for the SQLite-only helpers of this folder (sqlite-inspect.ts). */
  static inner(store: SqliteCaseStore): Store {
    return store.#s;
  }

  /** Runs a step of the shared write logic in one transaction. */
  #write<T>(step: () => Step<T>): T {
    return this.#s.tx(() => runSync(step(), this.#s.ops));
  }

  async openCase(input: OpenCaseInput): Promise<CaseRow & { replayed?: true }> {
    return this.#write(() => openCase(input));
  }
  /** A case's key of personal data (personal-data.ts). */
  readonly #keyOf = (caseId: string) => this.#s.ops.caseKey({ caseId });

  async getCase(id: string) {
    const c = this.#s.q.caseById.get({ id });
    return c && openCaseRow(c, this.#keyOf);
  }
  async caseWithParticipants(id: string) {
    const { q } = this.#s;
    const c = q.caseById.get({ id });
    return c
      ? { case: openCaseRow(c, this.#keyOf), participants: q.participantsOf.all({ caseId: c.id }) }
      : undefined;
  }
  async caseSnapshot(c: CaseRow) {
    return runSync(snapshotOf(c), this.#s.ops);
  }
  async caseRecord(caseId: string, userId: string) {
    const { q } = this.#s;
    const draft = q.draftOf.get({ caseId, userId });
    return {
      journal: openJournalRows(q.journalOf.all({ caseId }), this.#keyOf),
      documents: q.documentsOf.all({ caseId }),
      deadlines: q.runningDeadlinesOf.all({ caseId }),
      ...(draft && {
        draft: { data: openDraft(this.#keyOf(caseId), caseId, draft.data), savedAt: draft.savedAt },
      }),
    };
  }
  async viewStamp(caseId: string, userId: string): Promise<ViewStamp | undefined> {
    return stampOf(this.#s.sqlite, caseId, userId);
  }
  writeMark(): string {
    return this.#s.writeMark();
  }
  async listCases(filter: { userId: string; court: string | null }) {
    const rows = sq.listCaseRows(this.#s.db, filter);
    return { ...rows, cases: rows.cases.map((c) => openCaseRow(c, this.#keyOf)) };
  }
  async idleCases(filter: IdleScan) {
    return sq.idleCases(this.#s.sqlite, filter);
  }
  async queueDeadlines(filter: QueueScan) {
    return sq.queueDeadlines(this.#s.sqlite, filter);
  }
  async caseRowsIn(ids: readonly string[]) {
    const rows = sq.caseRowsIn(this.#s.db, ids);
    return { ...rows, cases: rows.cases.map((c) => openCaseRow(c, this.#keyOf)) };
  }
  async userDeadlines(userId: string) {
    return sq.userDeadlines(this.#s.sqlite, userId);
  }
  async userNotices(userId: string, limit: number) {
    return sq.userNotices(this.#s.sqlite, userId, limit);
  }
  async markNoticeRead(userId: string, id: number, at: string) {
    return sq.markNoticeRead(this.#s.sqlite, userId, id, at);
  }
  async statsRows(filter: { procedureId?: string; version?: string }) {
    const rows = sq.statsRows(this.#s.db, filter);
    return {
      cases: rows.cases.map((c) => openCaseRow(c, this.#keyOf)),
      transitions: openJournalRows(rows.transitions, this.#keyOf),
    };
  }

  async predictedReference(at: string) {
    const row = this.#s.db
      .select({ value: counters.value })
      .from(counters)
      .where(eq(counters.name, referenceCounter(at)))
      .get();
    return formatReference(at, (row?.value ?? 0) + 1);
  }
  commitEvent(input: EventCommit) {
    const { expiryAlerts, ...rest } = input;
    const s = this.#s;
    const commit = {
      ...rest,
      ...(expiryAlerts && {
        alsoInTransaction: (c: CaseRow) =>
          queueAlerts(input.procedure, c, expiryAlerts.deadline, expiryAlerts.at),
      }),
    };
    // In a group commit with the events of the same turn of the event loop (own savepoint, shared WAL sync).
    return s.txGrouped(() => runSync(writeEvent(commit), s.ops));
  }
  async idempotentAnswer(userId: string, key: string) {
    return this.#s.q.idempotencyOf.get({ userId, key });
  }

  async hasDueDeadline(caseId: string, now: string) {
    return this.#s.q.dueDeadlinesOf.get({ caseId, now }) !== undefined;
  }
  async dueDeadlines(now: string, limit: number, caseId?: string) {
    return sq.dueDeadlines(this.#s.db, now, limit, caseId);
  }
  async expireDeadline(p: Procedure, c: CaseRow, d: DeadlineRow, at: string) {
    return this.#write(() => expireDeadline(p, c, d, at));
  }
  async migrateCase(m: MigrationRecord) {
    return this.#write(() => writeMigration(m));
  }

  async joinWithCode(
    user: { id: string; name: string; roles?: readonly string[]; court?: string | null },
    code: string,
    at: string,
  ) {
    return this.#write(() => joinWithCode(user, code, at));
  }
  async saveDraft(caseId: string, userId: string, data: string, savedAt: string) {
    sq.saveDraft(this.#s.db, caseId, userId, sealDraft(this.#keyOf(caseId), caseId, data), savedAt);
  }
  async recordUpload(u: UploadRecord) {
    this.#write(() => recordUpload(u));
  }
  async documentOf(caseId: string, documentId: string) {
    return sq.documentOf(this.#s.db, caseId, documentId);
  }

  async claimOutbox(now: string, limit: number) {
    return sq.dueOutbox(this.#s.db, now, limit);
  }
  async deadlineStatus(id: number) {
    return this.#s.q.deadlineStatus.get({ id })?.status;
  }
  async participantByRole(caseId: string, role: string) {
    return this.#s.q.participantByRole.get({ caseId, role });
  }
  async markOutbox(id: number, outcome: OutboxOutcome) {
    sq.markOutbox(this.#s.db, id, outcome);
  }
  async recordDelivery(d: DeliveryRecord) {
    return sq.recordDelivery(this.#s.db, d);
  }
  async outboxMessage(id: number) {
    return rcp.outboxMessage(this.#s, id);
  }
  async deadLetters(court?: string) {
    return rcp.deadLetters(this.#s, court);
  }
  async retryOutbox(id: number, at: string) {
    return rcp.retryOutbox(this.#s, id, at);
  }
  async recordProviderMessage(m: ProviderMessage) {
    rcp.recordProviderMessage(this.#s, m);
  }
  async outboxByProviderId(connector: string, providerId: string) {
    return rcp.outboxByProviderId(this.#s, connector, providerId);
  }
  async unissuedProductions() {
    return this.#s.sqlite.prepare(UNISSUED_PRODUCTIONS_SQL).all() as UnissuedProduction[];
  }
  async recordReceipt(r: ReceiptRecord) {
    return this.#write(() => recordReceipt(r));
  }

  async upsertUser(u: NewUser, at: Date) {
    upsertUser(this.#s.db, u, at);
  }
  async userById(id: string) {
    return idn.userById(this.#s, id);
  }
  async userByEmail(email: string) {
    return idn.userByEmail(this.#s, email);
  }
  async listUsers() {
    return idn.listUsers(this.#s);
  }
  async putCalendarFeed(userId: string, hash: string, at: number) {
    idn.putCalendarFeed(this.#s, userId, hash, at);
  }
  async calendarFeedUser(hash: string) {
    return idn.calendarFeedUser(this.#s, hash);
  }
  async calendarFeedOf(userId: string) {
    return idn.calendarFeedOf(this.#s, userId);
  }
  async removeCalendarFeed(userId: string) {
    return idn.removeCalendarFeed(this.#s, userId);
  }
  async isDisabled(userId: string) {
    return idn.isDisabled(this.#s, userId);
  }
  async setDisabled(userId: string, disabledAt: string | null) {
    return idn.setDisabled(this.#s, userId, disabledAt);
  }
  async insertAuthSession(r: AuthSessionRecord) {
    idn.insertAuthSession(this.#s, r);
  }
  async authSession(id: string) {
    return idn.authSession(this.#s, id);
  }
  async touchAuthSession(id: string, at: number) {
    idn.touchAuthSession(this.#s, id, at);
  }
  async deleteAuthSession(id: string) {
    idn.deleteAuthSession(this.#s, id);
  }
  async deleteAuthSessionsOf(userId: string) {
    return idn.deleteAuthSessionsOf(this.#s, userId);
  }
  async purgeAuthSessions(seenBefore: number, createdBefore: number) {
    return idn.purgeAuthSessions(this.#s, seenBefore, createdBefore);
  }
  async newLoginCode(c: NewLoginCode) {
    idn.newLoginCode(this.#s, c);
  }
  async pendingLoginCode(email: string) {
    return idn.pendingLoginCode(this.#s, email);
  }
  async countLoginAttempt(id: number, max: number) {
    return idn.countLoginAttempt(this.#s, id, max);
  }
  async spendLoginCode(id: number, at: number) {
    return idn.spendLoginCode(this.#s, id, at);
  }
  async newSignatureCode(c: NewSignatureCode) {
    sig.newSignatureCode(this.#s, c);
  }
  async pendingSignatureCode(caseId: string, userId: string) {
    return sig.pendingSignatureCode(this.#s, caseId, userId);
  }
  async countSignatureAttempt(id: string, max: number) {
    return sig.countSignatureAttempt(this.#s, id, max);
  }
  async spendSignatureCode(id: string, at: number) {
    return sig.spendSignatureCode(this.#s, id, at);
  }
  async openDrafts(userId: string, procedureId: string, states: readonly string[]) {
    return idn.openDrafts(this.#s, userId, procedureId, states);
  }

  async extendLog() {
    return tlog.extendLog(this.#s);
  }
  async logLeaves(from: number, to: number) {
    return tlog.logLeavesBetween(this.#s, from, to);
  }
  async latestCheckpoints(limit: number) {
    return tlog.latestCheckpoints(this.#s, limit);
  }
  async saveCheckpoint(c: tlog.NewCheckpoint) {
    return tlog.saveCheckpoint(this.#s, c);
  }

  /** Set when this store serves a server: the file's server lock (sqlite-lock.ts). */
  releaseLock: (() => void) | undefined;

  async casesToShred(f: { procedureId: string; version: string; closedBefore: string; limit: number }) {
    return this.#s.sqlite
      .prepare(casesToShredSql('sqlite'))
      .all(f.procedureId, f.version, f.closedBefore, f.limit) as {
      id: string;
      reference: string;
      closedAt: string;
    }[];
  }
  async shredCase(caseId: string, at: string) {
    const { sqlite, keyring } = this.#s;
    const out = this.#s.tx(() => {
      if (sqlite.prepare(destroyKeySql('sqlite')).run(at, caseId).changes === 0)
        return { shredded: false, documents: [] as string[] };
      const c = this.#s.q.caseById.get({ id: caseId });
      for (const [text, params] of eraseStatements('sqlite', caseId, c?.reference ?? '', at))
        sqlite.prepare(text).run(...params);
      return {
        shredded: true,
        documents: sqlite.prepare(orphanDocumentsSql('sqlite')).pluck().all(caseId) as string[],
      };
    });
    keyring.forget(caseId);
    return out;
  }

  async close() {
    this.#s.close();
    this.releaseLock?.();
  }
}

export { openSqliteAudit } from './sqlite-audit.ts';

/**
 * Opens (creating and migrating if needed) the SQLite store at `file`.
 * `server`: for a server, which takes the file's server lock first (a second
 * server on the same file is refused: sqlite-lock.ts).
 */
export function openSqliteStore(file: string, o: { server?: boolean } = {}): SqliteCaseStore {
  const release = o.server ? lockServer(resolve(file)) : undefined;
  try {
    const store = new SqliteCaseStore(openStore(file));
    store.releaseLock = release;
    return store;
  } catch (err) {
    release?.();
    throw err;
  }
}
export { backupSqliteFile } from './sqlite-backup.ts';
