/**
 * What `greffe audit verify --db postgres://…` reads, on a session that
 * cannot write (`default_transaction_read_only`): the same rows, in the same
 * order, as the SQLite audit source (sqlite-audit.ts); no migration is run.
 * The checks themselves are in runtime/audit/.
 */
import { resolve } from 'node:path';
import pg from 'pg';
import type { AuditOpen, AuditSource } from './case-store.ts';
import { withoutPassword } from './pg-open.ts';
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
import { SAFEGUARDS } from './sqlite-audit.ts';

const REQUIRED = ['cases', 'journal_events', 'participants', 'documents', 'deadlines'];

type Row = Record<string, unknown>;
const camel = (r: Row): Row =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), v]),
  );

const INT8 = 20;

/** `dataDir`: the instances' shared folder, where the documents are (`documents/`). */
export async function openPgAudit(url: string, dataDir = 'data'): Promise<AuditOpen> {
  const client = new pg.Client({
    connectionString: url,
    options: '-c default_transaction_read_only=on',
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  try {
    await client.connect();
  } catch (err: unknown) {
    return {
      ok: false,
      reason: `base PostgreSQL inaccessible (${err instanceof Error ? err.message : String(err)}).`,
    };
  }
  const q = async <T>(text: string, ...params: unknown[]): Promise<T[]> =>
    (await client.query(text, params)).rows.map((r: Row) => camel(r) as T);
  const tables = new Set(
    (
      await q<{ tableName: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      )
    ).map((r) => r.tableName),
  );
  if (tables.size === 0) {
    await client.end();
    return { ok: false, reason: 'base vide : aucune table, ce n’est pas (encore) une base greffe.' };
  }
  const missing = REQUIRED.filter((t) => !tables.has(t));
  if (missing.length > 0) {
    await client.end();
    return { ok: false, reason: `ce n’est pas une base greffe (tables absentes : ${missing.join(', ')}).` };
  }
  const hasLog = tables.has('log_leaves') && tables.has('checkpoints');
  const source: AuditSource = {
    location: withoutPassword(url),
    documentsDir: resolve(dataDir, 'documents'),
    hasLog,
    cases: () => q<CaseRow>('SELECT * FROM cases ORDER BY created_at, id'),
    async caseRows(caseId) {
      const key = tables.has('case_keys')
        ? (await q<CaseKeyRow>('SELECT * FROM case_keys WHERE case_id = $1', caseId))[0]
        : undefined;
      return {
        journal: await q<JournalRow>(
          'SELECT * FROM journal_events WHERE case_id = $1 ORDER BY seq, id',
          caseId,
        ),
        participants: await q<ParticipantRow>(
          'SELECT * FROM participants WHERE case_id = $1 ORDER BY id',
          caseId,
        ),
        deadlines: await q<DeadlineRow>('SELECT * FROM deadlines WHERE case_id = $1 ORDER BY id', caseId),
        documents: await q<DocumentRow>(
          'SELECT * FROM documents WHERE case_id = $1 ORDER BY journal_seq, id',
          caseId,
        ),
        ...(key && { key }),
      };
    },
    async orphanJournalCases() {
      return (
        await q<{ caseId: string }>(
          'SELECT DISTINCT j.case_id FROM journal_events j LEFT JOIN cases c ON c.id = j.case_id WHERE c.id IS NULL',
        )
      ).map((r) => r.caseId);
    },
    journalHeads: () =>
      q<{ id: number; caseId: string; seq: number; hash: string }>(
        'SELECT id, case_id, seq, hash FROM journal_events ORDER BY id',
      ),
    logLeaves: async () => (hasLog ? q<LogLeafRow>('SELECT * FROM log_leaves ORDER BY idx') : []),
    checkpoints: async () => (hasLog ? q<CheckpointRow>('SELECT * FROM checkpoints ORDER BY id') : []),
    async missingSafeguards() {
      const present = new Set(
        (await q<{ tgname: string }>('SELECT tgname FROM pg_trigger WHERE NOT tgisinternal')).map(
          (r) => r.tgname,
        ),
      );
      return SAFEGUARDS.filter((t) => (hasLog || t.startsWith('journal_')) && !present.has(t));
    },
    async devUserIds() {
      return (await q<{ id: string }>("SELECT id FROM users WHERE source = 'dev'")).map((r) => r.id);
    },
    async close() {
      await client.end();
    },
  };
  return { ok: true, source };
}
