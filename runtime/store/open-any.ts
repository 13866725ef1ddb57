/**
 * Opens the store `--db` names: a PostgreSQL URL (`postgres://…`, several
 * instances may share it: pg-store.ts) or a SQLite file (one server per file:
 * sqlite-lock.ts).
 */
import type { CaseStore } from './case-store.ts';
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

export async function openCaseStore(db: string, o: OpenOptions = {}): Promise<CaseStore> {
  return isPostgresUrl(db) ? openPgStore(db, o) : openSqliteStore(db, { server: o.server === true });
}
