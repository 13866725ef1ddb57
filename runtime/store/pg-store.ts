/**
 * The PostgreSQL `CaseStore` (case-store.ts), for several server instances on
 * one database. What every event, opening, join, upload or expiry writes is
 * the shared write logic (steps.ts), awaited in one transaction on one pooled
 * connection; reads go to the pool. Differences from SQLite, all inside:
 * - the case row is locked (`FOR UPDATE`) before its journal head is read,
 *   so instances writing to the same case queue behind each other;
 * - the outbox and the scheduler's scan *lease* the rows they return
 *   (`FOR UPDATE SKIP LOCKED`, owner and expiry): an instance never takes a
 *   message or deadline another one holds, and a crashed instance's lease
 *   runs out after LEASE_MS;
 * - the write mark is new on every call: a view is always checked against
 *   its stamp (one indexed read), since another instance may have written;
 * - sessions are read from the database at each request: a logout or a
 *   disabled account is refused by every instance at once.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import {
  and,
  asc,
  Column,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  is,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { journalLeafInput, leafHash } from '../transparency/merkle.ts';
import type { Procedure } from '../../spec/index.ts';
import type {
  AuthSessionRecord,
  CaseListRows,
  CaseStore,
  DeadLetter,
  ProviderMessage,
  DeliveryRecord,
  EventCommit,
  LoginCodeRecord,
  NewLoginCode,
  NewSignatureCode,
  SignatureCodeRecord,
  NoticeRow,
  OutboxOutcome,
  QueueDeadlineRow,
  QueueScan,
  IdleScan,
  IdleCaseRow,
  ReceiptRecord,
  StatsRows,
  UploadRecord,
  UserDeadlineRow,
  ViewStamp,
} from './case-store.ts';
import { UNISSUED_PRODUCTIONS_SQL, type UnissuedProduction } from './case-store.ts';
import { type OpenCaseInput, openCase, snapshotOf } from './cases.ts';
import { writeEvent } from './commit.ts';
import { formatReference, referenceCounter } from './reference.ts';
import { expireDeadline, queueAlerts } from './expiry-alerts.ts';
import { type MigrationRecord, writeMigration } from './migration.ts';
import { recordReceipt, recordUpload } from './journal.ts';
import { joinWithCode } from './participants.ts';
import { type PgExec, pgOps } from './pg-ops.ts';
import { openPg, type PgHandle } from './pg-open.ts';
import * as t from './pg-schema.ts';
import type { NewCheckpoint } from './transparency-log.ts';
import type {
  CaseRow,
  CheckpointRow,
  DeadlineRow,
  DocumentRow,
  JournalRow,
  LogLeafRow,
  OutboxRow,
  ParticipantRow,
  UserRow,
} from './schema.ts';
import { runAsync, type Step } from './steps.ts';
import { toViewStamp } from './view-stamp.ts';
import { casesToShredSql, destroyKeySql, eraseStatements, orphanDocumentsSql } from './shred-sql.ts';
import {
  type CaseKey,
  type KeyOf,
  type Keyring,
  loadKeyring,
  openCaseRow,
  openDraft,
  openJournalRows,
  sealDraft,
  sealedCaseIds,
} from './personal-data.ts';
import { type NewUser, userValues } from './users.ts';

/** Key of the advisory lock of the transparency log's extension, and its batch. */
const LOG_LOCK = 0x6c6f67;
const LOG_BATCH = 5000;

/** How long an instance holds an outbox message or a due deadline it took (real time). */
export const LEASE_MS = 60_000;

const running = sql`${t.deadlines.status} = 'running'`;

export interface PgStoreOptions {
  /** Folder of the documents and of the server's own files, shared by every instance (default `data`). */
  readonly dataDir?: string;
  /** This instance's name in the leases it takes (default: a random one). */
  readonly instance?: string;
}

export class PgCaseStore implements CaseStore {
  readonly #h: PgHandle;
  readonly #db: PgExec;
  readonly location: string;
  readonly shared = true;
  readonly documentsDir: string;
  readonly dataDir: string;
  /** The owner written in leases. */
  readonly instance: string;
  /** The master key and the case keys of personal data (personal-data.ts). */
  readonly keyring: Keyring;
  #mark = 0;

  constructor(h: PgHandle, o: PgStoreOptions = {}) {
    this.#h = h;
    this.#db = h.db;
    this.location = h.location;
    this.dataDir = resolve(o.dataDir ?? 'data');
    this.documentsDir = resolve(this.dataDir, 'documents');
    this.instance = o.instance ?? `instance-${randomUUID().slice(0, 8)}`;
    this.keyring = loadKeyring(process.env, this.dataDir);
  }

  /** Runs a step of the shared write logic in one transaction. */
  #write<T>(step: () => Step<T>): Promise<T> {
    return this.#h.db.transaction((tx) => runAsync(step(), pgOps(tx, this.keyring)));
  }

  async openCase(input: OpenCaseInput): Promise<CaseRow & { replayed?: true }> {
    const k = input.idempotency;
    if (!k) return this.#write(() => openCase(input));
    return this.#h.db.transaction(async (tx) => {
      // Requests racing with the same key queue here: the later ones then read the first one's key
      // (committed: READ COMMITTED takes a new snapshot per statement) and answer its case,
      // instead of all missing it and failing on the key's unique index.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${k.userId}), hashtext(${k.key}))`);
      return runAsync(openCase(input), pgOps(tx, this.keyring));
    });
  }
  /**
   * The keys of personal data of the cases whose `rows` hold an encrypted
   * value (personal-data.ts), read in one query, as a lookup.
   */
  async #keysOf(rows: readonly { caseId: string; text: string }[]): Promise<KeyOf> {
    return this.#keysFor(sealedCaseIds(rows));
  }
  /** The keys of cases `ids` (unwrapped; null once destroyed). */
  async #keysFor(ids: readonly string[]): Promise<KeyOf> {
    const keys = new Map<string, CaseKey>();
    if (ids.length > 0) {
      const found = (await this.#db
        .select({ caseId: t.caseKeys.caseId, key: t.caseKeys.key })
        .from(t.caseKeys)
        .where(inArray(t.caseKeys.caseId, [...ids]))) as { caseId: string; key: string | null }[];
      for (const k of found) keys.set(k.caseId, k.key === null ? null : this.keyring.unwrap(k.caseId, k.key));
    }
    return (caseId) => keys.get(caseId);
  }
  /** Case rows with their facts in clear (`known`: their keys, when read beside them). */
  async #openCases(rows: CaseRow[], known?: KeyOf): Promise<CaseRow[]> {
    const keyOf = known ?? (await this.#keysOf(rows.map((c) => ({ caseId: c.id, text: c.facts }))));
    return rows.map((c) => openCaseRow(c, keyOf));
  }

  async getCase(id: string) {
    const c = (await this.#db.select().from(t.cases).where(eq(t.cases.id, id)))[0] as CaseRow | undefined;
    return c && (await this.#openCases([c]))[0];
  }
  async caseWithParticipants(id: string) {
    const c = await this.getCase(id);
    return c ? { case: c, participants: await this.#participantsOf(c.id) } : undefined;
  }
  async #participantsOf(caseId: string) {
    return (await this.#db
      .select()
      .from(t.participants)
      .where(eq(t.participants.caseId, caseId))
      .orderBy(asc(t.participants.id))) as ParticipantRow[];
  }
  async caseSnapshot(c: CaseRow) {
    return runAsync(snapshotOf(c), pgOps(this.#db, this.keyring));
  }
  async caseRecord(caseId: string, userId: string) {
    const db = this.#db;
    const [journal, docs, deadlines, drafts] = await Promise.all([
      db
        .select()
        .from(t.journalEvents)
        .where(eq(t.journalEvents.caseId, caseId))
        .orderBy(asc(t.journalEvents.seq)),
      db
        .select()
        .from(t.documents)
        .where(eq(t.documents.caseId, caseId))
        .orderBy(asc(t.documents.journalSeq)),
      db
        .select()
        .from(t.deadlines)
        .where(and(eq(t.deadlines.caseId, caseId), running))
        .orderBy(asc(t.deadlines.dueAt)),
      db
        .select()
        .from(t.drafts)
        .where(and(eq(t.drafts.caseId, caseId), eq(t.drafts.userId, userId))),
    ]);
    const draft = drafts[0] as { data: string; savedAt: string } | undefined;
    const rows = journal as JournalRow[];
    const keyOf = await this.#keysOf([
      ...rows.map((r) => ({ caseId, text: r.data })),
      ...(draft ? [{ caseId, text: draft.data }] : []),
    ]);
    return {
      journal: openJournalRows(rows, keyOf),
      documents: docs as DocumentRow[],
      deadlines: deadlines as DeadlineRow[],
      ...(draft && { draft: { data: openDraft(keyOf(caseId), caseId, draft.data), savedAt: draft.savedAt } }),
    };
  }
  async viewStamp(caseId: string, userId: string): Promise<ViewStamp | undefined> {
    const r = await this.#h.pool.query<{
      journal_seq: number;
      last_hash: string;
      updated_at: string;
      version: number;
      procedure_id: string;
      procedure_version: string;
      draft_saved_at: string | null;
    }>(
      `SELECT c.journal_seq, c.last_hash, c.updated_at, c.version, c.procedure_id, c.procedure_version,
         (SELECT d.saved_at FROM drafts d WHERE d.case_id = c.id AND d.user_id = $1) AS draft_saved_at
       FROM cases c WHERE c.id = $2`,
      [userId, caseId],
    );
    const h = r.rows[0];
    return h ? toViewStamp(h) : undefined;
  }
  /** Another instance may have written anything: a new mark each time (case-store.ts, `writeMark`). */
  writeMark(): string {
    return `pg.${++this.#mark}`;
  }
  async listCases(filter: { userId: string; court: string | null }): Promise<CaseListRows> {
    const db = this.#db;
    const mine = await db
      .select({ caseId: t.participants.caseId })
      .from(t.participants)
      .where(eq(t.participants.userId, filter.userId));
    const ids = [...new Set(mine.map((m) => m.caseId as string))];
    const visible =
      filter.court !== null
        ? or(eq(t.cases.court, filter.court), ids.length > 0 ? inArray(t.cases.id, ids) : undefined)
        : ids.length > 0
          ? inArray(t.cases.id, ids)
          : sql`false`;
    return this.#caseRowsWhere(visible);
  }
  async caseRowsIn(ids: readonly string[]): Promise<CaseListRows> {
    if (ids.length === 0) return { cases: [], participants: [], documents: [], deadlines: [] };
    // A queue page: the cases' keys are read beside their rows, not after them (one round trip less).
    return this.#caseRowsWhere(inArray(t.cases.id, [...ids]), this.#keysFor(ids));
  }
  async #caseRowsWhere(visible: SQL | undefined, keys?: Promise<KeyOf>): Promise<CaseListRows> {
    const db = this.#db;
    const [rows, parts, docs, dl, keyOf] = await Promise.all([
      db.select().from(t.cases).where(visible).orderBy(asc(t.cases.updatedAt), asc(t.cases.id)),
      db
        .select({ p: t.participants })
        .from(t.participants)
        .innerJoin(t.cases, eq(t.cases.id, t.participants.caseId))
        .where(visible)
        .orderBy(asc(t.participants.id)),
      db
        .select({
          caseId: t.documents.caseId,
          id: t.documents.id,
          kind: t.documents.kind,
          sha256: t.documents.sha256,
        })
        .from(t.documents)
        .innerJoin(t.cases, eq(t.cases.id, t.documents.caseId))
        .where(visible)
        .orderBy(asc(t.documents.journalSeq)),
      db
        .select({ deadline: t.deadlines, visibleTo: t.journalEvents.visibleTo })
        .from(t.deadlines)
        .innerJoin(t.cases, eq(t.cases.id, t.deadlines.caseId))
        .innerJoin(
          t.journalEvents,
          and(
            eq(t.journalEvents.caseId, t.deadlines.caseId),
            eq(t.journalEvents.seq, t.deadlines.startedSeq),
          ),
        )
        .where(and(visible, running))
        .orderBy(asc(t.deadlines.dueAt)),
      keys,
    ]);
    return {
      cases: await this.#openCases(rows as CaseRow[], keyOf),
      participants: parts.map((r) => r.p as ParticipantRow),
      documents: docs as CaseListRows['documents'],
      deadlines: dl as CaseListRows['deadlines'],
    };
  }
  /** The court queue's scan (sqlite-queries.ts, queueDeadlines): the index deadlines_court (court, due_at, id) from the cursor on. */
  async queueDeadlines(filter: QueueScan): Promise<QueueDeadlineRow[]> {
    const r = await this.#h.pool.query<QueueDeadlineRow>(
      `SELECT d.id, d.case_id AS "caseId", d.due_at AS "dueAt"
         FROM deadlines d
        WHERE d.status = 'running' AND d.court = $1
          AND ($2::text IS NULL OR d.deadline = $2)
          AND (d.due_at, d.id) > ($3, $4)
        ORDER BY d.due_at, d.id LIMIT $5`,
      [filter.court, filter.deadline, filter.after?.dueAt ?? '', filter.after?.id ?? 0, filter.limit],
    );
    return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
  }
  /** The « sans délai » queue's scan (sqlite-queries.ts, idleCases): the partial index cases_idle from the cursor on. */
  async idleCases(filter: IdleScan): Promise<IdleCaseRow[]> {
    const r = await this.#h.pool.query<IdleCaseRow>(
      `SELECT c.id, c.updated_at AS "updatedAt"
         FROM cases c
        WHERE c.court = $1
          AND c.closed_at IS NULL AND c.running_deadlines = 0 AND c.reference IS NOT NULL
          AND (c.updated_at, c.id) > ($2, $3)
        ORDER BY c.updated_at, c.id LIMIT $4`,
      [filter.court, filter.after?.updatedAt ?? '', filter.after?.id ?? '', filter.limit],
    );
    return r.rows;
  }
  async userDeadlines(userId: string): Promise<UserDeadlineRow[]> {
    const r = await this.#h.pool.query<UserDeadlineRow>(
      `SELECT d.id, d.case_id AS "caseId", c.reference, c.procedure_id AS "procedureId",
              c.procedure_version AS "procedureVersion", d.deadline, d.due
         FROM deadlines d
         JOIN cases c ON c.id = d.case_id
        WHERE d.status = 'running'
          AND d.case_id IN (SELECT case_id FROM participants WHERE user_id = $1)
          -- a per-party instance belongs on the calendar of that party only
          AND (d.party IS NULL
               OR EXISTS (SELECT 1 FROM participants pa
                           WHERE pa.case_id = d.case_id AND pa.user_id = $1 AND pa.role = d.party))
        ORDER BY d.due_at, d.id`,
      [userId],
    );
    return r.rows;
  }
  async statsRows(filter: { procedureId?: string; version?: string }): Promise<StatsRows> {
    const which = and(
      filter.procedureId ? eq(t.cases.procedureId, filter.procedureId) : undefined,
      filter.version ? eq(t.cases.procedureVersion, filter.version) : undefined,
    );
    const rows = await this.#db.select().from(t.cases).where(which).orderBy(asc(t.cases.id));
    const transitions = await this.#db
      .select({
        caseId: t.journalEvents.caseId,
        transitionIndex: t.journalEvents.transitionIndex,
        at: t.journalEvents.at,
        data: t.journalEvents.data,
      })
      .from(t.journalEvents)
      .innerJoin(t.cases, eq(t.cases.id, t.journalEvents.caseId))
      .where(and(which, eq(t.journalEvents.kind, 'transition')))
      .orderBy(asc(t.journalEvents.caseId), asc(t.journalEvents.seq));
    const items = transitions as StatsRows['transitions'];
    const keyOf = await this.#keysOf(items.map((r) => ({ caseId: r.caseId, text: r.data })));
    return { cases: await this.#openCases(rows as CaseRow[]), transitions: openJournalRows(items, keyOf) };
  }

  async predictedReference(at: string) {
    const row = (
      await this.#db
        .select({ value: t.counters.value })
        .from(t.counters)
        .where(eq(t.counters.name, referenceCounter(at)))
    )[0] as { value: number } | undefined;
    return formatReference(at, (row?.value ?? 0) + 1);
  }
  commitEvent(input: EventCommit) {
    const { expiryAlerts, ...rest } = input;
    const commit = {
      ...rest,
      ...(expiryAlerts && {
        alsoInTransaction: (c: CaseRow) =>
          queueAlerts(input.procedure, c, expiryAlerts.deadline, expiryAlerts.at),
      }),
    };
    return this.#write(() => writeEvent(commit));
  }
  async idempotentAnswer(userId: string, key: string) {
    return (
      await this.#db
        .select()
        .from(t.idempotencyKeys)
        .where(and(eq(t.idempotencyKeys.userId, userId), eq(t.idempotencyKeys.key, key)))
    )[0] as { requestSha256: string; caseId: string; status: number; response: string } | undefined;
  }

  async hasDueDeadline(caseId: string, now: string) {
    const r = await this.#db
      .select({ id: t.deadlines.id })
      .from(t.deadlines)
      .where(and(eq(t.deadlines.caseId, caseId), running, sql`${t.deadlines.dueAt} <= ${now}`))
      .limit(1);
    return r.length > 0;
  }
  /**
   * Due deadlines of one case (read: the event path expires them itself), or
   * the scheduler's scan over all cases: those rows are leased to this
   * instance (SKIP LOCKED, owner, expiry), so that the instances share the
   * work instead of racing for it. Firing stays guarded by the deadline's
   * status and the case's version (commit.ts), lease or not.
   */
  async dueDeadlines(now: string, limit: number, caseId?: string) {
    if (caseId !== undefined) {
      return (await this.#db
        .select()
        .from(t.deadlines)
        .where(and(running, sql`${t.deadlines.dueAt} <= ${now}`, eq(t.deadlines.caseId, caseId)))
        .orderBy(asc(t.deadlines.dueAt))
        .limit(limit)) as DeadlineRow[];
    }
    const real = new Date();
    const r = await this.#h.pool.query(
      `UPDATE deadlines SET lease_owner = $1, lease_until = $2
        WHERE id IN (SELECT id FROM deadlines
                      WHERE status = 'running' AND due_at <= $3 AND (lease_until IS NULL OR lease_until < $4)
                      ORDER BY due_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [this.instance, new Date(real.getTime() + LEASE_MS).toISOString(), now, real.toISOString(), limit],
    );
    return r.rows.map((row) => fromPg<DeadlineRow>(t.deadlines, row)).sort(byDue);
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
  async saveDraft(caseId: string, userId: string, clear: string, savedAt: string) {
    const data = sealDraft(await pgOps(this.#db, this.keyring).caseKey({ caseId }), caseId, clear);
    await this.#db
      .insert(t.drafts)
      .values({ caseId, userId, data, savedAt })
      .onConflictDoUpdate({ target: [t.drafts.caseId, t.drafts.userId], set: { data, savedAt } });
  }
  async recordUpload(u: UploadRecord) {
    await this.#write(() => recordUpload(u));
  }
  async documentOf(caseId: string, documentId: string) {
    const row = (
      await this.#db
        .select()
        .from(t.documents)
        .where(and(eq(t.documents.id, documentId), eq(t.documents.caseId, caseId)))
    )[0] as DocumentRow | undefined;
    if (!row) return undefined;
    const item = (
      await this.#db
        .select({ visibleTo: t.journalEvents.visibleTo })
        .from(t.journalEvents)
        .where(and(eq(t.journalEvents.caseId, caseId), eq(t.journalEvents.seq, row.journalSeq)))
    )[0] as { visibleTo: string } | undefined;
    return item ? { row, visibleTo: item.visibleTo } : undefined;
  }

  /**
   * Leases the pending messages available at `now` to this instance (SKIP
   * LOCKED: rows another instance is taking are skipped, not waited for; a
   * lease not yet run out is left alone). The worker marks each one
   * delivered, retried or failed, which ends the lease.
   */
  async claimOutbox(now: string, limit: number) {
    const real = new Date();
    const r = await this.#h.pool.query(
      `UPDATE outbox SET lease_owner = $1, lease_until = $2
        WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'pending' AND available_at <= $3 AND (lease_until IS NULL OR lease_until < $4)
                      ORDER BY available_at, id LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [this.instance, new Date(real.getTime() + LEASE_MS).toISOString(), now, real.toISOString(), limit],
    );
    return r.rows
      .map((row) => fromPg<OutboxRow>(t.outbox, row))
      .sort((a, b) => (a.availableAt < b.availableAt ? -1 : a.availableAt > b.availableAt ? 1 : a.id - b.id));
  }
  async deadlineStatus(id: number) {
    const r = await this.#db
      .select({ status: t.deadlines.status })
      .from(t.deadlines)
      .where(eq(t.deadlines.id, id));
    return r[0]?.status as string | undefined;
  }
  async participantByRole(caseId: string, role: string) {
    return pgOps(this.#db, this.keyring).participantByRole({ caseId, role });
  }
  async markOutbox(id: number, o: OutboxOutcome) {
    const lease = { leaseOwner: null, leaseUntil: null };
    const set =
      o.status === 'cancelled'
        ? { status: o.status, ...lease }
        : o.status === 'delivered'
          ? { status: o.status, attempts: o.attempts, deliveredAt: o.at, lastError: null, ...lease }
          : {
              status: o.status,
              attempts: o.attempts,
              lastError: o.error,
              availableAt: o.availableAt,
              ...lease,
            };
    await this.#db.update(t.outbox).set(set).where(eq(t.outbox.id, id));
  }
  async recordDelivery(d: DeliveryRecord) {
    const r = await this.#db.insert(t.deliveries).values(d).onConflictDoNothing();
    return (r.rowCount ?? 0) > 0;
  }
  async outboxMessage(id: number) {
    return (await this.#db.select().from(t.outbox).where(eq(t.outbox.id, id)))[0] as OutboxRow | undefined;
  }
  async deadLetters(court?: string): Promise<DeadLetter[]> {
    const failed = sql`${t.outbox.status} = 'failed'`;
    const rows = await this.#db
      .select({ o: t.outbox, reference: t.cases.reference })
      .from(t.outbox)
      .leftJoin(t.cases, eq(t.cases.id, t.outbox.caseId))
      .where(court === undefined ? failed : and(failed, eq(t.cases.court, court)))
      .orderBy(desc(t.outbox.id));
    return rows.map((r) => ({ ...(r.o as OutboxRow), reference: r.reference as string | null }));
  }
  async retryOutbox(id: number, at: string) {
    const r = await this.#db
      .update(t.outbox)
      .set({ status: 'pending', attempts: 0, availableAt: at, leaseOwner: null, leaseUntil: null })
      .where(and(eq(t.outbox.id, id), sql`${t.outbox.status} = 'failed'`));
    return (r.rowCount ?? 0) > 0;
  }
  async recordProviderMessage(m: ProviderMessage) {
    await this.#db.insert(t.providerMessages).values(m).onConflictDoNothing();
  }
  async outboxByProviderId(connector: string, providerId: string) {
    const rows = await this.#db
      .select({ o: t.outbox })
      .from(t.providerMessages)
      .innerJoin(t.outbox, eq(t.outbox.id, t.providerMessages.outboxId))
      .where(and(eq(t.providerMessages.connector, connector), eq(t.providerMessages.providerId, providerId)));
    return rows[0]?.o as OutboxRow | undefined;
  }
  async unissuedProductions(): Promise<UnissuedProduction[]> {
    const r = await this.#db.execute(sql.raw(UNISSUED_PRODUCTIONS_SQL));
    return r.rows as unknown as UnissuedProduction[];
  }
  async recordReceipt(r: ReceiptRecord) {
    return this.#write(() => recordReceipt(r));
  }

  async upsertUser(u: NewUser, at: Date) {
    const row = userValues(u, at);
    await this.#db
      .insert(t.users)
      .values(row)
      .onConflictDoUpdate({
        target: t.users.id,
        set: { name: row.name, roles: row.roles, court: row.court, email: row.email },
      });
  }
  async userById(id: string) {
    return (await this.#db.select().from(t.users).where(eq(t.users.id, id)))[0] as UserRow | undefined;
  }
  async userByEmail(email: string) {
    return (
      await this.#db
        .select()
        .from(t.users)
        .where(eq(t.users.email, email))
        .orderBy(asc(t.users.createdAt))
        .limit(1)
    )[0] as UserRow | undefined;
  }
  async listUsers() {
    const rows = await this.#db
      .select({ user: t.users, disabled: t.disabledUsers.userId })
      .from(t.users)
      .leftJoin(t.disabledUsers, eq(t.disabledUsers.userId, t.users.id))
      .orderBy(asc(t.users.createdAt));
    return rows.map((r) => ({ user: r.user as UserRow, disabled: r.disabled !== null }));
  }
  async putCalendarFeed(userId: string, tokenHash: string, createdAt: number) {
    await this.#db
      .insert(t.calendarFeeds)
      .values({ userId, tokenHash, createdAt })
      .onConflictDoUpdate({ target: t.calendarFeeds.userId, set: { tokenHash, createdAt } });
  }
  async calendarFeedUser(tokenHash: string) {
    const r = await this.#db
      .select({ userId: t.calendarFeeds.userId })
      .from(t.calendarFeeds)
      .where(eq(t.calendarFeeds.tokenHash, tokenHash));
    return r[0]?.userId as string | undefined;
  }
  async calendarFeedOf(userId: string) {
    const r = await this.#db
      .select({ at: t.calendarFeeds.createdAt })
      .from(t.calendarFeeds)
      .where(eq(t.calendarFeeds.userId, userId));
    return r[0]?.at as number | undefined;
  }
  async removeCalendarFeed(userId: string) {
    const r = await this.#db.delete(t.calendarFeeds).where(eq(t.calendarFeeds.userId, userId));
    return (r.rowCount ?? 0) > 0;
  }
  async isDisabled(userId: string) {
    const r = await this.#db
      .select({ id: t.disabledUsers.userId })
      .from(t.disabledUsers)
      .where(eq(t.disabledUsers.userId, userId));
    return r.length > 0;
  }
  async setDisabled(userId: string, disabledAt: string | null) {
    return this.#h.db.transaction(async (tx) => {
      if (disabledAt === null) {
        await tx.delete(t.disabledUsers).where(eq(t.disabledUsers.userId, userId));
        return 0;
      }
      await tx.insert(t.disabledUsers).values({ userId, disabledAt }).onConflictDoNothing();
      return (await tx.delete(t.authSessions).where(eq(t.authSessions.userId, userId))).rowCount ?? 0;
    });
  }
  async insertAuthSession(r: AuthSessionRecord) {
    await this.#db.insert(t.authSessions).values(r);
  }
  async authSession(id: string) {
    const row = (
      await this.#db
        .select({ session: t.authSessions, user: t.users, disabled: t.disabledUsers.userId })
        .from(t.authSessions)
        .innerJoin(t.users, eq(t.users.id, t.authSessions.userId))
        .leftJoin(t.disabledUsers, eq(t.disabledUsers.userId, t.authSessions.userId))
        .where(eq(t.authSessions.id, id))
    )[0];
    return (
      row && {
        session: row.session as AuthSessionRecord,
        user: row.user as UserRow,
        disabled: row.disabled !== null,
      }
    );
  }
  async touchAuthSession(id: string, at: number) {
    await this.#db.update(t.authSessions).set({ lastSeenAt: at }).where(eq(t.authSessions.id, id));
  }
  async deleteAuthSession(id: string) {
    await this.#db.delete(t.authSessions).where(eq(t.authSessions.id, id));
  }
  async deleteAuthSessionsOf(userId: string) {
    return (await this.#db.delete(t.authSessions).where(eq(t.authSessions.userId, userId))).rowCount ?? 0;
  }
  async purgeAuthSessions(seenBefore: number, createdBefore: number) {
    const r = await this.#db
      .delete(t.authSessions)
      .where(or(lt(t.authSessions.lastSeenAt, seenBefore), lt(t.authSessions.createdAt, createdBefore)));
    return r.rowCount ?? 0;
  }
  async newLoginCode(c: NewLoginCode) {
    await this.#h.db.transaction(async (tx) => {
      await tx
        .update(t.loginCodes)
        .set({ usedAt: c.createdAt })
        .where(and(eq(t.loginCodes.email, c.email), isNull(t.loginCodes.usedAt)));
      await tx.insert(t.loginCodes).values(c);
    });
  }
  async pendingLoginCode(email: string) {
    return (
      await this.#db
        .select()
        .from(t.loginCodes)
        .where(and(eq(t.loginCodes.email, email), isNull(t.loginCodes.usedAt)))
        .orderBy(desc(t.loginCodes.id))
        .limit(1)
    )[0] as LoginCodeRecord | undefined;
  }
  async countLoginAttempt(id: number, max: number) {
    const r = await this.#db
      .update(t.loginCodes)
      .set({ attempts: sql`${t.loginCodes.attempts} + 1` })
      .where(and(eq(t.loginCodes.id, id), isNull(t.loginCodes.usedAt), lt(t.loginCodes.attempts, max)));
    return r.rowCount === 1;
  }
  async spendLoginCode(id: number, at: number) {
    const r = await this.#db
      .update(t.loginCodes)
      .set({ usedAt: at })
      .where(and(eq(t.loginCodes.id, id), isNull(t.loginCodes.usedAt)));
    return r.rowCount === 1;
  }
  async newSignatureCode(c: NewSignatureCode) {
    const sc = t.signatureCodes;
    await this.#h.db.transaction(async (tx) => {
      await tx
        .update(sc)
        .set({ usedAt: c.createdAt })
        .where(and(eq(sc.caseId, c.caseId), eq(sc.userId, c.userId), isNull(sc.usedAt)));
      await tx.insert(sc).values(c);
    });
  }
  async pendingSignatureCode(caseId: string, userId: string) {
    const sc = t.signatureCodes;
    return (
      await this.#db
        .select()
        .from(sc)
        .where(and(eq(sc.caseId, caseId), eq(sc.userId, userId), isNull(sc.usedAt)))
        .orderBy(desc(sc.createdAt))
        .limit(1)
    )[0] as SignatureCodeRecord | undefined;
  }
  async countSignatureAttempt(id: string, max: number) {
    const sc = t.signatureCodes;
    const r = await this.#db
      .update(sc)
      .set({ attempts: sql`${sc.attempts} + 1` })
      .where(and(eq(sc.id, id), isNull(sc.usedAt), lt(sc.attempts, max)));
    return r.rowCount === 1;
  }
  async spendSignatureCode(id: string, at: number) {
    const sc = t.signatureCodes;
    const r = await this.#db
      .update(sc)
      .set({ usedAt: at })
      .where(and(eq(sc.id, id), isNull(sc.usedAt)));
    return r.rowCount === 1;
  }
  async openDrafts(userId: string, procedureId: string, states: readonly string[]) {
    if (states.length === 0) return 0;
    const r = await this.#db
      .select({ n: count() })
      .from(t.cases)
      .innerJoin(
        t.participants,
        and(eq(t.participants.caseId, t.cases.id), eq(t.participants.userId, userId)),
      )
      .where(and(eq(t.cases.procedureId, procedureId), inArray(t.cases.state, [...states])));
    return Number(r[0]?.n ?? 0);
  }

  /**
   * Appends the journal items the log does not hold yet, in journal id order.
   * Ids are drawn before commit, so a lower id may commit after a higher one
   * on another connection: the journal is locked in SHARE mode (in-flight
   * inserts finish first, new ones wait for this batch), and an advisory lock
   * lets one instance extend the log at a time; leaves are never renumbered.
   */
  async extendLog(): Promise<number> {
    for (;;) {
      const done = await this.#h.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOG_LOCK})`);
        await tx.execute(sql`LOCK TABLE journal_events IN SHARE MODE`);
        const last = (
          await tx
            .select({
              idx: sql<number | null>`max(${t.logLeaves.idx})`,
              journalId: sql<number | null>`max(${t.logLeaves.journalId})`,
            })
            .from(t.logLeaves)
        )[0];
        let idx = Number(last?.idx ?? -1) + 1;
        const rows = (await tx
          .select({
            id: t.journalEvents.id,
            caseId: t.journalEvents.caseId,
            seq: t.journalEvents.seq,
            hash: t.journalEvents.hash,
          })
          .from(t.journalEvents)
          .where(gt(t.journalEvents.id, Number(last?.journalId ?? 0)))
          .orderBy(asc(t.journalEvents.id))
          .limit(LOG_BATCH)) as { id: number; caseId: string; seq: number; hash: string }[];
        if (rows.length > 0) {
          await tx.insert(t.logLeaves).values(
            rows.map((r) => ({
              idx: idx++,
              journalId: r.id,
              caseId: r.caseId,
              seq: r.seq,
              leafHash: leafHash(journalLeafInput(r.caseId, r.seq, r.hash)).toString('hex'),
            })),
          );
        }
        return { size: idx, more: rows.length === LOG_BATCH };
      });
      if (!done.more) return done.size;
    }
  }
  async logLeaves(from: number, to: number) {
    return (await this.#db
      .select()
      .from(t.logLeaves)
      .where(and(gte(t.logLeaves.idx, from), lt(t.logLeaves.idx, to)))
      .orderBy(asc(t.logLeaves.idx))) as LogLeafRow[];
  }
  async latestCheckpoints(limit: number) {
    return (await this.#db
      .select()
      .from(t.checkpoints)
      .orderBy(desc(t.checkpoints.id))
      .limit(limit)) as CheckpointRow[];
  }
  async saveCheckpoint(c: NewCheckpoint) {
    return (await this.#db.insert(t.checkpoints).values(c).returning())[0] as CheckpointRow;
  }

  async userNotices(userId: string, limit: number): Promise<NoticeRow[]> {
    const r = await this.#h.pool.query<NoticeRow>(
      `SELECT o.id, o.case_id AS "caseId", c.reference, o.payload,
              COALESCE(o.delivered_at, o.available_at) AS "deliveredAt", r.read_at AS "readAt"
         FROM outbox o
         LEFT JOIN cases c ON c.id = o.case_id
         LEFT JOIN notice_reads r ON r.outbox_id = o.id
        WHERE o.connector = 'plateforme' AND o.recipient_user = $1 AND o.status = 'delivered'
        ORDER BY o.id DESC
        LIMIT $2`,
      [userId, limit],
    );
    return r.rows;
  }
  /** Marks a notice read by its recipient (the first reading is kept). */
  async markNoticeRead(userId: string, id: number, at: string): Promise<boolean> {
    const mine = await this.#h.pool.query(
      `SELECT 1 FROM outbox WHERE id = $1 AND connector = 'plateforme' AND recipient_user = $2 AND status = 'delivered'`,
      [id, userId],
    );
    if (mine.rowCount === 0) return false;
    await this.#db.insert(t.noticeReads).values({ outboxId: id, readAt: at }).onConflictDoNothing();
    return true;
  }

  async casesToShred(f: { procedureId: string; version: string; closedBefore: string; limit: number }) {
    const r = await this.#h.pool.query<{ id: string; reference: string; closedAt: string }>(
      casesToShredSql('pg'),
      [f.procedureId, f.version, f.closedBefore, f.limit],
    );
    return r.rows;
  }
  async shredCase(caseId: string, at: string) {
    const client = await this.#h.pool.connect();
    try {
      await client.query('BEGIN');
      const gone = await client.query(destroyKeySql('pg'), [at, caseId]);
      if (gone.rowCount === 0) {
        await client.query('ROLLBACK');
        return { shredded: false, documents: [] };
      }
      const c = await client.query<{ reference: string }>('SELECT reference FROM cases WHERE id = $1', [
        caseId,
      ]);
      for (const [text, params] of eraseStatements('pg', caseId, c.rows[0]?.reference ?? '', at))
        await client.query(text, params);
      const docs = await client.query<{ sha256: string }>(orphanDocumentsSql('pg'), [caseId]);
      await client.query('COMMIT');
      return { shredded: true, documents: docs.rows.map((d) => d.sha256) };
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
      this.keyring.forget(caseId);
    }
  }

  async close() {
    await this.#h.close();
  }
}

const byDue = (a: DeadlineRow, b: DeadlineRow) =>
  a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id - b.id;

/** A row read by plain SQL (snake_case columns), with the keys drizzle gives it. */
function fromPg<T>(table: t.PgTableOf, row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(table)) {
    if (is(col, Column) && col.name in row) out[key] = row[col.name];
  }
  return out as T;
}

/** Opens (creating the tables if needed) the PostgreSQL store at `url` (`postgres://…`). */
export async function openPgStore(url: string, o: PgStoreOptions = {}): Promise<PgCaseStore> {
  return new PgCaseStore(await openPg(url), o);
}
