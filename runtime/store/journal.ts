/** Appends one item to a case's journal: next sequence number, hash linked to the previous item. */
import type { RunResult } from 'better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { canonicalJson, eventHash, sha256Hex } from '../engine/hash.ts';
import type { DocumentRef } from '../engine/types.ts';
import type { Queries } from './queries.ts';
import type * as schema from './schema.ts';
import type { CaseRow } from './schema.ts';

/** The database or a transaction on it: both run the same synchronous queries. */
export type Exec = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

/** Journal item kinds. */
/** `connecteur`: what came back from outside (a delivery, a tracking event, a return, an act issued). */
export type JournalKind = 'ouverture' | 'transition' | 'piece' | 'participation' | 'connecteur';

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
  readonly documents?: readonly DocumentRef[];
  readonly visibleTo?: readonly string[];
  /** Case version after the item (transitions increase it; other items keep it). */
  readonly caseVersion: number;
}

/**
 * Inserts the item after the case's last one and moves the case's chain head
 * (unless `moveHead` is false: the caller then writes `seq` and `hash` to the
 * case row itself, in the same UPDATE as the rest of the projection).
 * Must run inside the caller's transaction (`store.tx`), with `c` read in it.
 * `id` is the row's id: unique and increasing across all cases.
 */
export function appendJournal(
  q: Queries,
  c: CaseRow,
  item: JournalItem,
  moveHead = true,
): { seq: number; hash: string; id: number } {
  const seq = c.journalSeq + 1;
  const data = canonicalJson(item.data ?? {});
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
  const { lastInsertRowid } = q.insertJournal.run({ ...row, data, hash });
  if (moveHead) q.moveCaseHead.run({ id: c.id, seq, hash, at: item.at });
  return { seq, hash, id: Number(lastInsertRowid) };
}
