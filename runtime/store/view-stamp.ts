/**
 * A cached case view's stamp in one read, as a plain better-sqlite3 statement
 * prepared once per connection: the hot path of every GET of a case view that
 * the write mark could not answer alone (service/view-cache.ts).
 */
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { ViewStamp } from './case-store.ts';

export interface StampRow {
  journal_seq: number;
  last_hash: string;
  updated_at: string;
  version: number;
  procedure_id: string;
  procedure_version: string;
  draft_saved_at: string | null;
}

const stamps = new WeakMap<Database.Database, Statement<[string, string], StampRow>>();

function stampRead(sqlite: Database.Database): Statement<[string, string], StampRow> {
  let st = stamps.get(sqlite);
  if (!st) {
    st = sqlite.prepare(
      `SELECT c.journal_seq, c.last_hash, c.updated_at, c.version, c.procedure_id, c.procedure_version,
         (SELECT d.saved_at FROM drafts d WHERE d.case_id = c.id AND d.user_id = ?) AS draft_saved_at
       FROM cases c WHERE c.id = ?`,
    );
    stamps.set(sqlite, st);
  }
  return st;
}

export function stampOf(sqlite: Database.Database, caseId: string, userId: string): ViewStamp | undefined {
  const h = stampRead(sqlite).get(userId, caseId);
  return h ? toViewStamp(h) : undefined;
}

/** The stamp from its row, as both stores read it (the same columns on SQLite and PostgreSQL). */
export function toViewStamp(h: StampRow): ViewStamp {
  return {
    journalSeq: h.journal_seq,
    lastHash: h.last_hash,
    updatedAt: h.updated_at,
    version: h.version,
    procedureId: h.procedure_id,
    procedureVersion: h.procedure_version,
    draftSavedAt: h.draft_saved_at,
  };
}
