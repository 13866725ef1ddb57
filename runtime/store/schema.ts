/**
 * The store's tables (drizzle): the ONE schema description of both stores.
 * Row types are inferred from here, never written by hand. Portable shapes
 * only (text, integer, boolean) so that pg-schema.ts derives the PostgreSQL
 * tables from these: instants are ISO-8601 text, legal dates `YYYY-MM-DD`,
 * JSON is canonical text. Migrations of both dialects: `npm run db:generate`
 * (drizzle-kit, one config per dialect).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A case: the projection of its journal (state, version, facts), updated in the same transaction. */
export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    /** The docket number (RG 27/00042), given at filing: null while the case is a draft (issue 15). */
    reference: text('reference'),
    procedureId: text('procedure_id').notNull(),
    procedureVersion: text('procedure_version').notNull(),
    court: text('court').notNull(),
    state: text('state').notNull(),
    /** Optimistic-concurrency version: number of transitions fired. */
    version: integer('version').notNull(),
    /** Last journal sequence number and hash (chain head, checked by `greffe audit verify`). */
    journalSeq: integer('journal_seq').notNull(),
    lastHash: text('last_hash').notNull(),
    /** Recorded facts: `{ name: { value, seq, visibleTo } }`. */
    facts: text('facts').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    closedAt: text('closed_at'),
    /**
     * How many of the case's deadlines run now: kept by the store's writes of deadline rows (one more when
     * one starts, one less when one ends, in the same transaction) and checked by `greffe audit verify`.
     * The court's filed open cases with none are the back office's paged « sans délai » queue (cases_idle).
     */
    runningDeadlines: integer('running_deadlines').notNull().default(0),
  },
  // cases_idle: a court's filed open cases without a running deadline, least recently active first
  // (GET /api/cases?deadline=none); queries must write its condition literally.
  (t) => [
    uniqueIndex('cases_reference').on(t.reference),
    index('cases_court').on(t.court),
    index('cases_idle')
      .on(t.court, t.updatedAt, t.id)
      .where(sql`${t.closedAt} IS NULL AND ${t.runningDeadlines} = 0 AND ${t.reference} IS NOT NULL`),
    index('cases_procedure').on(t.procedureId, t.procedureVersion),
  ],
);

/** Who takes part in a case, with which role. Court actors are not listed: they act through their court. */
export const participants = sqliteTable(
  'participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    /** For a representative: the party role he acts for. */
    onBehalfOf: text('on_behalf_of'),
    createdAt: text('created_at').notNull(),
    joinedAt: text('joined_at'),
  },
  (t) => [index('participants_case').on(t.caseId), index('participants_user').on(t.userId)],
);

/**
 * Access codes sent to a party role nobody holds yet (the defendant's
 * convocation, letters of the identification cascade). Only the SHA-256 of
 * a code is stored; the first person to present a valid code takes the role.
 */
export const invitations = sqliteTable(
  'invitations',
  {
    codeHash: text('code_hash').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    role: text('role').notNull(),
    createdAt: text('created_at').notNull(),
    createdSeq: integer('created_seq').notNull(),
    usedAt: text('used_at'),
    usedBy: text('used_by'),
  },
  (t) => [index('invitations_case').on(t.caseId, t.role)],
);

/** The case journal: append-only (triggers refuse UPDATE and DELETE), hash-chained per case. */
export const journalEvents = sqliteTable(
  'journal_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    /** ouverture | transition | piece | participation | connecteur */
    kind: text('kind').notNull(),
    event: text('event'),
    transitionIndex: integer('transition_index'),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role'),
    at: text('at').notNull(),
    /** Canonical JSON of the form data (or of the item's own data). */
    data: text('data').notNull(),
    dataSha256: text('data_sha256').notNull(),
    /** Canonical JSON: `[{ id, kind, sha256 }]` documents the event produced or acted on. */
    documents: text('documents').notNull(),
    /** Canonical JSON: roles that may see the item's data; `[]` = every role of the case. */
    visibleTo: text('visible_to').notNull(),
    specId: text('spec_id').notNull(),
    specVersion: text('spec_version').notNull(),
    caseVersion: integer('case_version').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('journal_case_seq').on(t.caseId, t.seq)],
);

/** Uploaded and produced documents; the bytes live content-addressed on disk (`documents/ab/cdef…`). */
export const documents = sqliteTable(
  'documents',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind').notNull(),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** depot (uploaded) | production (produced by an event) | acte (an act issued as a sealed PDF) */
    origin: text('origin').notNull(),
    uploadedAt: text('uploaded_at').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedByRole: text('uploaded_by_role'),
    journalSeq: integer('journal_seq').notNull(),
  },
  (t) => [index('documents_case').on(t.caseId)],
);

/** Running and past deadlines of each case; the scheduler fires those due (survives restarts). */
export const deadlines = sqliteTable(
  'deadlines',
  {
    id: integer('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /**
     * The case's court, copied when the row is written (a case keeps its court for life): the paged court
     * queue reads its page through deadlines_court without reading the cases of other courts.
     */
    court: text('court').notNull(),
    deadline: text('deadline').notNull(),
    /** Per-party deadline (`per_party: true`): the party (role) this instance runs against; null otherwise. */
    party: text('party'),
    /** running | stopped | expired */
    status: text('status').notNull(),
    duration: text('duration').notNull(),
    startedAt: text('started_at').notNull(),
    startDate: text('start_date').notNull(),
    due: text('due').notNull(),
    dueAt: text('due_at').notNull(),
    explanation: text('explanation').notNull(),
    startedSeq: integer('started_seq').notNull(),
    endedAt: text('ended_at'),
    endedSeq: integer('ended_seq'),
    /**
     * Lease of a scheduler scanning for due deadlines (several instances on
     * PostgreSQL): which instance took the row and until when (real time, ISO).
     * Firing stays guarded by the row's status and the case's version.
     */
    leaseOwner: text('lease_owner'),
    leaseUntil: text('lease_until'),
  },
  // Partial indexes: only running deadlines are looked up (by due date then id for the scheduler, by court,
  // due date then id for the paged court queue, by case for the views); ending a deadline drops its entries.
  // Queries must write status = 'running' literally.
  (t) => [
    index('deadlines_due').on(t.dueAt, t.id).where(sql`${t.status} = 'running'`),
    index('deadlines_court').on(t.court, t.dueAt, t.id).where(sql`${t.status} = 'running'`),
    index('deadlines_running').on(t.caseId, t.dueAt).where(sql`${t.status} = 'running'`),
  ],
);

/** Messages to deliver through connectors, written in the event's transaction (at-least-once delivery). */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id').references(() => cases.id),
    /** notify | call | reminder | alert | invitation */
    kind: text('kind').notNull(),
    connector: text('connector').notNull(),
    recipientRole: text('recipient_role'),
    recipientUser: text('recipient_user'),
    payload: text('payload').notNull(),
    /** Makes the write idempotent: an effect of an event for a recipient is queued once. */
    dedupeKey: text('dedupe_key').notNull(),
    availableAt: text('available_at').notNull(),
    /** pending | delivered | failed | cancelled */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    lastError: text('last_error'),
    /** A reminder's deadline: the worker sends it only while that deadline still runs. */
    deadlineId: integer('deadline_id'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
    /** Lease of the outbox worker that took the message (instance, until: real time, ISO): no other sends it meanwhile. */
    leaseOwner: text('lease_owner'),
    leaseUntil: text('lease_until'),
  },
  (t) => [
    uniqueIndex('outbox_dedupe').on(t.dedupeKey),
    index('outbox_due').on(t.availableAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** What the local connectors delivered (one row per outbox message: idempotent handlers). */
export const deliveries = sqliteTable('deliveries', {
  outboxId: integer('outbox_id').primaryKey(),
  connector: text('connector').notNull(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  deliveredAt: text('delivered_at').notNull(),
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    email: text('email'),
    /** Canonical JSON list of the court roles the user holds (e.g. a judge's). */
    roles: text('roles').notNull(),
    court: text('court'),
    /** dev (sample user) | oidc (later) */
    source: text('source').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('users_court').on(t.court)],
);

/** Sessions; `id` is the SHA-256 of the bearer token, never the token itself. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** First answer to each `Idempotency-Key`, per user, stored in the event's own transaction. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull(),
    key: text('key').notNull(),
    caseId: text('case_id').notNull(),
    requestSha256: text('request_sha256').notNull(),
    status: integer('status').notNull(),
    response: text('response').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** A participant's saved, not yet filed, form data. */
export const drafts = sqliteTable(
  'drafts',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    userId: text('user_id').notNull(),
    data: text('data').notNull(),
    savedAt: text('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] })],
);

/** The platform notices (outbox rows of the `plateforme` connector) their recipient has read, and when. */
export const noticeReads = sqliteTable('notice_reads', {
  outboxId: integer('outbox_id')
    .primaryKey()
    .references(() => outbox.id),
  readAt: text('read_at').notNull(),
});

/** Named counters (case references per court and year). */
export const counters = sqliteTable('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/**
 * The transparency log (RFC 6962/9162): every journal item of every case, as
 * a leaf in the order the log took it. Append-only (triggers), like the
 * journal; `greffe audit verify` recomputes each leaf from its journal item.
 */
export const logLeaves = sqliteTable(
  'log_leaves',
  {
    /** Leaf index, from 0, without gaps. */
    idx: integer('idx').primaryKey(),
    journalId: integer('journal_id').notNull(),
    caseId: text('case_id').notNull(),
    seq: integer('seq').notNull(),
    /** Hex SHA-256(0x00 ‖ leaf input) (transparency/merkle.ts). */
    leafHash: text('leaf_hash').notNull(),
  },
  (t) => [uniqueIndex('log_leaves_journal').on(t.journalId)],
);

/** Signed checkpoints of the log (C2SP signed note), with their RFC 3161 timestamp. Append-only. */
export const checkpoints = sqliteTable('checkpoints', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  size: integer('size').notNull(),
  /** Hex Merkle tree hash of the first `size` leaves. */
  root: text('root').notNull(),
  /** Canonical JSON of the hex roots of the perfect subtrees of the tree (to extend it without rereading). */
  frontier: text('frontier').notNull(),
  /** The signed note, as exported. */
  note: text('note').notNull(),
  takenAt: text('taken_at').notNull(),
  /** Base64 DER RFC 3161 token over SHA-256(note); null when the authority did not answer. */
  timestampToken: text('timestamp_token'),
  timestampTime: text('timestamp_time'),
  timestampAuthority: text('timestamp_authority'),
});

/**
 * Per-case keys of the personal data in the journal (crypto-shredding): the
 * journal keeps ciphertext; destroying the key at the end of the retention
 * the procedure sets erases the data without touching the chain.
 */
export const caseKeys = sqliteTable('case_keys', {
  caseId: text('case_id').primaryKey(),
  /** Base64 AES-256-GCM key; null once destroyed. */
  key: text('key'),
  createdAt: text('created_at').notNull(),
  /** When the key was destroyed (end of retention). */
  shreddedAt: text('shredded_at'),
});

export type CaseRow = typeof cases.$inferSelect;
export type ParticipantRow = typeof participants.$inferSelect;
export type JournalRow = typeof journalEvents.$inferSelect;
export type JournalInsert = typeof journalEvents.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type DeadlineRow = typeof deadlines.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxInsert = typeof outbox.$inferInsert;
export type UserRow = typeof users.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type LogLeafRow = typeof logLeaves.$inferSelect;
export type CheckpointRow = typeof checkpoints.$inferSelect;
export type CaseKeyRow = typeof caseKeys.$inferSelect;

/**
 * What came back from outside for a case (a delivery acknowledged, a letter's
 * tracking event, a commissaire's return, a bank's answer, an act issued):
 * one row per key, so a redelivered answer is journaled once.
 */
export const receipts = sqliteTable('receipts', {
  key: text('key').primaryKey(),
  caseId: text('case_id')
    .notNull()
    .references(() => cases.id),
  journalSeq: integer('journal_seq').notNull(),
  at: text('at').notNull(),
});

/**
 * The provider's own id of each message it accepted (an SMS job's id, an
 * e-mail's Message-ID), so that its delivery report — which names only that
 * id — finds its outbox message and case (runtime/connectors/delivery-reports.ts).
 */
export const providerMessages = sqliteTable(
  'provider_messages',
  {
    connector: text('connector').notNull(),
    providerId: text('provider_id').notNull(),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => outbox.id),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.connector, t.providerId] })],
);
