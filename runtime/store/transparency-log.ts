/**
 * The transparency log's rows on SQLite: journal items become leaves in the
 * order of their row id (one writer per file: ids commit in order), and the
 * signed checkpoints are kept beside them. The Merkle arithmetic is in
 * runtime/transparency/merkle.ts; what a checkpoint says is decided there too.
 */
import { asc, desc, gte, lt, and, sql, gt } from 'drizzle-orm';
import { journalLeafInput, leafHash } from '../transparency/merkle.ts';
import type { Store } from './open.ts';
import { type CheckpointRow, checkpoints, journalEvents, logLeaves, type LogLeafRow } from './schema.ts';

/** At most this many journal items join the log per transaction (a backlog is taken in several). */
const BATCH = 5000;

/** Appends every journal item the log does not hold yet, as leaves; returns the log's size. */
export function extendLog(s: Store): number {
  for (;;) {
    const done = s.tx(() => {
      const last = s.db
        .select({
          idx: sql<number | null>`max(${logLeaves.idx})`,
          journalId: sql<number | null>`max(${logLeaves.journalId})`,
        })
        .from(logLeaves)
        .get();
      let idx = (last?.idx ?? -1) + 1;
      const rows = s.db
        .select({
          id: journalEvents.id,
          caseId: journalEvents.caseId,
          seq: journalEvents.seq,
          hash: journalEvents.hash,
        })
        .from(journalEvents)
        .where(gt(journalEvents.id, last?.journalId ?? 0))
        .orderBy(asc(journalEvents.id))
        .limit(BATCH)
        .all();
      for (const r of rows) {
        s.db
          .insert(logLeaves)
          .values({
            idx: idx++,
            journalId: r.id,
            caseId: r.caseId,
            seq: r.seq,
            leafHash: leafHash(journalLeafInput(r.caseId, r.seq, r.hash)).toString('hex'),
          })
          .run();
      }
      return { size: idx, more: rows.length === BATCH };
    });
    if (!done.more) return done.size;
  }
}

/** Leaves `from` ≤ idx < `to`, in order. */
export function logLeavesBetween(s: Store, from: number, to: number): LogLeafRow[] {
  return s.db
    .select()
    .from(logLeaves)
    .where(and(gte(logLeaves.idx, from), lt(logLeaves.idx, to)))
    .orderBy(asc(logLeaves.idx))
    .all();
}

export function latestCheckpoints(s: Store, limit: number): CheckpointRow[] {
  return s.db.select().from(checkpoints).orderBy(desc(checkpoints.id)).limit(limit).all();
}

export type NewCheckpoint = Omit<CheckpointRow, 'id'>;

export function saveCheckpoint(s: Store, c: NewCheckpoint): CheckpointRow {
  return s.tx(() => s.db.insert(checkpoints).values(c).returning().get());
}
