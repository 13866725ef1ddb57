/**
 * The store seam: everything the runtime persists, as asynchronous operations
 * named after what the services need — never a query builder, a connection or
 * a transaction handle. The services, the API, the scheduler, the connectors
 * and the CLI see only this interface; the SQLite implementation
 * (sqlite-store.ts) keeps its speed tricks to itself: synchronous
 * better-sqlite3 transactions, group commit (group-commit.ts), prepared
 * statements with drizzle's bookkeeping done once (fast-prepared.ts), and the
 * write mark that lets the view cache skip a read (`writeMark`).
 *
 * What another implementation (PostgreSQL) must guarantee, as SQLite does:
 * - **One transaction per event.** `commitEvent` writes the journal item, the
 *   case projection, the deadlines started and stopped, the documents
 *   produced, the outbox messages and the idempotency record in one
 *   transaction, or nothing (a failure mid-way leaves no row behind). On a
 *   driver with asynchronous transactions, every statement of the event runs
 *   on the transaction's own connection, awaited inside it.
 * - **Optimistic version check.** The case row is updated only if its
 *   version is still `decision.nextVersion - 1`; otherwise the whole event is
 *   refused with `VersionConflict` (exactly one of two concurrent events at
 *   the same version wins).
 * - **Append-only journal.** Journal items are inserted, never updated or
 *   deleted; item n of a case links to item n − 1's hash, and the case row's
 *   chain head (`journalSeq`, `lastHash`) moves in the same transaction.
 * - **Idempotency.** A replayed key returns the first answer, stored in the
 *   event's own transaction; an outbox message with a known dedupe key is not
 *   queued twice.
 * - **Durability before the answer.** A promise resolves only once its writes
 *   are committed durably.
 */
import type { Procedure } from '../../spec/index.ts';
import type { CaseSnapshot } from '../engine/types.ts';
import type { OpenCaseInput } from './cases.ts';
import type { CommitInput, Committed } from './commit.ts';
import type {
  CaseKeyRow,
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
import type { ReceiptRecord, UploadRecord } from './journal.ts';
import type { MigrationRecord } from './migration.ts';
import type { NewCheckpoint } from './transparency-log.ts';
import type { NewUser } from './users.ts';
import type { Keyring } from './personal-data.ts';

export type { OpenCaseInput } from './cases.ts';
export type { MigrationRecord } from './migration.ts';
export { type Accepted, type CommitInput, type Committed, VersionConflict } from './commit.ts';
export { SYSTEM_ACTOR } from './journal.ts';

export { RECEIPT_ATTACHMENT } from './receipt-mark.ts';
export {
  devDataKeyFile,
  ERASED,
  existingKeyring,
  type Keyring,
  loadKeyring,
  unsealJson,
} from './personal-data.ts';
export type { SampleFor } from './participants.ts';
export type {
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
export type { NewCheckpoint } from './transparency-log.ts';
export { toCaller } from './users.ts';
export type { NewUser } from './users.ts';

/**
 * An accepted event to commit. The scheduler's expiry alerts are declared, not
 * written by a callback: the store queues them in the event's transaction.
 */
export type EventCommit = Omit<CommitInput, 'alsoInTransaction'> & {
  /** The deadline whose expiry fired the event: its `on_expiry.alert` messages share the event's transaction. */
  readonly expiryAlerts?: { readonly deadline: DeadlineRow; readonly at: string };
};

/** What the case view reads besides the case and its participants. */
export interface CaseRecord {
  /** Every journal item, in order. */
  readonly journal: readonly JournalRow[];
  readonly documents: readonly DocumentRow[];
  /** Running deadlines, soonest due first. */
  readonly deadlines: readonly DeadlineRow[];
  /** The caller's saved draft. */
  readonly draft?: { readonly data: string; readonly savedAt: string };
}

/** What a cached case view depends on, read in one go (view-cache.ts). */
export interface ViewStamp {
  readonly journalSeq: number;
  readonly lastHash: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly procedureId: string;
  readonly procedureVersion: string;
  readonly draftSavedAt: string | null;
}

/** The rows the case list is built from, for one caller. */
/** Where a court queue page starts: after the running deadline (`dueAt`, `id`), of name `deadline` when given. */
export interface QueueScan {
  readonly court: string;
  readonly deadline: string | null;
  readonly after: { readonly dueAt: string; readonly id: number } | null;
  readonly limit: number;
}

export interface QueueDeadlineRow {
  readonly id: number;
  readonly caseId: string;
  readonly dueAt: string;
}

/** The « sans délai » queue's scan (issue 17): a court's filed open cases without a running deadline. */
export interface IdleScan {
  readonly court: string;
  /** The last case of the previous page (its last activity and id). */
  readonly after: { readonly updatedAt: string; readonly id: string } | null;
  readonly limit: number;
}

export interface IdleCaseRow {
  readonly id: string;
  readonly updatedAt: string;
}

export interface CaseListRows {
  /** Oldest update first. */
  readonly cases: readonly CaseRow[];
  readonly participants: readonly ParticipantRow[];
  /** Documents of those cases, in journal order. */
  readonly documents: readonly {
    readonly caseId: string;
    readonly id: string;
    readonly kind: string;
    readonly sha256: string;
  }[];
  /** Running deadlines of those cases, soonest due first, with who may see the event that started each. */
  readonly deadlines: readonly { readonly deadline: DeadlineRow; readonly visibleTo: string }[];
}

/** A running deadline of one of a user's cases, with the case's reference and procedure version. */
/** A notice of the platform's own channel (`plateforme`) delivered to a user, read or not. */
export interface NoticeRow {
  readonly id: number;
  readonly caseId: string | null;
  readonly reference: string | null;
  /** The outbox payload (JSON): subject, body, recipient… */
  readonly payload: string;
  readonly deliveredAt: string;
  readonly readAt: string | null;
}

export interface UserDeadlineRow {
  readonly id: number;
  readonly caseId: string;
  readonly reference: string;
  readonly procedureId: string;
  readonly procedureVersion: string;
  readonly deadline: string;
  readonly due: string;
}

/** The rows the statistics are built from. */
export interface StatsRows {
  readonly cases: readonly CaseRow[];
  /** Transition items of those cases, by case then journal order. */
  readonly transitions: readonly {
    readonly caseId: string;
    readonly transitionIndex: number | null;
    readonly at: string;
    readonly data: string;
  }[];
}

/**
 * A server-side login session (runtime/identity/sessions.ts decides its
 * timeouts). `id` is the SHA-256 of the bearer token, never the token. Instants
 * are epoch milliseconds of real time.
 */
export interface AuthSessionRecord {
  readonly id: string;
  readonly userId: string;
  /** dev (sample user) | courriel | oidc:<provider> | test. */
  readonly method: string;
  /** Made under `--dev`: never valid on a server started without it. */
  readonly dev: boolean;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  /** The provider's ID token, for its logout (`id_token_hint`). */
  readonly idTokenHint: string | null;
}

/** An e-mail login code to store: only its HMAC (runtime/identity/login-codes.ts). */
export interface NewLoginCode {
  readonly email: string;
  readonly codeHash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface LoginCodeRecord extends NewLoginCode {
  readonly id: number;
  readonly attempts: number;
  readonly usedAt: number | null;
}

/** A signature code to store: only its HMAC (runtime/identity/signature-codes.ts). */
export interface NewSignatureCode {
  readonly id: string;
  readonly caseId: string;
  readonly userId: string;
  readonly channel: 'courriel' | 'sms';
  /** Masked address or number. */
  readonly destination: string;
  readonly documentSha256: string;
  readonly codeHash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface SignatureCodeRecord extends NewSignatureCode {
  readonly attempts: number;
  readonly usedAt: number | null;
}

/** Delivery outcome of an outbox message. */
export type OutboxOutcome =
  | { readonly status: 'cancelled' }
  | { readonly status: 'delivered'; readonly attempts: number; readonly at: string }
  | {
      readonly status: 'pending' | 'failed';
      readonly attempts: number;
      readonly error: string;
      readonly availableAt: string;
    };

/** A message a local connector delivered. */
export interface DeliveryRecord {
  readonly outboxId: number;
  readonly connector: string;
  readonly recipient: string;
  readonly subject: string;
  readonly body: string;
  readonly deliveredAt: string;
}

/** An outbox message that failed for good, with its case's reference (the back office's dead letters). */
export type DeadLetter = OutboxRow & { readonly reference: string | null };

/** A message as its provider knows it (schema.ts providerMessages). */
export interface ProviderMessage {
  readonly connector: string;
  readonly providerId: string;
  readonly outboxId: number;
  readonly at: string;
}

/** A document an event produced whose act (its sealed PDF, id `<id>-pdf`) is not stored. */
export interface UnissuedProduction {
  readonly caseId: string;
  readonly kind: string;
  readonly uploadedByRole: string | null;
}

/** Same SQL for both stores: produced documents without their act, in the order they were stored. */
export const UNISSUED_PRODUCTIONS_SQL =
  'SELECT d.case_id AS "caseId", d.kind AS "kind", d.uploaded_by_role AS "uploadedByRole" ' +
  "FROM documents d WHERE d.origin = 'production' " +
  "AND NOT EXISTS (SELECT 1 FROM documents a WHERE a.id = d.id || '-pdf') ORDER BY d.uploaded_at, d.id";

/** The rows of one case, as `greffe audit verify` checks them. */
export interface AuditCaseRows {
  /** In journal order. */
  readonly journal: readonly JournalRow[];
  readonly participants: readonly ParticipantRow[];
  readonly deadlines: readonly DeadlineRow[];
  readonly documents: readonly DocumentRow[];
  /** The case's key of personal data (absent for a case opened before crypto-shredding). */
  readonly key?: CaseKeyRow;
}

/**
 * A database opened READ-ONLY for the audit (runtime/audit): it never writes
 * to what it checks, never migrates it. Each store gives its own.
 */
export interface AuditSource {
  readonly location: string;
  readonly documentsDir: string;
  /** False for a database from before the transparency log (no leaves, no checkpoints to check). */
  readonly hasLog: boolean;
  cases(): Promise<CaseRow[]>;
  caseRows(caseId: string): Promise<AuditCaseRows>;
  /** Cases that have journal items but no case row. */
  orphanJournalCases(): Promise<string[]>;
  /** Every journal item's id, case, number and hash, in id order (the log's leaves are made of these). */
  journalHeads(): Promise<{ id: number; caseId: string; seq: number; hash: string }[]>;
  logLeaves(): Promise<LogLeafRow[]>;
  /** Oldest first. */
  checkpoints(): Promise<CheckpointRow[]>;
  /** The append-only safeguards (triggers, rules) that are missing. */
  missingSafeguards(): Promise<string[]>;
  /** Sample users of development mode (they take summoned roles without a journal item). */
  devUserIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** An audit source, or why the file cannot be audited (French): not a greffe database, empty, unreadable. */
export type AuditOpen =
  | { readonly ok: true; readonly source: AuditSource }
  | { readonly ok: false; readonly reason: string };

export interface CaseStore {
  /** Where the store lives, for the operator (a file path, a database URL without password). */
  readonly location: string;
  /**
   * Several server instances may write to this store at once (PostgreSQL):
   * what an instance keeps in memory (sessions, views) must be checked against
   * the store at each use, since another instance may have changed it. False
   * for SQLite: one server per file (sqlite-lock.ts).
   */
  readonly shared: boolean;
  /** Folder of the content-addressed document bytes. */
  readonly documentsDir: string;
  /**
   * The server's own folder beside the store, for files kept out of the
   * database: the login codes' HMAC key, the .eml files when there is no SMTP
   * server (runtime/identity).
   */
  readonly dataDir: string;
  /** The master key of personal data and the case keys it opens (personal-data.ts). */
  readonly keyring: Keyring;

  // Cases and the engine's snapshot.
  /**
   * Creates a case in its initial state with its creator and the opening
   * journal item — and the idempotency record, in the same transaction. A key
   * already stored returns the case it opened, `replayed`, and writes nothing.
   */
  openCase(input: OpenCaseInput): Promise<CaseRow & { replayed?: true }>;
  getCase(id: string): Promise<CaseRow | undefined>;
  /** The case and its participants, read together (the access gate's input). */
  caseWithParticipants(id: string): Promise<{ case: CaseRow; participants: ParticipantRow[] } | undefined>;
  /** The engine's view of case `c`: state, version, facts, running deadline names, document references. */
  caseSnapshot(c: CaseRow): Promise<CaseSnapshot>;
  /** Journal, documents, running deadlines and `userId`'s draft of a case. */
  caseRecord(caseId: string, userId: string): Promise<CaseRecord>;
  /** The stamp of `userId`'s view of a case; undefined when the case does not exist. */
  viewStamp(caseId: string, userId: string): Promise<ViewStamp | undefined>;
  /**
   * A mark that moves whenever anything may have been written: two equal
   * marks mean nothing was, so a view read in between still holds. Synchronous
   * and cheap by contract; a store that cannot tell returns a new value each
   * time (no view is then served without reading its stamp).
   */
  writeMark(): string;
  listCases(filter: { readonly userId: string; readonly court: string | null }): Promise<CaseListRows>;
  /** The court queue's scan: running deadlines of `court`'s cases after the cursor, by due date then id (issue 17). */
  queueDeadlines(filter: QueueScan): Promise<QueueDeadlineRow[]>;
  /**
   * The « sans délai » queue's scan: `court`'s filed open cases without a running deadline after the
   * cursor, least recently active first then by id (index cases_idle; issue 17).
   */
  idleCases(filter: IdleScan): Promise<IdleCaseRow[]>;
  /** Cases `ids` with their participants, documents and running deadlines (a queue page). */
  caseRowsIn(ids: readonly string[]): Promise<CaseListRows>;
  /** The running deadlines of every case `userId` takes part in, soonest due first (calendar feeds). */
  userDeadlines(userId: string): Promise<UserDeadlineRow[]>;
  /** The `plateforme` notices delivered to `userId`, newest first (at most `limit`). */
  userNotices(userId: string, limit: number): Promise<NoticeRow[]>;
  /** Marks notice `id` of `userId` read at `at` (once; later marks keep the first); false when not theirs. */
  markNoticeRead(userId: string, id: number, at: string): Promise<boolean>;
  statsRows(filter: { readonly procedureId?: string; readonly version?: string }): Promise<StatsRows>;

  /**
   * The docket number a filing at instant `at` (ISO) would be given now: the counter's next value, read
   * without taking it (reference.ts; the filing's transaction takes it and checks it is still this one).
   */
  predictedReference(at: string): Promise<string>;

  // Events.
  /** Writes everything an accepted event changes in one transaction; rejects with VersionConflict if the case moved. */
  commitEvent(input: EventCommit): Promise<Committed>;
  /** The stored first answer to `userId`'s idempotency key. */
  idempotentAnswer(
    userId: string,
    key: string,
  ): Promise<{ requestSha256: string; caseId: string; status: number; response: string } | undefined>;

  // Deadlines.
  /** Whether a running deadline of the case is due at `now` (one indexed lookup: runs before every event). */
  hasDueDeadline(caseId: string, now: string): Promise<boolean>;
  /**
   * Running deadlines due at `now`, soonest first (of one case, or all). A
   * shared store leases the rows of the scan over all cases to this instance
   * (the others skip them until the lease runs out); firing stays guarded by
   * the deadline's status and the case's version, lease or not.
   */
  dueDeadlines(now: string, limit: number, caseId?: string): Promise<DeadlineRow[]>;
  /**
   * Expires deadline `deadline` without a transition: ends it, touches the case
   * and queues its expiry alerts, in one transaction. False when it no longer ran.
   */
  expireDeadline(procedure: Procedure, c: CaseRow, deadline: DeadlineRow, at: string): Promise<boolean>;

  // Transitional provisions.
  /**
   * Moves a case to a later version of its procedure (journal item of kind
   * `migration`, the case's version, state and facts) in one transaction;
   * rejects with VersionConflict if the case changed since it was read.
   */
  migrateCase(m: MigrationRecord): Promise<{ seq: number; hash: string }>;

  // Participants, drafts, documents.
  /** Lets `user` take the role an access code was issued for; undefined when unknown, used or taken. */
  joinWithCode(
    user: {
      readonly id: string;
      readonly name: string;
      readonly roles?: readonly string[];
      readonly court?: string | null;
    },
    code: string,
    at: string,
  ): Promise<{ caseId: string; role: string } | undefined>;
  saveDraft(caseId: string, userId: string, data: string, savedAt: string): Promise<void>;
  /** Journals an uploaded document and records its metadata, in one transaction. */
  recordUpload(u: UploadRecord): Promise<void>;
  /** A document of the case and who may see the journal item that filed it. */
  documentOf(
    caseId: string,
    documentId: string,
  ): Promise<{ row: DocumentRow; visibleTo: string } | undefined>;

  // Outbox.
  /**
   * Pending messages available at `now`, oldest first. SQLite: one server per
   * file (sqlite-lock.ts), so reading them is claiming them. A store shared by
   * several instances leases the rows it returns (`FOR UPDATE SKIP LOCKED`,
   * with an owner and an expiry: pg-store.ts) so that no message is sent
   * twice; `markOutbox` ends the lease.
   */
  claimOutbox(now: string, limit: number): Promise<OutboxRow[]>;
  /** Status of a deadline row (a reminder goes out only while its deadline runs). */
  deadlineStatus(id: number): Promise<string | undefined>;
  /** Who holds `role` in the case now. */
  participantByRole(caseId: string, role: string): Promise<ParticipantRow | undefined>;
  markOutbox(id: number, outcome: OutboxOutcome): Promise<void>;
  /** Records a local delivery; false when the message was already delivered. */
  recordDelivery(d: DeliveryRecord): Promise<boolean>;
  /** One outbox message. */
  outboxMessage(id: number): Promise<OutboxRow | undefined>;
  /** Messages that failed for good, newest first (of one court's cases, or all). */
  deadLetters(court?: string): Promise<DeadLetter[]>;
  /**
   * Remembers the provider's own id of a message it accepted (an SMS job's id, an e-mail's Message-ID),
   * once: its delivery reports name only that id (runtime/connectors/delivery-reports.ts).
   */
  recordProviderMessage(m: ProviderMessage): Promise<void>;
  /** The outbox message a provider's id names, if the provider accepted one under it. */
  outboxByProviderId(connector: string, providerId: string): Promise<OutboxRow | undefined>;
  /** Puts a failed message back in the queue, available at `at`, its attempts counted anew; false unless it had failed. */
  retryOutbox(id: number, at: string): Promise<boolean>;
  /**
   * Produced documents whose act was never issued (the process died between the event's commit and the
   * issuing): the server issues them at start (runtime/acts/issue.ts issueMissed).
   */
  unissuedProductions(): Promise<UnissuedProduction[]>;

  // Receipts: what came back from outside.
  /**
   * Journals `r` on its case (kind `connecteur`) with its document, once per
   * key, in one transaction. `recorded` is false when the key was known: `seq`
   * is then the first record's.
   */
  recordReceipt(r: ReceiptRecord): Promise<{ recorded: boolean; seq: number }>;

  // Users, sessions and login codes (policy in runtime/identity, docs/securite.md).
  upsertUser(u: NewUser, at: Date): Promise<void>;
  userById(id: string): Promise<UserRow | undefined>;
  /** The oldest account with this e-mail address (given normalized). */
  userByEmail(email: string): Promise<UserRow | undefined>;
  /** Every account, oldest first, with whether an operator disabled it. */
  listUsers(): Promise<{ user: UserRow; disabled: boolean }[]>;
  isDisabled(userId: string): Promise<boolean>;
  /**
   * Disables an account (`disabledAt`), ending all its sessions in the same
   * transaction, or enables it again (null). Returns how many sessions ended.
   */
  setDisabled(userId: string, disabledAt: string | null): Promise<number>;
  insertAuthSession(s: AuthSessionRecord): Promise<void>;
  /** A session by id (the token's hash), with its user and whether the account is disabled. */
  authSession(
    id: string,
  ): Promise<{ session: AuthSessionRecord; user: UserRow; disabled: boolean } | undefined>;
  touchAuthSession(id: string, at: number): Promise<void>;
  deleteAuthSession(id: string): Promise<void>;
  /** Ends every session of a person; returns how many. */
  deleteAuthSessionsOf(userId: string): Promise<number>;
  /** Removes the sessions last seen before `seenBefore` or opened before `createdBefore`; returns how many. */
  purgeAuthSessions(seenBefore: number, createdBefore: number): Promise<number>;
  /** Stores a login code; the address's earlier pending codes stop working, in the same transaction. */
  newLoginCode(c: NewLoginCode): Promise<void>;
  /** The address's latest code not used yet. */
  pendingLoginCode(email: string): Promise<LoginCodeRecord | undefined>;
  /**
   * Counts one attempt at a pending code, atomically, unless it already had
   * `max` (or was used): false then, and the attempt must be refused.
   */
  countLoginAttempt(id: number, max: number): Promise<boolean>;
  /** Uses a pending code up; false when it already was (single use under concurrency). */
  spendLoginCode(id: number, at: number): Promise<boolean>;
  /** Stores a signature code; the person's earlier pending codes on the case stop working, in the same transaction. */
  newSignatureCode(c: NewSignatureCode): Promise<void>;
  /** The person's latest signature code on the case not used yet. */
  pendingSignatureCode(caseId: string, userId: string): Promise<SignatureCodeRecord | undefined>;
  /** Counts one attempt at a pending signature code, atomically, unless it already had `max`: false then. */
  countSignatureAttempt(id: string, max: number): Promise<boolean>;
  /** Uses a pending signature code up; false when it already was. */
  spendSignatureCode(id: string, at: number): Promise<boolean>;
  // Calendar feeds (connectors/calendar/feed-tokens.ts): one secret address per person, only its hash kept.
  /** Gives `userId` the feed address hashed `hash`, made at `at` (epoch ms); the previous one stops working. */
  putCalendarFeed(userId: string, hash: string, at: number): Promise<void>;
  /** Whose feed address is hashed `hash`. */
  calendarFeedUser(hash: string): Promise<string | undefined>;
  /** When `userId`'s feed address was made (epoch ms); undefined when there is none. */
  calendarFeedOf(userId: string): Promise<number | undefined>;
  /** Revokes `userId`'s feed address; false when there was none. */
  removeCalendarFeed(userId: string): Promise<boolean>;
  /** How many cases of `procedureId` still in one of `states` the user takes part in (open-drafts quota). */
  openDrafts(userId: string, procedureId: string, states: readonly string[]): Promise<number>;

  // Transparency log (runtime/transparency): every journal item as a Merkle leaf, and signed checkpoints.
  /**
   * Appends to the log, as leaves numbered without gaps, every journal item it
   * does not hold yet, in journal order; returns the log's size. Several
   * instances: one of them at a time (a lock), leaves never renumbered.
   */
  extendLog(): Promise<number>;
  /** Leaves `from` ≤ idx < `to`, in order. */
  logLeaves(from: number, to: number): Promise<LogLeafRow[]>;
  /** The last `limit` checkpoints, newest first. */
  latestCheckpoints(limit: number): Promise<CheckpointRow[]>;
  saveCheckpoint(c: NewCheckpoint): Promise<CheckpointRow>;

  // Personal data (crypto-shredding: personal-data.ts, runtime/service/retention.ts).
  /**
   * Closed cases of a procedure version, closed at or before `closedBefore`,
   * whose key of personal data still exists: oldest closing first, at most `limit`.
   */
  casesToShred(f: {
    readonly procedureId: string;
    readonly version: string;
    readonly closedBefore: string;
    readonly limit: number;
  }): Promise<{ id: string; reference: string; closedAt: string }[]>;
  /**
   * Destroys the case's key of personal data at `at`, in one transaction with
   * what holds personal data in clear outside the journal: its drafts, the
   * participants' names, the payloads of its messages and their deliveries.
   * `documents`: SHA-256 of its documents no other case with a key still
   * cites (their bytes may be deleted). False when the key was already gone.
   */
  shredCase(caseId: string, at: string): Promise<{ shredded: boolean; documents: string[] }>;

  close(): Promise<void>;
}

export type { ReceiptRecord, UploadRecord };

/** Docket numbers, given at filing (issue 15). */
export { isDraftState, isFiling, ReferenceTaken, referenceOrDraft } from './reference.ts';
