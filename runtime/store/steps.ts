/**
 * One write logic for both stores. What an event, an opening, a join or an
 * expiry writes — the journal item and its hash, the deadlines, the messages
 * and their recipients, the access codes — is written once, as generator
 * functions that `yield*` named store operations (`call('caseById', …)`)
 * instead of running queries. Each store drives them its way:
 * - SQLite (`runSync`): every operation is a prepared better-sqlite3
 *   statement run at once, so the whole step stays synchronous and inside one
 *   better-sqlite3 transaction (an async callback would leave its later writes
 *   outside it: docs/architecture.md, Invariants);
 * - PostgreSQL (`runAsync`): every operation is awaited on the transaction's
 *   own connection.
 * The decisions stay in the generators; the stores only say how to read and
 * write a row (sqlite-ops.ts, pg-ops.ts).
 */
import type { HashedEvent } from '../engine/hash.ts';
import type { CaseKey } from './personal-data.ts';
import type { CaseRow, DocumentRow, ParticipantRow, UserRow } from './schema.ts';

/** A journal row as written (its id comes back from the insert). */
/**
 * A journal row as written: the hashed fields of `HashedEvent`, plus the data itself and the row's hash.
 * Mapped rather than extended so that it stays an object type (better-sqlite3's named parameters want an
 * index-signature-compatible type, which an interface is not).
 */
export type JournalWrite = { readonly [K in keyof HashedEvent]: HashedEvent[K] } & {
  readonly data: string;
  readonly hash: string;
};

export type OutboxWrite = {
  readonly caseId: string | null;
  readonly kind: string;
  readonly connector: string;
  readonly recipientRole: string | null;
  readonly recipientUser: string | null;
  readonly payload: string;
  readonly dedupeKey: string;
  readonly availableAt: string;
  readonly deadlineId: number | null;
  readonly createdAt: string;
};

export type DeadlineWrite = {
  readonly caseId: string;
  /** The case's court (deadlines_court: the paged court queue). */
  readonly court: string;
  readonly deadline: string;
  /** Per-party deadline: the party (role) it runs against; null otherwise. */
  readonly party: string | null;
  readonly duration: string;
  readonly startedAt: string;
  readonly startDate: string;
  readonly due: string;
  readonly dueAt: string;
  readonly explanation: string;
  readonly startedSeq: number;
};

/** The store operations the shared write logic uses, with what each returns. */
export interface Ops {
  caseById(a: { id: string }): CaseRow | undefined;
  /** The case a request's idempotency key already opened, if any. */
  idempotencyOf(a: { userId: string; key: string }): { caseId: string } | undefined;
  participantsOf(a: { caseId: string }): ParticipantRow[];
  participantByRole(a: { caseId: string; role: string }): ParticipantRow | undefined;
  usersOfCourt(a: { court: string }): UserRow[];
  runningDeadlineNamesOf(a: {
    caseId: string;
  }): { deadline: string; due: string; dueAt: string; party: string | null }[];
  documentRefsOf(a: { caseId: string }): { id: string; kind: string; sha256: string }[];
  runningDeadlineNamed(a: { caseId: string; name: string }): { id: number; party: string | null }[];
  /** Returns the new row's id. */
  insertJournal(a: JournalWrite): number;
  moveCaseHead(a: { id: string; seq: number; hash: string; at: string }): void;
  /** Returns how many rows moved (0: the version changed). */
  moveCaseState(a: {
    id: string;
    expectedVersion: number;
    seq: number;
    hash: string;
    state: string;
    version: number;
    facts: string;
    at: string;
    closedAt: string | null;
  }): number;
  /** Moves the case to another version of its procedure (a migration); returns how many rows moved. */
  migrateCaseRow(a: {
    id: string;
    expectedVersion: number;
    seq: number;
    hash: string;
    procedureVersion: string;
    state: string;
    version: number;
    facts: string;
    at: string;
  }): number;
  touchCase(a: { id: string; at: string }): void;
  /** Returns the new row's id. */
  insertDeadline(a: DeadlineWrite): number;
  /** Ends a running deadline; returns how many rows changed (0: it no longer ran). */
  endDeadline(a: { id: number; status: string; at: string; seq: number | null }): number;
  insertOutbox(a: OutboxWrite): void;
  insertIdempotency(a: {
    userId: string;
    key: string;
    requestSha256: string;
    caseId: string;
    status: number;
    response: string;
    createdAt: string;
  }): void;
  insertParticipant(a: { caseId: string; role: string; userId: string; name: string; at: string }): void;
  insertInvitation(a: { codeHash: string; caseId: string; role: string; at: string; seq: number }): void;
  insertDocument(a: DocumentRow): void;
  insertCase(a: CaseRow): void;
  /** The case's key of personal data (personal-data.ts): null once destroyed, undefined for a case from before. */
  caseKey(a: { caseId: string }): CaseKey;
  /** Gives a new case its key of personal data (wrapped by the master key). */
  insertCaseKey(a: { caseId: string; createdAt: string }): void;
  /** Next value of a named counter (case references). */
  nextCounter(a: { name: string }): number;
  /** Gives a draft its docket number at filing; returns how many rows changed (0: it already had one). */
  assignReference(a: { id: string; reference: string }): number;
  /** An access code's invitation not used yet. */
  pendingInvitation(a: { codeHash: string }): { caseId: string; role: string; createdAt: string } | undefined;
  useInvitations(a: { caseId: string; role: string; at: string; userId: string }): void;
  /** The receipt already journaled under `key`, if any. */
  receiptOf(a: { key: string }): { journalSeq: number } | undefined;
  insertReceipt(a: { key: string; caseId: string; journalSeq: number; at: string }): void;
}

export type OpName = keyof Ops;
type ArgOf<K extends OpName> = Parameters<Ops[K]>[0];
type ResultOf<K extends OpName> = ReturnType<Ops[K]>;

/** One operation asked for by a step. */
export interface OpCall {
  readonly op: OpName;
  readonly args: unknown;
}

/** A piece of write logic: yields operations, returns its result. */
export type Step<T> = Generator<OpCall, T, unknown>;

/** The same operations, asynchronous (PostgreSQL). */
export type AsyncOps = { [K in OpName]: (a: ArgOf<K>) => Promise<ResultOf<K>> };

/** Asks the store for operation `op`. */
export function* call<K extends OpName>(op: K, args: ArgOf<K>): Step<ResultOf<K>> {
  return (yield { op, args }) as ResultOf<K>;
}

type AnyOp = (a: unknown) => unknown;

/** Runs a step synchronously (SQLite: inside the caller's better-sqlite3 transaction). */
export function runSync<T>(step: Step<T>, ops: Ops): T {
  const table = ops as unknown as Record<OpName, AnyOp>;
  let r = step.next();
  while (!r.done) r = step.next(table[r.value.op].call(ops, r.value.args));
  return r.value;
}

/** Runs a step with each operation awaited (PostgreSQL: on the transaction's connection). */
export async function runAsync<T>(step: Step<T>, ops: AsyncOps): Promise<T> {
  const table = ops as unknown as Record<OpName, (a: unknown) => Promise<unknown>>;
  let r = step.next();
  while (!r.done) r = step.next(await table[r.value.op].call(ops, r.value.args));
  return r.value;
}
