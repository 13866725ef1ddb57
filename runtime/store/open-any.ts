/**
 * Opens the store `--db` names: a PostgreSQL URL (`postgres://…`, several
 * instances may share it: pg-store.ts) or a SQLite file (one server per file:
 * sqlite-lock.ts).
 */
import type { AuditOpen, CaseStore } from './case-store.ts';
import { openPgAudit } from './pg-audit.ts';
import { openSqliteAudit } from './sqlite-audit.ts';
import { isPostgresUrl } from './pg-open.ts';
import { openPgStore } from './pg-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

export interface OpenOptions {
  /** PostgreSQL: folder of the documents and the server's files, shared by the instances (default `data`). */
  readonly dataDir?: string;
  /** PostgreSQL: this instance's name in the leases it takes. */
  readonly instance?: string;
  /** For a server: SQLite takes the file's server lock (one server per file). */
  readonly server?: boolean;
}

export { isPostgresUrl };

/** The read-only audit source of `db` (runtime/audit): a SQLite file, or a PostgreSQL URL (documents under `dataDir`). */
export async function openAuditSource(db: string, dataDir?: string): Promise<AuditOpen> {
  return isPostgresUrl(db) ? openPgAudit(db, dataDir) : openSqliteAudit(db);
}

export async function openCaseStore(db: string, o: OpenOptions = {}): Promise<CaseStore> {
  return isPostgresUrl(db) ? openPgStore(db, o) : openSqliteStore(db, { server: o.server === true });
}
