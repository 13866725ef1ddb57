/** Appends one item to a case's journal: next sequence number, hash linked to the previous item. */
import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { canonicalJson, eventHash, sha256Hex } from '../engine/hash.ts';
import type { DocumentRef } from '../engine/types.ts';
import type { PersonalMask } from '../../spec/personal.ts';
import { seal } from './personal-data.ts';
import { call, type Step } from './steps.ts';
import type * as schema from './schema.ts';
import type { CaseRow } from './schema.ts';

/** The database or a transaction on it: both run the same synchronous queries. */
export type Exec = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** Journal item kinds. */
/** `connecteur`: what came back from outside (a delivery, a tracking event, a return, an act issued). */
/** `migration`: the case moved to a later version by its transitional provisions (store/migration.ts). */
export type JournalKind = 'ouverture' | 'transition' | 'piece' | 'participation' | 'connecteur' | 'migration';

/** The values of a receipt that may name a person (crypto-shredding: personal-data.ts). */
const RECEIPT_MASK = { label: true, error: true, detail: true, recipient: true, adresse: true } as const;

/** The system's actor id in the journal (deadline expiries). */
export const SYSTEM_ACTOR = 'systeme';

export interface JournalItem {
  readonly kind: JournalKind;
  readonly event?: string | null;
  readonly transitionIndex?: number | null;
  readonly fromState?: string | null;
  readonly toState?: string | null;
  readonly actorId: string;
  readonly actorRole: string | null;
  readonly at: string;
  readonly data: unknown;
  /** Where `data`'s personal values are (spec/personal.ts): written encrypted with the case's key, before hashing. */
  readonly personal?: PersonalMask;
  readonly documents?: readonly DocumentRef[];
  readonly visibleTo?: readonly string[];
  /** Case version after the item (transitions increase it; other items keep it). */
  readonly caseVersion: number;
}

/**
 * Inserts the item after the case's last one and moves the case's chain head
 * (unless `moveHead` is false: the caller then writes `seq` and `hash` to the
 * case row itself, in the same UPDATE as the rest of the projection).
 * Must run inside the caller's transaction, with `c` read in it.
 * `id` is the row's id: unique and increasing across all cases.
 */
export function* appendJournal(
  c: CaseRow,
  item: JournalItem,
  moveHead = true,
): Step<{ seq: number; hash: string; id: number }> {
  const seq = c.journalSeq + 1;
  const key = item.personal ? yield* call('caseKey', { caseId: c.id }) : undefined;
  // The hash covers the ciphertext: destroying the key later leaves the chain intact.
  const data = canonicalJson(seal(key, c.id, item.data ?? {}, item.personal));
  const row = {
    caseId: c.id,
    seq,
    kind: item.kind,
    event: item.event ?? null,
    transitionIndex: item.transitionIndex ?? null,
    fromState: item.fromState ?? null,
    toState: item.toState ?? null,
    actorId: item.actorId,
    actorRole: item.actorRole,
    at: item.at,
    dataSha256: sha256Hex(data),
    documents: canonicalJson(item.documents ?? []),
    visibleTo: canonicalJson(item.visibleTo ?? []),
    specId: c.procedureId,
    specVersion: c.procedureVersion,
    caseVersion: item.caseVersion,
    prevHash: c.lastHash,
  };
  const hash = eventHash(row);
  const id = yield* call('insertJournal', { ...row, data, hash });
  if (moveHead) yield* call('moveCaseHead', { id: c.id, seq, hash, at: item.at });
  return { seq, hash, id };
}

/**
 * Something that came back from outside for a case — a delivery acknowledged
 * by its provider, a letter's tracking event, a commissaire's return, a bank's
 * answer, an act issued as a sealed PDF — journaled once per `key`.
 */
export interface ReceiptRecord {
  /** Unique per answer (e.g. `outbox-12:envoye`, `poste:<tracking id>`): a second record with it changes nothing. */
  readonly key: string;
  readonly caseId: string;
  /** Dotted name of what happened, e.g. `courriel.envoye`, `courrier.retourne`, `acte.emis`. */
  readonly event: string;
  /** The line the case's history shows, in French. */
  readonly label: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly actorId: string;
  /** Roles that may see it; empty = every role of the case. */
  readonly visibleTo: readonly string[];
  readonly at: string;
  /** A document issued with it (its bytes already stored under their SHA-256). */
  readonly document?: {
    readonly id: string;
    readonly kind: string;
    readonly filename: string;
    readonly mediaType: string;
    readonly size: number;
    readonly sha256: string;
  };
}

/** A document upload to journal (its bytes are already stored under their SHA-256). */
export interface UploadRecord {
  readonly caseId: string;
  readonly documentId: string;
  readonly kind: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly actorId: string;
  readonly actorRole: string | null;
  readonly visibleTo: readonly string[];
  readonly at: string;
}

/** Journals an uploaded document and records its metadata (inside the caller's transaction). */
export function* recordUpload(u: UploadRecord): Step<void> {
  const c = yield* call('caseById', { id: u.caseId });
  if (!c) throw new Error(`Affaire ${u.caseId} disparue pendant le dépôt.`);
  const { seq } = yield* appendJournal(c, {
    kind: 'piece',
    actorId: u.actorId,
    actorRole: u.actorRole,
    at: u.at,
    data: { kind: u.kind, filename: u.filename, mediaType: u.mediaType, size: u.size },
    documents: [{ id: u.documentId, kind: u.kind, sha256: u.sha256 }],
    visibleTo: u.visibleTo,
    caseVersion: c.version,
  });
  yield* call('insertDocument', {
    id: u.documentId,
    caseId: u.caseId,
    kind: u.kind,
    filename: u.filename,
    mediaType: u.mediaType,
    size: u.size,
    sha256: u.sha256,
    origin: 'depot',
    uploadedAt: u.at,
    uploadedBy: u.actorId,
    uploadedByRole: u.actorRole,
    journalSeq: seq,
  });
}

/**
 * Journals what came back from outside (kind `connecteur`) with the document
 * issued with it, once per key: a known key changes nothing and gives back the
 * first record's sequence number (inside the caller's transaction).
 */
export function* recordReceipt(r: ReceiptRecord): Step<{ recorded: boolean; seq: number }> {
  // The case first: on PostgreSQL it is read FOR UPDATE, so a second instance recording the same
  // answer waits here and then finds the first one's receipt.
  const c = yield* call('caseById', { id: r.caseId });
  if (!c) throw new Error(`Affaire ${r.caseId} inconnue.`);
  const known = yield* call('receiptOf', { key: r.key });
  if (known) return { recorded: false, seq: known.journalSeq };
  const d = r.document;
  const { seq } = yield* appendJournal(c, {
    kind: 'connecteur',
    event: r.event,
    actorId: r.actorId,
    actorRole: null,
    at: r.at,
    data: { ...r.data, label: r.label },
    // The line names who was written to (« à contact@… »), an error may name the person.
    personal: RECEIPT_MASK,
    ...(d && { documents: [{ id: d.id, kind: d.kind, sha256: d.sha256 }] }),
    visibleTo: r.visibleTo,
    caseVersion: c.version,
  });
  if (d) {
    yield* call('insertDocument', {
      ...d,
      caseId: r.caseId,
      origin: 'acte',
      uploadedAt: r.at,
      uploadedBy: r.actorId,
      uploadedByRole: null,
      journalSeq: seq,
    });
  }
  yield* call('insertReceipt', { key: r.key, caseId: r.caseId, journalSeq: seq, at: r.at });
  return { recorded: true, seq };
}
