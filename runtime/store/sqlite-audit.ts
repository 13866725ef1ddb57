/**
 * What `greffe audit verify` reads from a SQLite file, opened READ-ONLY: no
 * migration, no pragma that writes, nothing created but SQLite's own WAL
 * side files (the database file's bytes are left as they were). The checks
 * themselves are in runtime/audit/ and read only through `AuditSource`.
 */
import { resolve, dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditSource, AuditOpen } from './case-store.ts';
import type {
  CaseKeyRow,
  CaseRow,
  CheckpointRow,
  DeadlineRow,
  DocumentRow,
  JournalRow,
  LogLeafRow,
  ParticipantRow,
} from './schema.ts';

/** The tables a greffe database has from its first migration. */
const REQUIRED = [
  'cases',
  'journal_events',
  'participants',
  'documents',
  'deadlines',
  '__drizzle_migrations',
];

/** Triggers that keep the journal, the log and the checkpoints append-only (migrations 0001, 0003). */
export const SAFEGUARDS = [
  'journal_events_no_update',
  'journal_events_no_delete',
  'log_leaves_no_update',
  'log_leaves_no_delete',
  'checkpoints_no_update',
  'checkpoints_no_delete',
] as const;

type Row = Record<string, unknown>;

/** drizzle's camelCase names for the raw rows (the columns are snake_case). */
function camel(r: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r))
    out[k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  return out;
}

export function openSqliteAudit(file: string): AuditOpen {
  const abs = resolve(file);
  let db: Database.Database;
  try {
    db = new Database(abs, { readonly: true, fileMustExist: true });
  } catch (err: unknown) {
    return { ok: false, reason: `fichier illisible (${err instanceof Error ? err.message : String(err)}).` };
  }
  let tables: Set<string>;
  try {
    tables = new Set(
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
  } catch (err: unknown) {
    db.close();
    const notDb = (err as { code?: string }).code === 'SQLITE_NOTADB';
    return {
      ok: false,
      reason: notDb
        ? 'ce fichier n’est pas une base SQLite.'
        : `base illisible (${err instanceof Error ? err.message : String(err)}).`,
    };
  }
  if (tables.size === 0) {
    db.close();
    return { ok: false, reason: 'base vide : aucune table, ce n’est pas (encore) une base greffe.' };
  }
  const missing = REQUIRED.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    db.close();
    return { ok: false, reason: `ce n’est pas une base greffe (tables absentes : ${missing.join(', ')}).` };
  }
  const all = <T>(sql: string, ...params: unknown[]): T[] =>
    (db.prepare(sql).all(...params) as Row[]).map((r) => camel(r) as T);
  const hasLog = tables.has('log_leaves') && tables.has('checkpoints');
  const source: AuditSource = {
    location: abs,
    documentsDir: resolve(dirname(abs), 'documents'),
    hasLog,
    async cases() {
      return all<CaseRow>('SELECT * FROM cases ORDER BY created_at, id');
    },
    async caseRows(caseId) {
      const key = tables.has('case_keys')
        ? all<CaseKeyRow>('SELECT * FROM case_keys WHERE case_id = ?', caseId)[0]
        : undefined;
      return {
        journal: all<JournalRow>('SELECT * FROM journal_events WHERE case_id = ? ORDER BY seq, id', caseId),
        participants: all<ParticipantRow>('SELECT * FROM participants WHERE case_id = ? ORDER BY id', caseId),
        deadlines: all<DeadlineRow>('SELECT * FROM deadlines WHERE case_id = ? ORDER BY id', caseId),
        documents: all<DocumentRow>(
          'SELECT * FROM documents WHERE case_id = ? ORDER BY journal_seq, id',
          caseId,
        ),
        ...(key && { key }),
      };
    },
    async orphanJournalCases() {
      return db
        .prepare(
          'SELECT DISTINCT j.case_id FROM journal_events j LEFT JOIN cases c ON c.id = j.case_id WHERE c.id IS NULL',
        )
        .pluck()
        .all() as string[];
    },
    async journalHeads() {
      return all<{ id: number; caseId: string; seq: number; hash: string }>(
        'SELECT id, case_id, seq, hash FROM journal_events ORDER BY id',
      );
    },
    async logLeaves() {
      return hasLog ? all<LogLeafRow>('SELECT * FROM log_leaves ORDER BY idx') : [];
    },
    async checkpoints() {
      return hasLog ? all<CheckpointRow>('SELECT * FROM checkpoints ORDER BY id') : [];
    },
    async missingSafeguards() {
      const present = new Set(
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[],
      );
      return SAFEGUARDS.filter((t) => (hasLog || t.startsWith('journal_')) && !present.has(t));
    },
    async devUserIds() {
      return db.prepare("SELECT id FROM users WHERE source = 'dev'").pluck().all() as string[];
    },
    async close() {
      db.close();
    },
  };
  return { ok: true, source };
}
